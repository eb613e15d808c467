"""Answering UK GDPR requests about one email address: a copy of what we hold, or its erasure.

Covers every place the website stores a visitor's details: article comments and
consultation enquiries. The privacy notice promises both, so a new model holding
personal details belongs here too.
"""

from django.db import transaction
from django.utils import timezone

from clinic import registries
from clinic.models import Enquiry


def export_personal_data(email):
    """Everything stored about ``email`` (ignoring case), as a JSON-ready dict.

    Enquiries, then each registered personal-data provider's export under its name.
    """
    enquiries = Enquiry.objects.filter(email__iexact=email.strip()).select_related("treatment").order_by("created_at")
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        **{name: provider.export(email) for name, provider in registries.personal_data_providers.items()},
        "enquiries": [
            {
                "id": enquiry.pk,
                "name": enquiry.name,
                "email": enquiry.email,
                "phone": enquiry.phone,
                "treatment": enquiry.treatment.name if enquiry.treatment else None,
                "preferred_contact": enquiry.preferred_contact,
                "message": enquiry.message,
                "status": enquiry.status,
                "staff_notes": enquiry.staff_notes,
                "created_at": enquiry.created_at.isoformat(timespec="seconds"),
                "consent_given_at": enquiry.consent_given_at.isoformat(timespec="seconds"),
            }
            for enquiry in enquiries
        ],
    }


@transaction.atomic
def erase_personal_data(email):
    """Erase what is stored about ``email``; returns counts per place ("enquiries", then each provider's name).

    Enquiries are deleted; each registered provider erases its own data (comments with
    replies are anonymised rather than deleted, see comments/personal_data.py).
    """
    enquiries, _ = Enquiry.objects.filter(email__iexact=email.strip()).delete()
    counts = {"enquiries": enquiries}
    for name, provider in registries.personal_data_providers.items():
        counts[name] = provider.erase(email)
    return counts
