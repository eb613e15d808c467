import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from clinic.models import ClinicProfile, Page
from tests.factories import ArticleFactory, PageFactory, PractitionerFactory, TreatmentFactory
from tests.query_counts import VERSIONS_READ


@pytest.mark.usefixtures("demo_content")
def test_home_page_shows_the_clinic_its_team_and_how_to_book(client):
    html = client.get(reverse("clinic:home")).content.decode()
    # The brand is in the header and title; the hero's heading says what the clinic does.
    assert "<title>Kelvin Skin Clinic – Doctor-led regenerative skin treatments in Glasgow</title>" in html
    assert '<h1 id="hero-heading">Doctor-led regenerative skin treatments in Glasgow</h1>' in html
    assert "Dr Isla Morrison" in html
    assert "How to book" in html
    assert "0141 496 0123" in html


def test_site_renders_before_the_clinic_profile_is_entered(client, db):
    response = client.get(reverse("clinic:home"))
    assert response.status_code == 200
    assert "Our clinic" in response.content.decode()


@pytest.mark.usefixtures("demo_content")
def test_contact_page_shows_address_and_opening_hours(client):
    html = client.get("/contact/").content.decode()
    assert "14 Kelvingrove Terrace" in html
    assert "<dt>Saturday</dt><dd>10:00–15:00</dd>" in html


def test_unpublished_flat_page_is_404(client, db):
    PageFactory(slug="draft-notice", is_published=False)
    assert client.get("/draft-notice/").status_code == 404


def test_flat_page_slug_cannot_take_over_another_section(db):
    page = Page(title="Blog", slug="blog", body="<p>x</p>")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["slug"] == ["“blog” is already used by another part of the site."]


def test_practitioner_profile_shows_registration_with_register_link(client, db):
    practitioner = PractitionerFactory(
        name="Dr Ann Test", registration_number="7123456", register_url="https://register.example/7123456"
    )
    html = client.get(practitioner.get_absolute_url()).content.decode()
    assert "General Medical Council (GMC) number 7123456" in html
    assert '<a href="https://register.example/7123456" rel="noopener">Check it on the GMC public register</a>' in html


def test_inactive_practitioner_is_404(client, db):
    practitioner = PractitionerFactory(is_active=False)
    assert client.get(practitioner.get_absolute_url()).status_code == 404


def test_missing_page_uses_the_sites_own_404(client, db):
    response = client.get("/no-such-thing/deeper/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()


def test_server_error_page_renders_without_the_database():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html


def test_demo_content_loads_twice_without_duplicates(demo_content):
    from django.core.management import call_command

    from clinic.models import OpeningHours, Practitioner

    counts = (Practitioner.objects.count(), Page.objects.count(), OpeningHours.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Practitioner.objects.count(), Page.objects.count(), OpeningHours.objects.count()) == counts
    assert ClinicProfile.objects.count() == 1


@pytest.mark.parametrize("items", [2, 12])
def test_home_page_runs_constant_queries(client, clinic_profile, django_assert_num_queries, items):
    PractitionerFactory.create_batch(items)
    ArticleFactory.create_batch(items)
    TreatmentFactory.create_batch(items, is_featured=True)
    # profile, opening hours, footer pages, practitioners, featured treatments, latest articles
    with django_assert_num_queries(6 + VERSIONS_READ):
        client.get(reverse("clinic:home"))
