"""Personal-data requests reach every registered provider, and only through the registry."""

import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinic.models import Enquiry
from clinic.personal_data import erase_personal_data, export_personal_data
from clinic.registries import personal_data_providers

pytestmark = pytest.mark.django_db


class Notebook:
    """A provider an app might add: it holds one note per address."""

    label = "Notes"

    def __init__(self):
        self.notes = {"fiona@example.com": "Prefers mornings"}

    def export(self, email):
        note = self.notes.get(email.lower())
        return [{"note": note}] if note else []

    def erase(self, email):
        return 1 if self.notes.pop(email.lower(), None) else 0


@pytest.fixture
def notebook():
    provider = personal_data_providers.register("notes", Notebook())
    yield provider
    personal_data_providers.unregister("notes")


def test_a_registered_provider_is_exported_and_erased_beside_the_built_in_ones(notebook):
    Enquiry.objects.create(
        name="Fiona", email="fiona@example.com", treatment="PRP", message="Hi", consent_given_at=timezone.now()
    )
    data = export_personal_data(" Fiona@Example.com ")
    assert data["notes"] == [{"note": "Prefers mornings"}]
    assert [(enquiry["treatment"], enquiry["message"]) for enquiry in data["enquiries"]] == [("PRP", "Hi")]
    assert data["comments"] == []
    assert json.loads(json.dumps(data)) == data

    assert erase_personal_data("FIONA@example.com") == {"comments": 0, "notes": 1, "enquiries": 1, "outbox": 0}
    assert notebook.notes == {}
    assert not Enquiry.objects.exists()


def test_the_command_names_what_it_erased(notebook, capsys):
    call_command("personal_data", "fiona@example.com", "--erase")
    assert "Notes: 1" in capsys.readouterr().out
