"""Page checks for what editors see beyond the public pages: previews and a form shown again with an error."""

import re

import pytest
from django.urls import reverse

from blog.models import Article
from clinic.models import Practitioner
from tests.factories import UserFactory, image_upload
from tests.pages.test_public_pages import AXE_JS, AXE_TAGS, vnu_errors
from treatments.models import Treatment

pytestmark = pytest.mark.usefixtures("demo_content")

ADMIN_DOCUMENTS = {"article form shown again with a kept cover"}
ADMIN_PARTS = "{include: [['.kept-upload'], ['.form-jump'], ['.errornote'], ['.editorial-row']]}"


def unsaved_article_post(**overrides):
    data = {
        "title": "Preview of an unsaved article",
        "slug": "preview-of-an-unsaved-article",
        "excerpt": "Nothing here is saved.",
        "body": "<h2>A heading</h2><p>Some words.</p>",
        "author": Practitioner.objects.first().pk,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def editing_documents(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    treatment = Treatment.objects.published().first()
    treatment.is_published = False
    treatment.save()
    error_form = client.post(
        reverse("admin:blog_article_add"),
        unsaved_article_post(excerpt="", cover=image_upload("c.png", image_format="PNG")),
    )
    assert "Kept: c.png" in error_form.text
    return {
        "article preview before saving": client.post(reverse("admin:blog_article_preview"), unsaved_article_post()),
        "unpublished treatment for staff": client.get(treatment.get_absolute_url()),
        "article form shown again with a kept cover": error_form,
    }


def test_previews_and_form_error_states_are_valid_html(client, tmp_path):
    documents = editing_documents(client)
    files = {}
    for index, (name, response) in enumerate(documents.items()):
        assert response.status_code == 200, name
        path = tmp_path / f"editing-{index}.html"
        path.write_text(response.content.decode())
        files[path.name] = name
    errors = vnu_errors([str(tmp_path / name) for name in files])
    assert {files[name]: messages for name, messages in errors.items()} == {}
    assert not Article.objects.filter(slug="preview-of-an-unsaved-article").exists()


def test_previews_and_form_error_states_have_no_accessibility_violations(page, client, live_server):
    axe_source = AXE_JS.read_text()
    failures = {}
    for name, response in editing_documents(client).items():
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", response.content.decode(), flags=re.DOTALL)
        # Drawn with the site's own stylesheets (contrast is part of the check).
        page.set_content(html.replace("<head>", f'<head><base href="{live_server.url}/">', 1), wait_until="load")
        # The admin's buttons fade their background in (a 0.15 s transition) once its stylesheet
        # applies; axe measuring contrast mid-fade failed now and then.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.evaluate(axe_source)
        # In the admin, only what this project adds is checked (the kept upload, the jump
        # list, the error note): the rest is Django's own admin markup.
        context = ADMIN_PARTS if name in ADMIN_DOCUMENTS else "document"
        results = page.evaluate(
            f"tags => axe.run({context}, {{runOnly: {{type: 'tag', values: tags}}, resultTypes: ['violations']}})",
            AXE_TAGS,
        )
        if results["violations"]:
            failures[name] = [f"{v['id']}: {v['nodes'][0]['html'][:120]}" for v in results["violations"]]
    assert failures == {}
