"""Structured data (schema.org JSON-LD) for search engines.

Builders return plain dicts; ``json_ld_script`` serialises one safely for a <script> block,
escaping <, > and & so no stored text (a title containing ``</script>``, say) can end the
block early. Each builder takes ``absolute``, a function turning a site path into a full URL.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from clinic.renditions import rendition_url

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
WEEKDAYS = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday", 7: "Sunday"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding ``data``; safe to output unescaped."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 — escaped above


def plain(html_text, limit=300):
    """Rich text as a plain one-line summary for descriptions."""
    text = " ".join(strip_tags(html_text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def image_url(field_file, absolute, width=1200):
    """Absolute URL of a WebP rendition of ``field_file`` (for cards and previews), or ''."""
    if not field_file:
        return ""
    return absolute(rendition_url(field_file, width))


def clinic_data(clinic, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "@id": absolute("/") + "#clinic",
        "name": clinic.name,
        "url": absolute("/"),
        "telephone": clinic.phone,
        "email": clinic.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.street_address,
            "addressLocality": clinic.locality,
            "postalCode": clinic.postcode,
            "addressCountry": clinic.country,
        },
    }
    if clinic.tagline:
        data["description"] = clinic.tagline
    if clinic.latitude is not None and clinic.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(clinic.latitude),
            "longitude": float(clinic.longitude),
        }
    if clinic.pk:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": WEEKDAYS[slot.weekday],
                "opens": slot.opens_at.strftime("%H:%M"),
                "closes": slot.closes_at.strftime("%H:%M"),
            }
            for slot in clinic.opening_hours.all()
        ]
    same_as = [url for _label, url in clinic.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumb_data(breadcrumbs, current_path, absolute):
    """BreadcrumbList matching the visible trail: Home, then each crumb (the last is this page)."""
    items = [("Home", "/")] + [(label, url or current_path) for label, url in breadcrumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(label), "item": absolute(url)}
            for position, (label, url) in enumerate(items, start=1)
        ],
    }


def person_data(practitioner, absolute):
    data = {
        "@type": "Person",
        "name": practitioner.name,
        "url": absolute(practitioner.get_absolute_url()),
        "jobTitle": practitioner.role,
    }
    if practitioner.credentials:
        data["honorificSuffix"] = practitioner.credentials
    if practitioner.registration_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": practitioner.regulator,
            "value": practitioner.registration_number,
        }
    return data


def article_data(article, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.seo_description or article.excerpt,
        "url": absolute(article.get_absolute_url()),
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.content_updated_at or article.published_at or article.updated_at).isoformat(),
        # An article without a practitioner shown on the site (e.g. imported from WordPress)
        # is the clinic's own: no person, and no registration number, is claimed for it.
        "author": person_data(article.author, absolute)
        if article.author and article.author.is_active
        else {"@id": absolute("/") + "#clinic"},
        "publisher": {"@id": absolute("/") + "#clinic"},
    }
    if article.cover:
        data["image"] = image_url(article.cover, absolute)
    if article.medical_reviewer_id:
        # schema.org puts reviewedBy on the web page that carries the article.
        data["isPartOf"] = {
            "@type": "MedicalWebPage",
            "url": absolute(article.get_absolute_url()),
            "reviewedBy": person_data(article.medical_reviewer, absolute),
            "lastReviewed": article.reviewed_on.isoformat() if article.reviewed_on else None,
        }
    return data


def treatment_data(treatment, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalProcedure",
        "name": treatment.name,
        "description": treatment.summary or plain(treatment.overview),
        "url": absolute(treatment.get_absolute_url()),
        "procedureType": "https://schema.org/NoninvasiveProcedure",
    }
    if treatment.hero_image:
        data["image"] = image_url(treatment.hero_image, absolute)
    if treatment.how_it_works:
        data["howPerformed"] = plain(treatment.how_it_works)
    if treatment.does_not_suit:
        data["contraindication"] = plain(treatment.does_not_suit)
    if treatment.risks:
        data["adverseOutcome"] = plain(treatment.risks)
    return data


def faq_data(faqs):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain(faq.answer, limit=1000)},
            }
            for faq in faqs
        ],
    }
