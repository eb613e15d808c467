"""JSON-LD and social tags: valid, complete for each page type, and safe with hostile titles."""

import json
import re

import pytest

from tests.factories import ArticleFactory, FAQFactory, TreatmentFactory
from tests.pages.public_pages import PUBLIC_PAGES

LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(html):
    return [json.loads(block) for block in LD_BLOCK.findall(html)]


def of_type(blocks, kind):
    return next(block for block in blocks if block["@type"] == kind)


@pytest.mark.usefixtures("demo_content")
def test_every_public_page_has_valid_json_ld_with_the_clinic(client):
    for name, path_of, _status in PUBLIC_PAGES:
        blocks = structured_data(client.get(path_of()).content.decode())
        clinic = of_type(blocks, "MedicalClinic")
        assert clinic["name"] == "Kelvin Skin Clinic", name
        assert clinic["address"]["postalCode"] == "G3 7RZ"
        assert clinic["geo"]["latitude"] == pytest.approx(55.8669)
        assert {"dayOfWeek": "Saturday", "opens": "10:00", "closes": "15:00"}.items() <= clinic[
            "openingHoursSpecification"
        ][-1].items()


@pytest.mark.usefixtures("demo_content")
def test_article_has_blog_posting_with_author_and_reviewer(client):
    from blog.models import Article

    article = Article.objects.for_listing().get(slug="what-happens-during-a-prp-session")
    html = client.get(article.get_absolute_url()).content.decode()
    posting = of_type(structured_data(html), "BlogPosting")
    assert posting["headline"] == article.title
    assert posting["author"]["@type"] == "Person"
    assert posting["author"]["honorificSuffix"]
    assert posting["isPartOf"]["reviewedBy"]["name"]
    assert posting["datePublished"].startswith(str(article.published_at.year))
    assert posting["image"].startswith("http://testserver/media/renditions/")
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:image" content="{posting["image"]}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_treatment_has_medical_procedure_and_faq_page(client, db):
    treatment = TreatmentFactory(name="PRP facial", slug="prp-facial")
    FAQFactory(treatment=treatment, question="Does it hurt?", answer="A numbing cream is used.")
    blocks = structured_data(client.get(treatment.get_absolute_url()).content.decode())
    assert of_type(blocks, "MedicalProcedure")["name"] == "PRP facial"
    faq = of_type(blocks, "FAQPage")
    assert faq["mainEntity"][0]["name"] == "Does it hurt?"
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "A numbing cream is used."


def test_breadcrumb_list_matches_the_visible_trail(client, db):
    article = ArticleFactory(title="Aftercare basics")
    html = client.get(article.get_absolute_url()).content.decode()
    trail = of_type(structured_data(html), "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in trail] == ["Home", "Articles", "Aftercare basics"]
    assert trail[-1]["item"] == f"http://testserver{article.get_absolute_url()}"
    visible = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group()
    for item in trail:
        assert item["name"] in visible


def test_hostile_title_cannot_break_out_of_json_ld(client, db):
    hostile = '</script><script>alert("x")</script> & <b>'
    article = ArticleFactory(title=hostile)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '</script><script>alert("x")' not in html
    posting = of_type(structured_data(html), "BlogPosting")
    assert posting["headline"] == hostile


def test_pages_without_their_own_tags_get_the_clinics(client, clinic_profile):
    html = client.get("/treatments/").content.decode()
    assert '<meta property="og:title" content="Test Skin Clinic">' in html
    assert '<meta property="og:url" content="http://testserver/treatments/">' in html
    assert '<meta name="twitter:card" content="summary">' in html
