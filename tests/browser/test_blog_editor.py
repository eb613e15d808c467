"""An editor writes an article in CKEditor, publishes it, and readers see it with its contents list."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from blog.models import Article
from clinic.groups import EDITORS
from tests.factories import UserFactory, image_upload


@pytest.fixture
def editor(db):
    # The Editors group comes from a data migration, which the live server's flushed
    # database no longer holds; it is rebuilt here with the same blog permissions.
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="blog"))
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "serum.png"
    path.write_bytes(image_upload("serum.png", size=(900, 600), image_format="PNG").read())
    return path


@pytest.mark.browser
@pytest.mark.usefixtures("demo_content")
def test_editor_writes_and_publishes_an_article_that_readers_see(
    page, browser, live_server, admin_login, editor, photo
):
    admin_login(page, editor)
    page.goto("/admin/blog/article/add/")

    page.get_by_label("Title:").fill("Hydration after microneedling")
    page.get_by_label("Excerpt:").fill("Why your skin needs water in the days after treatment.")
    page.get_by_label("Excerpt:").click()  # the slug is filled in from the title as the editor moves on
    assert page.get_by_label("Slug:").input_value() == "hydration-after-microneedling"

    # Write in CKEditor: a heading, a paragraph and an uploaded image.
    # CKEditor makes its body editable once it has loaded.
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body[contenteditable=true]").click()
    page.keyboard.type("Why hydration matters")
    page.locator(".cke_combo__format .cke_combo_button").click()
    page.frame_locator("iframe.cke_panel_frame").get_by_text("Heading 2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Freshly treated skin loses water quickly. ")

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.locator(".cke_dialog_tab", has_text="Upload").click()
    page.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(photo)
    dialog.get_by_role("button", name="Send it to the Server").click()
    url_field = dialog.locator(".cke_dialog_ui_input_text input").first
    expect(url_field).to_have_value(re.compile(r"^/media/uploads/.+\.png$"))
    dialog.get_by_label("Alternative Text").fill("A bottle of serum on a towel")
    dialog.locator(".cke_dialog_ui_button_ok").click()

    page.get_by_label("Author:").select_option(label="Niamh Fraser")
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    article = Article.objects.get(slug="hydration-after-microneedling")
    assert article.is_public
    assert 'src="/media/uploads/' in article.body

    reader = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    reader.goto("/blog/")
    reader.get_by_role("link", name="Hydration after microneedling").click()
    assert reader.locator("h1").inner_text() == "Hydration after microneedling"
    contents = reader.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Why hydration matters").click()
    assert reader.url.endswith("#section-why-hydration-matters")
    assert reader.locator("#section-why-hydration-matters").is_visible()
    image = reader.locator(".article__body img")
    assert image.get_attribute("alt") == "A bottle of serum on a towel"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    reader.context.close()
