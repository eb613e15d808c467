import pytest
from django.urls import reverse

from tests.factories import (
    ComparisonFactory,
    FAQFactory,
    PractitionerFactory,
    TreatmentCategoryFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def test_treatment_list_groups_published_treatments_by_category(client):
    regenerative = TreatmentCategoryFactory(name="Regenerative", order=1)
    boosters = TreatmentCategoryFactory(name="Skin boosters", order=2)
    TreatmentFactory(name="PRP", category=regenerative)
    TreatmentFactory(name="Hydrating booster", category=boosters)
    TreatmentFactory(name="Secret draft", category=boosters, is_published=False)

    html = client.get(reverse("treatments:treatment_list")).content.decode()

    assert html.index("Regenerative") < html.index("PRP") < html.index("Skin boosters") < html.index("Hydrating")
    assert "Secret draft" not in html
    assert html.count("<h1") == 1


def test_treatment_detail_shows_facts_at_a_glance_formatted(client):
    treatment = TreatmentFactory(price_from="350.00", session_minutes=45, sessions_in_course=3)
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "From £350" in html
    assert "45 minutes" in html
    assert "3 sessions" in html
    assert "Risks and side effects" in html
    assert html.count("<h1") == 1


def test_treatment_detail_shows_faqs_practitioners_and_comparisons(client):
    treatment = TreatmentFactory(slug="prp", name="PRP")
    other = TreatmentFactory(slug="exosome-therapy", name="Exosome therapy")
    ComparisonFactory(treatment_a=treatment, treatment_b=other)
    FAQFactory(treatment=treatment, question="Does it hurt?", answer="A little.")
    practitioner = PractitionerFactory(name="Dr Ailsa Reid")
    hidden = PractitionerFactory(name="Dr Gone Away", is_active=False)
    treatment.practitioners.add(practitioner, hidden)

    html = client.get(treatment.get_absolute_url()).content.decode()

    assert "<summary>Does it hurt?</summary>" in html
    assert f'href="{practitioner.get_absolute_url()}"' in html
    assert "Dr Gone Away" not in html
    assert 'href="/treatments/compare/exosome-therapy-vs-prp/">Compare with Exosome therapy</a>' in html


def test_treatment_detail_links_to_booking_with_the_treatment_preselected(client):
    treatment = TreatmentFactory(slug="prp")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'href="/consultation/?treatment=prp"' in html
    assert "aged 18 and over" in html
    assert "consultation in person comes first" in html


def test_comparison_to_an_unpublished_treatment_is_not_linked(client):
    treatment = TreatmentFactory()
    ComparisonFactory(treatment_a=treatment, treatment_b=TreatmentFactory(name="Draft thing", is_published=False))
    assert "Draft thing" not in client.get(treatment.get_absolute_url()).content.decode()


def test_unpublished_treatment_is_404(client):
    treatment = TreatmentFactory(is_published=False)
    assert client.get(treatment.get_absolute_url()).status_code == 404


def test_comparison_page_shows_both_treatments_facts_side_by_side(client):
    TreatmentFactory(slug="exosomes", name="Exosomes", price_from=450, session_minutes=75)
    TreatmentFactory(slug="prp", name="PRP", price_from=350, session_minutes=60, downtime="")
    response = client.get("/treatments/compare/exosomes-vs-prp/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "From £450" in html
    assert "From £350" in html
    assert "1 hour 15 minutes" in html
    assert "<td>1 hour</td>" in html
    assert html.count("<h1") == 1


def test_comparison_shows_the_editors_verdict_when_there_is_one(client):
    a, b = TreatmentFactory(slug="a-one"), TreatmentFactory(slug="b-two")
    ComparisonFactory(treatment_a=b, treatment_b=a, verdict="<p>Choose thoughtfully.</p><script>x()</script>")
    html = client.get("/treatments/compare/a-one-vs-b-two/").content.decode()
    assert "<p>Choose thoughtfully.</p>" in html
    assert "x()" not in html


def test_comparison_in_the_other_order_redirects_permanently_to_the_canonical_one(client):
    TreatmentFactory(slug="exosomes")
    TreatmentFactory(slug="prp")
    response = client.get("/treatments/compare/prp-vs-exosomes/")
    assert response.status_code == 301
    assert response["Location"] == "/treatments/compare/exosomes-vs-prp/"


@pytest.mark.parametrize(
    "pair",
    ["exosomes-vs-nothing", "nothing-vs-prp", "prp-vs-prp", "prp", "exosomes-vs-draft", "draft-vs-prp"],
)
def test_unknown_same_or_unpublished_pairs_are_404(client, pair):
    TreatmentFactory(slug="exosomes")
    TreatmentFactory(slug="prp")
    TreatmentFactory(slug="draft", is_published=False)
    assert client.get(f"/treatments/compare/{pair}/").status_code == 404


def test_comparison_copes_with_hyphens_and_vs_inside_slugs(client):
    TreatmentFactory(slug="skin-booster-injections")
    TreatmentFactory(slug="prp-vs-classic")
    url = "/treatments/compare/prp-vs-classic-vs-skin-booster-injections/"
    assert client.get(url).status_code == 200
    reverse_order = client.get("/treatments/compare/skin-booster-injections-vs-prp-vs-classic/")
    assert reverse_order.status_code == 301
    assert reverse_order["Location"] == url


def test_comparison_index_lists_written_comparisons_and_offers_any_pair(client):
    a, b = TreatmentFactory(slug="exosomes", name="Exosomes"), TreatmentFactory(slug="prp", name="PRP")
    ComparisonFactory(treatment_a=b, treatment_b=a)
    html = client.get(reverse("treatments:comparison_list")).content.decode()
    assert 'href="/treatments/compare/exosomes-vs-prp/"' in html
    assert '<select id="compare-a" name="a"' in html


def test_comparison_index_form_redirects_to_the_pair(client):
    TreatmentFactory(slug="exosomes")
    TreatmentFactory(slug="prp")
    response = client.get(reverse("treatments:comparison_list"), {"a": "prp", "b": "exosomes"})
    assert response.status_code == 302
    assert response["Location"] == "/treatments/compare/exosomes-vs-prp/"


def test_comparison_index_form_asks_for_two_different_treatments(client):
    TreatmentFactory(slug="exosomes")
    TreatmentFactory(slug="prp")
    response = client.get(reverse("treatments:comparison_list"), {"a": "prp", "b": "prp"})
    assert response.status_code == 200
    assert "Choose two different treatments to compare." in response.content.decode()
