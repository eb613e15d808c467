"""Demo content for the clinic app: profile, hours, practitioners and flat pages.

Written for this site; every call updates the same rows (keyed by slug), so loading
twice creates nothing twice. Each app registers its own ``load()`` in ``clinic.registries.demo_content``.
"""

import io
from datetime import time

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from clinic.models import ClinicProfile, OpeningHours, Page, Practitioner


def placeholder_image(label, colour, size=(1200, 800)):
    """A plain generated image (no photos of real people in demo content)."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    for step in range(0, width, 40):
        draw.line([(step, 0), (step - height // 2, height)], fill=tuple(min(c + 18, 255) for c in colour), width=12)
    draw.ellipse([width * 0.35, height * 0.25, width * 0.65, height * 0.75], outline=(255, 255, 255), width=10)
    draw.text((width * 0.05, height * 0.85), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{label.lower().replace(' ', '-')}.jpg")


PRACTITIONERS = [
    {
        "slug": "dr-isla-morrison",
        "name": "Dr Isla Morrison",
        "role": "Medical Director",
        "credentials": "MBChB, MRCGP, PGCert Aesthetic Medicine",
        "regulator": Practitioner.Regulator.GMC,
        "registration_number": "7654321",
        "is_prescriber": True,
        "memberships": "British College of Aesthetic Medicine",
        "order": 1,
        "bio": (
            "<p>Isla trained in medicine at the University of Glasgow and worked in general practice "
            "for ten years before founding the clinic. She leads on regenerative treatments and "
            "reviews every article we publish for medical accuracy.</p>"
            "<p>Outside clinic she teaches injection safety to doctors new to aesthetics.</p>"
        ),
        "colour": (47, 93, 98),
    },
    {
        "slug": "niamh-fraser",
        "name": "Niamh Fraser",
        "role": "Aesthetic Nurse Prescriber",
        "credentials": "RGN, BSc (Hons) Adult Nursing, V300",
        "regulator": Practitioner.Regulator.NMC,
        "registration_number": "09A1234S",
        "is_prescriber": True,
        "memberships": "British Association of Cosmetic Nurses",
        "order": 2,
        "bio": (
            "<p>Niamh spent eight years in dermatology outpatients at a Glasgow teaching hospital. "
            "She runs our skin assessments and carries out most PRP and microneedling sessions.</p>"
        ),
        "colour": (138, 75, 42),
    },
]

PAGES = [
    {
        "slug": "about",
        "title": "About the clinic",
        "seo_description": "An independent, doctor-led aesthetic clinic in Glasgow's West End.",
        "body": (
            "<p>We are a small, doctor-led clinic in Glasgow's West End. We focus on treatments "
            "that support the skin's own repair rather than quick fixes, and we would rather tell "
            "you a treatment is not for you than sell you one that will disappoint.</p>"
            "<h2>How we work</h2><ul><li>Every treatment begins with a face-to-face consultation.</li>"
            "<li>Treatments are carried out by registered healthcare professionals.</li>"
            "<li>We give you written aftercare and a follow-up appointment.</li></ul>"
        ),
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "seo_description": "What personal information the clinic keeps, why, for how long, and your rights.",
        "body": (
            "<p>We are the data controller for the information you give us through this website.</p>"
            "<h2>What we keep</h2><ul><li>Consultation enquiries: your name, contact details and "
            "message.</li><li>Comments: your name, email address (never published) and comment, kept "
            "while the comment is shown, and whether you asked to be emailed about it. To limit abuse "
            "we keep a one-way hash of your network address for at most 24 hours; never the address "
            "itself.</li><li>Our web server's log records the time, the page asked for and the "
            "outcome of each request; never your network address.</li></ul>"
            "<h2>Your rights</h2><p>You may ask for a copy of what we hold about you, or for it to be "
            "erased, by emailing us. We answer within one month.</p>"
            "<p>This site sets no tracking or advertising cookies and loads nothing from other websites.</p>"
        ),
    },
    {
        "slug": "medical-disclaimer",
        "title": "Medical disclaimer",
        "seo_description": "Our articles are general information, not medical advice for your situation.",
        "body": (
            "<p>The articles and treatment pages on this website are general information. They are not "
            "medical advice and cannot replace a consultation with a qualified practitioner who has "
            "assessed you in person.</p><p>Results vary from person to person. If you have a medical "
            "concern, speak to your GP or call NHS 24 on 111.</p>"
        ),
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "seo_description": "Phone, email, address and opening hours of the clinic in Glasgow.",
        "body": (
            "<p>Call, email or drop in during opening hours. We usually reply to emails within one working day.</p>"
        ),
    },
]


def load():
    ClinicProfile(
        pk=1,
        name="Kelvin Skin Clinic",
        tagline="Doctor-led regenerative skin treatments in Glasgow",
        street_address="14 Kelvingrove Terrace",
        locality="Glasgow",
        postcode="G3 7RZ",
        latitude="55.866900",
        longitude="-4.282500",
        phone="0141 496 0123",
        email="hello@kelvinskin.example",
        booking_note="Consultations last 30 minutes and cost £30, taken off your first treatment.",
        his_registration_number="HIS-IC-0000",
        his_register_url="https://www.healthcareimprovementscotland.scot/",
        complaints_procedure="<p>Tell us first and we will reply within three working days.</p>",
        instagram_url="https://www.instagram.com/",
    ).save()
    clinic = ClinicProfile.objects.get(pk=1)
    for weekday in range(1, 6):
        OpeningHours.objects.update_or_create(
            clinic=clinic,
            weekday=weekday,
            defaults={"opens_at": time(9), "closes_at": time(18 if weekday != 4 else 20)},
        )
    OpeningHours.objects.update_or_create(
        clinic=clinic, weekday=6, defaults={"opens_at": time(10), "closes_at": time(15)}
    )

    for data in PRACTITIONERS:
        data = dict(data)
        colour = data.pop("colour")
        practitioner, _ = Practitioner.objects.update_or_create(slug=data.pop("slug"), defaults=data)
        if not practitioner.photo:
            practitioner.photo = placeholder_image(practitioner.name, colour, size=(800, 800))
            practitioner.save()

    for data in PAGES:
        data = dict(data)
        Page.objects.update_or_create(slug=data.pop("slug"), defaults=data)
