"""Articles and treatments link to each other; moved articles keep their old address working."""

from django.urls import reverse

from clinic.models import Redirect
from clinic.redirects import rename
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


def admin_form_data(client, url):
    """The admin change form at ``url`` as the browser would post it back unchanged."""
    from django.db.models.fields.files import FieldFile
    from django.forms import MultiWidget

    response = client.get(url)
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value, key = form[name].value(), form.add_prefix(name)
            if isinstance(field.widget, MultiWidget):
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{index}"] = field.widget.widgets[index].format_value(part) or ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(item) for item in value]
            elif value is not None and not isinstance(value, FieldFile):
                data[key] = value
    return data


def rename_in_admin(client, obj, slug):
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    data = {**admin_form_data(client, url), "slug": slug, "publish_anyway": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    assert obj.slug == slug


def test_renamed_published_article_redirects_from_its_old_address(admin_client, client):
    article = ArticleFactory(slug="prp-guide")
    rename_in_admin(admin_client, article, "prp-complete-guide")
    response = client.get("/blog/prp-guide/")
    assert response.status_code == 301
    assert response["Location"] == "/blog/prp-complete-guide/"


def test_renamed_draft_leaves_no_redirect(admin_client, client):
    article = ArticleFactory(slug="draft-one", status="draft", published_at=None)
    rename_in_admin(admin_client, article, "draft-two")
    assert client.get("/blog/draft-one/").status_code == 404


def test_renamed_treatment_redirects_from_its_old_address(admin_client, client):
    treatment = TreatmentFactory(slug="vampire-facial")
    rename_in_admin(admin_client, treatment, "prp-facial")
    response = client.get("/treatments/vampire-facial/")
    assert response.status_code == 301
    assert response["Location"] == "/treatments/prp-facial/"


def test_renaming_twice_in_the_admin_sends_the_first_address_straight_to_the_last(admin_client, client):
    article = ArticleFactory(slug="one")
    rename_in_admin(admin_client, article, "two")
    rename_in_admin(admin_client, article, "three")
    response = client.get("/blog/one/")
    assert (response.status_code, response["Location"]) == (301, "/blog/three/")


def test_a_plain_save_with_a_new_slug_writes_no_redirect(client, db):
    article = ArticleFactory(slug="kept-quiet")
    treatment = TreatmentFactory(slug="also-quiet")
    article.slug, treatment.slug = "moved-article", "moved-treatment"
    article.save()
    treatment.save()
    assert not Redirect.objects.exists()
    assert client.get("/blog/kept-quiet/").status_code == 404


def test_the_rename_service_redirects_only_public_addresses(client, db):
    public = ArticleFactory(slug="public-one")
    draft = ArticleFactory(slug="draft-one", status="draft", published_at=None)
    rename(public, slug="public-two", was_public=lambda stored: stored.is_public)
    rename(draft, slug="draft-two", was_public=lambda stored: stored.is_public)
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/blog/public-one/", "/blog/public-two/")]
