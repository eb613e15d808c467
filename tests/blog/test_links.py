"""Articles and treatments link to each other; moved articles keep their old address working."""

from tests.factories import ArticleFactory, TreatmentFactory


def test_article_shows_its_published_related_treatments_only(client, db):
    shown = TreatmentFactory(name="PRP for skin", slug="prp")
    hidden = TreatmentFactory(name="Secret draft treatment", slug="secret", is_published=False)
    article = ArticleFactory()
    article.related_treatments.set([shown, hidden])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Treatments in this article" in html
    assert 'href="/treatments/prp/"' in html
    assert "Secret draft treatment" not in html


def test_treatment_shows_public_articles_about_it_only(client, db):
    treatment = TreatmentFactory(slug="exosomes")
    ArticleFactory(title="Exosomes explained").related_treatments.add(treatment)
    ArticleFactory(title="Unfinished exosome draft", status="draft", published_at=None).related_treatments.add(
        treatment
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Further reading" in html
    assert "Exosomes explained" in html
    assert "Unfinished exosome draft" not in html


def test_renamed_published_article_redirects_from_its_old_address(client, db):
    article = ArticleFactory(slug="prp-guide")
    article.slug = "prp-complete-guide"
    article.save()
    response = client.get("/blog/prp-guide/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/prp-complete-guide/"


def test_renamed_draft_leaves_no_redirect(client, db):
    article = ArticleFactory(slug="draft-one", status="draft", published_at=None)
    article.slug = "draft-two"
    article.save()
    assert client.get("/blog/draft-one/").status_code == 404


def test_renamed_treatment_redirects_from_its_old_address(client, db):
    treatment = TreatmentFactory(slug="vampire-facial")
    treatment.slug = "prp-facial"
    treatment.save()
    response = client.get("/treatments/vampire-facial/")
    assert response.status_code == 301
    assert response["Location"] == "/treatments/prp-facial/"
