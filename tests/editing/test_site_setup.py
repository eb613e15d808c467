import pytest
from django.core.management import call_command
from django.urls import reverse

from clinic.models import OpeningHours
from tests.factories import PageFactory, UserFactory

pytestmark = pytest.mark.django_db


def setup_panel(client):
    text = client.get(reverse("admin:index")).text
    if "site-setup-heading" not in text:
        return ""
    start = text.index("site-setup-heading")
    return text[start : text.index("</section>", start)]


def test_demo_placeholders_show_on_the_admin_index_with_where_to_fix_them(admin_client, settings):
    settings.SITE_URL = "http://localhost:8000"
    settings.DEFAULT_FROM_EMAIL = "clinic@localhost"
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    panel = setup_panel(admin_client)

    assert "“HIS-IC-0000” looks like a placeholder" in panel
    assert 'href="/admin/clinic/clinicprofile/1/change/#id_his_registration_number"' in panel
    assert "The Instagram link goes to Instagram&#x27;s home page" in panel
    assert "SITE_URL is “http://localhost:8000”" in panel
    assert "clinic@localhost" in panel


def test_a_finished_set_up_shows_no_panel(admin_client, clinic_profile, settings):
    settings.SITE_URL = "https://www.kelvinskin.co.uk"
    settings.DEFAULT_FROM_EMAIL = "hello@kelvinskin.co.uk"
    clinic_profile.his_registration_number = "HIS-IC-1234"
    clinic_profile.instagram_url = "https://www.instagram.com/kelvinskin/"
    clinic_profile.save()
    OpeningHours.objects.create(clinic=clinic_profile, weekday=1, opens_at="09:00", closes_at="17:00")
    PageFactory(slug="privacy", title="Privacy notice")

    assert setup_panel(admin_client) == ""


def test_missing_privacy_notice_and_hours_are_listed_with_links(admin_client, clinic_profile):
    panel = setup_panel(admin_client)

    assert "No opening hours are entered." in panel
    assert 'href="/admin/clinic/page/add/?slug=privacy&amp;title=Privacy+notice"' in panel


def test_staff_who_cannot_change_the_clinic_details_do_not_see_the_panel(client, clinic_profile):
    client.force_login(UserFactory(is_staff=True))

    assert setup_panel(client) == ""
