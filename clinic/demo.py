"""Demo content for the clinic app: profile, hours, practitioners and flat pages.

Written for this site; every call updates the same rows (keyed by slug), so loading
twice creates nothing twice. Each app registers its own ``load()`` in ``clinic.registries.demo_content``.
"""

import hashlib
import io
import math
import random
from datetime import time

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter

from clinic.models import ClinicProfile, OpeningHours, Page, Practitioner


def _mix(colour, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


SAND = (243, 238, 229)
WHITE = (255, 255, 255)
MOTIFS = ("cells", "waves", "ripples", "petals")


def illustration(label, colour, size=(1200, 800), motif=None):
    """An abstract illustration in ``colour`` drawn locally (no photos of real people in demo content).

    The layout follows from ``label``, so each treatment and article looks different but a
    reload draws the same picture. ``motif`` (one of MOTIFS, or "portrait") overrides the choice.
    """
    seed = int(hashlib.sha256(label.encode()).hexdigest(), 16)
    rng = random.Random(seed)
    motif = motif or MOTIFS[seed % len(MOTIFS)]
    width, height = size
    # A soft diagonal wash from a pale tint of the colour to warm sand.
    wash = Image.new("L", (2, 2))
    wash.putdata([255, 150, 150, 40])
    image = wash.resize(size, Image.Resampling.BILINEAR)
    image = Image.composite(Image.new("RGB", size, _mix(colour, WHITE, 0.82)), Image.new("RGB", size, SAND), image)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    if motif == "portrait":
        tone = _mix(colour, WHITE, 0.15)
        halo = _mix(colour, WHITE, 0.7)
        draw.ellipse([width * 0.1, height * 0.08, width * 0.9, height * 0.88], fill=(*halo, 160))
        draw.ellipse([width * 0.12, height * 0.72, width * 0.88, height * 1.45], fill=(*tone, 235))
        draw.ellipse([width * 0.32, height * 0.2, width * 0.68, height * 0.66], fill=(*tone, 235))
    elif motif == "cells":
        for _ in range(14):
            radius = rng.uniform(0.04, 0.16) * width
            x, y = rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.9) * height
            shade = _mix(colour, WHITE, rng.uniform(0, 0.55))
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*shade, rng.randint(120, 220)))
            hx, hy = x - radius * 0.35, y - radius * 0.35
            draw.ellipse(
                [hx - radius * 0.2, hy - radius * 0.2, hx + radius * 0.2, hy + radius * 0.2], fill=(*WHITE, 60)
            )
    elif motif == "waves":
        for band in range(7):
            shade = _mix(colour, WHITE, band / 9)
            offset = height * (0.3 + band * 0.1)
            phase, amplitude = rng.uniform(0, 6.28), rng.uniform(0.04, 0.09) * height
            points = [(x, offset + amplitude * math.sin(phase + x / width * 6.28)) for x in range(0, width + 40, 40)]
            draw.polygon([*points, (width, height), (0, height)], fill=(*shade, 150))
    elif motif == "ripples":
        x, y = rng.uniform(0.35, 0.65) * width, rng.uniform(0.35, 0.65) * height
        for ring in range(9, 0, -1):
            radius = ring * 0.07 * width
            shade = _mix(colour, WHITE, ring / 11)
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*shade, 110))
    else:  # petals
        cx, cy = width * rng.uniform(0.4, 0.6), height * 0.5
        for petal in range(8):
            angle = petal * math.pi / 4 + rng.uniform(-0.1, 0.1)
            px, py = cx + math.cos(angle) * height * 0.22, cy + math.sin(angle) * height * 0.22
            shade = _mix(colour, WHITE, 0.1 + petal * 0.06)
            draw.ellipse(
                [px - height * 0.2, py - height * 0.2, px + height * 0.2, py + height * 0.2], fill=(*shade, 120)
            )
        draw.ellipse(
            [cx - height * 0.08, cy - height * 0.08, cx + height * 0.08, cy + height * 0.08], fill=(*SAND, 230)
        )
    layer = layer.filter(ImageFilter.GaussianBlur(radius=width / 300))
    image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{slugify(label)[:50] or 'illustration'}.jpg")


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
            practitioner.photo = illustration(practitioner.name, colour, size=(800, 800), motif="portrait")
            practitioner.save()

    for data in PAGES:
        data = dict(data)
        Page.objects.update_or_create(slug=data.pop("slug"), defaults=data)
