"""Staff handle enquiries in the admin: statuses, spam, CSV export and the index count."""

import csv
import io

import pytest
from django.db import IntegrityError
from django.urls import reverse

from clinic.models import Enquiry
from tests.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:clinic_enquiry_changelist")


def run_action(admin_client, action, enquiries):
    return admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [enquiry.pk for enquiry in enquiries]}, follow=True
    )


def test_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError):
        EnquiryFactory(status="lost")


def test_database_refuses_phone_preference_without_a_number():
    with pytest.raises(IntegrityError):
        EnquiryFactory(preferred_contact="phone", phone="")


def test_changelist_searches_and_filters(admin_client):
    EnquiryFactory(name="Fiona Reid")
    EnquiryFactory(name="Hamish Boyd", status=Enquiry.Status.CLOSED)
    html = admin_client.get(CHANGELIST, {"q": "Fiona"}).content.decode()
    assert "Fiona Reid" in html
    assert "Hamish Boyd" not in html
    html = admin_client.get(CHANGELIST, {"status__exact": "closed"}).content.decode()
    assert "Hamish Boyd" in html
    assert "Fiona Reid" not in html


def test_mark_contacted_and_closed_actions(admin_client):
    first, second = EnquiryFactory(), EnquiryFactory()
    response = run_action(admin_client, "mark_contacted", [first])
    assert "1 enquiry marked as contacted." in response.content.decode()
    run_action(admin_client, "mark_closed", [second])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Enquiry.Status.CONTACTED
    assert second.status == Enquiry.Status.CLOSED


def test_spam_actions_move_enquiries_in_and_out_of_spam(admin_client):
    enquiry = EnquiryFactory(is_spam=True, spam_reason="too many links")
    run_action(admin_client, "mark_not_spam", [enquiry])
    enquiry.refresh_from_db()
    assert not enquiry.is_spam
    run_action(admin_client, "mark_spam", [enquiry])
    enquiry.refresh_from_db()
    assert enquiry.is_spam


def test_csv_export_lists_the_selected_enquiries_safely(admin_client):
    chosen = EnquiryFactory(name="=HYPERLINK(1)", treatment="PRP", message="Evenings, please")
    EnquiryFactory(name="Not chosen")
    response = admin_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Received", "Name", "Email"]
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][4] == "PRP"
    assert "Evenings, please" in rows[1]


def test_csv_export_keeps_accents_and_includes_status_and_staff_notes(admin_client):
    enquiry = EnquiryFactory(
        name="Siobhán Ní Bhriain",
        status=Enquiry.Status.CONTACTED,
        staff_notes="Called back; prefers Tuesdays.",
        message=" =1+2",
        phone="+44 7700 900456",
    )
    response = admin_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [enquiry.pk]})
    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    record = dict(zip(header, row, strict=True))
    assert record["Name"] == "Siobhán Ní Bhriain"
    assert record["Status"] == "Contacted"
    assert record["Staff notes"] == "Called back; prefers Tuesdays."
    assert record["Message"] == "' =1+2"  # a formula behind spaces is defused too
    assert record["Phone"] == "'+44 7700 900456"


def test_email_and_phone_are_links_in_the_admin(admin_client):
    enquiry = EnquiryFactory(email="morag@example.com", phone="+44 (0)7700 900456")
    html = admin_client.get(CHANGELIST).content.decode()
    assert '<a href="mailto:morag@example.com">morag@example.com</a>' in html
    assert '<a href="tel:+447700900456">+44 (0)7700 900456</a>' in html
    page = admin_client.get(reverse("admin:clinic_enquiry_change", args=[enquiry.pk])).content.decode()
    assert 'href="mailto:morag@example.com"' in page
    assert 'href="tel:+447700900456"' in page


def test_staff_cannot_add_enquiries_by_hand(admin_client):
    assert admin_client.get(reverse("admin:clinic_enquiry_add")).status_code == 403


def test_admin_index_counts_new_genuine_enquiries(admin_client):
    EnquiryFactory.create_batch(2)
    EnquiryFactory(status=Enquiry.Status.CONTACTED)
    EnquiryFactory(is_spam=True)
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "2 new enquiries" in html


def test_moderators_can_view_and_change_but_not_delete_enquiries(db):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"view_enquiry", "change_enquiry"} <= codenames
    assert "delete_enquiry" not in codenames
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"change_treatment", "add_faq", "change_comparison"} <= editors


def test_changelist_shows_and_filters_by_treatment_of_interest(admin_client):
    EnquiryFactory(name="Asked about PRP", treatment="PRP")
    EnquiryFactory(name="Asked about exosomes", treatment="Exosome therapy")
    html = admin_client.get(CHANGELIST).content.decode()
    assert "Exosome therapy" in html
    assert "By treatment of interest" in html
    filtered = admin_client.get(CHANGELIST, {"treatment": "PRP"}).content.decode()
    assert "Asked about PRP" in filtered
    assert "Asked about exosomes" not in filtered
