"""What the pages look like to a patient: practitioner profiles, the home page, imagery,
rich-text tables, disclaimers, compression and caching."""

import gzip
import io
import json
import re

import brotli
import pytest
from django.template import Context, Template
from django.urls import reverse
from PIL import Image, ImageStat

from clinic import registries
from clinic.compression import accepts_brotli
from clinic.demo import illustration
from tests.clinic.test_structured_data import of_type, structured_data
from tests.factories import ArticleFactory, PractitionerFactory, ReferenceFactory, TreatmentFactory
from tests.query_counts import VERSIONS_READ

# --- Practitioner profile -----------------------------------------------------


@pytest.fixture
def practitioner(clinic_profile):
    return PractitionerFactory(
        name="Dr Ailsa Grant", slug="dr-ailsa-grant", regulator="GMC", registration_number="7999999", register_url=""
    )


def test_practitioner_page_lists_their_treatments_and_articles_with_a_booking_call(client, practitioner):
    TreatmentFactory(name="PRP facial").practitioners.add(practitioner)
    TreatmentFactory(name="Hidden treatment", is_published=False).practitioners.add(practitioner)
    ArticleFactory(title="Why sunscreen matters", author=practitioner)
    ArticleFactory(title="A draft on peels", author=practitioner, status="draft", published_at=None)
    ArticleFactory(title="Someone else's article")

    html = client.get(practitioner.get_absolute_url()).content.decode()

    assert "Treatments Dr Ailsa Grant carries out" in html
    assert "PRP facial" in html
    assert "Hidden treatment" not in html
    assert "Articles by Dr Ailsa Grant" in html
    assert "Why sunscreen matters" in html
    assert "A draft on peels" not in html
    assert "Someone else" not in html
    assert f'href="{reverse("clinic:enquiry_create")}">Book a consultation with Dr Ailsa Grant</a>' in html


def test_practitioner_without_treatments_or_articles_shows_no_empty_sections(client, practitioner):
    html = client.get(practitioner.get_absolute_url()).content.decode()
    assert "carries out" not in html
    assert "Articles by" not in html
    assert "Book a consultation with Dr Ailsa Grant" in html


def test_practitioner_sections_come_from_the_apps_through_the_registry():
    assert {"blog.articles", "treatments.performed"} <= {key for key, _ in registries.practitioner_sections.items()}


def test_practitioner_page_has_breadcrumbs_and_person_structured_data(client, practitioner):
    html = client.get(practitioner.get_absolute_url()).content.decode()
    assert re.search(r'<nav class="breadcrumbs wrap" aria-label="Breadcrumb">.*Our team.*Dr Ailsa Grant', html, re.S)
    blocks = structured_data(html)
    person = of_type(blocks, "Person")
    assert person["name"] == "Dr Ailsa Grant"
    assert person["identifier"] == {"@type": "PropertyValue", "propertyID": "GMC", "value": "7999999"}
    assert person["worksFor"]["name"] == practitioner_clinic_name(client)
    assert [item["name"] for item in of_type(blocks, "BreadcrumbList")["itemListElement"]] == [
        "Home",
        "Our team",
        "Dr Ailsa Grant",
    ]


def practitioner_clinic_name(client):
    from clinic.models import ClinicProfile

    return ClinicProfile.objects.get().name


@pytest.mark.parametrize(
    ("regulator", "register_url", "expected"),
    [
        ("GMC", "", "https://www.gmc-uk.org/registrants"),
        ("NMC", "", "https://www.nmc.org.uk/registration/search-the-register/"),
        ("GDC", "", "https://olr.gdc-uk.org/SearchRegister"),
        ("NMC", "https://www.nmc.org.uk/registration/search-the-register/entry/09A1", "https://www.nmc.org.uk/registration/search-the-register/entry/09A1"),
    ],
)  # fmt: skip
def test_registration_links_to_the_regulators_public_register(
    client, clinic_profile, regulator, register_url, expected
):
    practitioner = PractitionerFactory(regulator=regulator, register_url=register_url)
    html = client.get(practitioner.get_absolute_url()).content.decode()
    assert f'<a href="{expected}" rel="noopener">Check it on the {regulator} public register</a>' in html


@pytest.mark.parametrize("articles", [1, 6])
def test_practitioner_page_runs_constant_queries(client, practitioner, django_assert_num_queries, articles):
    for _ in range(articles):
        ArticleFactory(author=practitioner)
    for _ in range(articles):
        TreatmentFactory().practitioners.add(practitioner)
    # The practitioner, their treatments, their articles; the clinic, its hours, footer pages.
    with django_assert_num_queries(6 + VERSIONS_READ):
        assert client.get(practitioner.get_absolute_url()).status_code == 200


# --- Home page ----------------------------------------------------------------


@pytest.mark.usefixtures("demo_content")
def test_home_hero_does_not_repeat_the_brand_and_shows_trust_signals(client):
    html = client.get(reverse("clinic:home")).content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert "Kelvin Skin Clinic" not in h1
    assert "Registered clinic" in html
    assert "registration HIS-IC-0000" in html
    assert "Dr Isla Morrison (GMC), Niamh Fraser (NMC)" in html
    assert "Medically reviewed" in html
    assert "Featured treatments" in html
    assert "Latest articles" in html


# --- The page's main image loads first -----------------------------------------


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize(
    ("path", "image"),
    [
        ("/", "/static/img/hero.svg"),
        ("/treatments/prp-skin-rejuvenation/", "/media/renditions/"),
        ("/blog/exosomes-or-prp-which-supports-the-skin-matrix/", "/media/renditions/"),
        ("/practitioners/dr-isla-morrison/", "/media/renditions/"),
    ],
)
def test_main_image_alone_has_high_fetch_priority(client, path, image):
    html = client.get(path).content.decode()
    prioritised = re.findall(r"<img [^>]*fetchpriority=\"high\"[^>]*>", html)
    assert len(prioritised) == 1
    assert f'src="{image}' in prioritised[0]
    assert 'loading="lazy"' not in prioritised[0]


# --- Demo imagery ---------------------------------------------------------------


def test_demo_illustrations_differ_per_subject_and_are_not_stripes():
    pictures = [
        Image.open(io.BytesIO(illustration(label, colour).read()))
        for label, colour in [("PRP skin rejuvenation", (122, 62, 58)), ("Exosome therapy", (58, 92, 122))]
    ]
    assert pictures[0].size == (1200, 800)
    assert ImageStat.Stat(pictures[0]).mean != ImageStat.Stat(pictures[1]).mean
    # Same subject, same picture: reloading the demo draws nothing new.
    again = Image.open(io.BytesIO(illustration("PRP skin rejuvenation", (122, 62, 58)).read()))
    assert again.tobytes() == pictures[0].tobytes()


@pytest.mark.usefixtures("demo_content")
def test_demo_images_are_described_honestly():
    from blog.models import Article
    from treatments.models import Treatment

    alts = [
        *Article.objects.values_list("cover_alt", flat=True),
        *Treatment.objects.values_list("hero_image_alt", flat=True),
    ]
    assert alts
    assert all("illustration" in alt.lower() and "stripe" not in alt.lower() for alt in alts)


# --- Rich-text tables and disclaimers --------------------------------------------


def render(template, **context):
    return Template("{% load clinic_tags %}" + template).render(Context(context))


def test_rich_text_tables_are_wrapped_in_a_scrolling_box():
    from django.utils.safestring import mark_safe

    html = render("{{ body|wrap_tables }}", body=mark_safe("<p>x</p><table><tr><td>1</td></tr></table>"))
    assert html == (
        '<p>x</p><div class="table-scroll" role="region" aria-label="Table, scrolls sideways" tabindex="0">'
        "<table><tr><td>1</td></tr></table></div>"
    )


def test_table_wrapper_never_unescapes_plain_text():
    assert render("{{ body|wrap_tables }}", body="<table><script>") == "&lt;table&gt;&lt;script&gt;"


def test_article_body_table_scrolls_in_its_own_box(client, clinic_profile):
    article = ArticleFactory(body="<p>Prices</p><table><tbody><tr><td>PRP</td><td>£350</td></tr></tbody></table>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<div class="table-scroll" role="region" aria-label="Table, scrolls sideways" tabindex="0"><table>' in html


def test_article_shows_the_site_disclaimer_once_after_an_ordinary_body(client, clinic_profile):
    article = ArticleFactory(body="<p>Collagen is a protein.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("not medical advice") == 1
    assert 'class="article__disclaimer"' in html


def test_article_ending_with_its_own_disclaimer_does_not_get_a_second(client, clinic_profile):
    article = ArticleFactory(
        body="<p>Collagen is a protein.</p><p><em>This article is for information only and is not medical advice.</em></p>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="article__disclaimer"' not in html
    assert html.count("medical advice") == 1
    assert "More in our" in html
    assert reverse("clinic:page_detail", args=["medical-disclaimer"]) in html


def test_long_reference_urls_can_wrap(client, clinic_profile):
    reference = ReferenceFactory(url="https://example.org/" + "a" * 300)
    html = client.get(reference.article.get_absolute_url()).content.decode()
    assert "a" * 300 in html  # shown whole; the stylesheet lets it wrap (browser test measures it)


# --- Compression and caching ----------------------------------------------------


@pytest.fixture
def home_html(client, clinic_profile):
    return client.get(reverse("clinic:home"), HTTP_ACCEPT_ENCODING="identity").content


def test_page_is_brotli_compressed_when_the_browser_accepts_it(client, home_html):
    response = client.get(reverse("clinic:home"), HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    page = brotli.decompress(response.content)
    assert page.startswith(b"<!DOCTYPE html>")
    assert len(page) == len(home_html)
    assert len(response.content) < len(page) / 3


def test_page_is_gzip_compressed_for_browsers_without_brotli(client, home_html):
    response = client.get(reverse("clinic:home"), HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"<!DOCTYPE html>")


def test_page_is_sent_plain_when_no_encoding_is_accepted(client, home_html):
    response = client.get(reverse("clinic:home"))
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("br", True), ("gzip, br", True), ("br;q=0.5", True), ("br;q=0", False), ("gzip", False), ("brotli", False), ("", False)],
)  # fmt: skip
def test_accept_encoding_is_read_with_its_quality_values(header, accepted):
    assert accepts_brotli(header) is accepted


def test_json_ld_survives_compression(client, clinic_profile):
    response = client.get(reverse("clinic:home"), HTTP_ACCEPT_ENCODING="br")
    html = brotli.decompress(response.content).decode()
    assert json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_media_is_sent_with_cache_control(client, settings, tmp_path):
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "a.txt").write_text("hello")
    response = client.get(settings.MEDIA_URL + "uploads/a.txt")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=2592000"
