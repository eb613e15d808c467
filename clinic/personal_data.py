"""Answering UK GDPR requests about one email address: a copy of what we hold, or its erasure.

Every app that stores a visitor's details registers a provider in
``clinic.registries.personal_data_providers`` under a name ("comments", "enquiries"). The
privacy notice promises both answers, so a new model holding personal details needs one.

A provider has:

- ``label``: str, what it holds, for people ("Comments");
- ``export(email) -> list[dict]``: JSON-ready records of everything held about ``email``
  (case ignored);
- ``erase(email) -> int``: deletes or anonymises what is held about ``email``, returning
  how many rows it erased or anonymised.
"""

from django.db import transaction
from django.utils import timezone

from clinic.models import Enquiry
from clinic.registries import personal_data_providers


def export_personal_data(email):
    """Everything stored about ``email`` (ignoring case), as a JSON-ready dict.

    ``email`` and ``exported_at``, then one list of records per provider under its name.
    """
    email = email.strip()
    data = {"email": email, "exported_at": timezone.now().isoformat(timespec="seconds")}
    for name, provider in personal_data_providers.items():
        data[name] = provider.export(email)
    return data


@transaction.atomic
def erase_personal_data(email):
    """Erase what is stored about ``email`` everywhere, in one transaction.

    Returns {provider name: rows erased or anonymised}.
    """
    email = email.strip()
    return {name: provider.erase(email) for name, provider in personal_data_providers.items()}


def _isoformat(value):
    return value.isoformat(timespec="seconds") if value else None


class EnquiryData:
    """Consultation enquiries: exported in full, deleted on erasure."""

    label = "Consultation enquiries"

    def _rows(self, email):
        return Enquiry.objects.filter(email__iexact=email.strip())

    def export(self, email):
        return [
            {
                "id": enquiry.pk,
                "name": enquiry.name,
                "email": enquiry.email,
                "phone": enquiry.phone,
                "treatment": enquiry.treatment or None,
                "preferred_contact": enquiry.preferred_contact,
                "message": enquiry.message,
                "status": enquiry.status,
                "staff_notes": enquiry.staff_notes,
                "created_at": _isoformat(enquiry.created_at),
                "consent_given_at": _isoformat(enquiry.consent_given_at),
            }
            for enquiry in self._rows(email).order_by("created_at", "pk")
        ]

    def erase(self, email):
        deleted, _ = self._rows(email).delete()
        return deleted
