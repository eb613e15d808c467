"""Editors' everyday journeys in the admin, counting the clicks a person makes.

Counting rules (the same for every journey, and for the WordPress figures in the issue):
a click on a link, button, tab or field is one click; choosing from a drop-down is two (open
it, pick); choosing a file is two ("Choose file", then the file in the dialog). Typing and
keys are not clicks. Journeys start on the admin index page.
"""

import re
from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Article
from clinic.groups import EDITORS
from clinic.models import Practitioner
from tests.factories import ArticleFactory, UserFactory, image_upload

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_content")]


class Clicks:
    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        locator.click()
        self.count += 1

    def type_into(self, locator, text):
        self.click(locator)
        self.page.keyboard.type(text)

    def choose(self, select, **option):
        select.select_option(**option)
        self.count += 2

    def pick_file(self, file_input, path):
        file_input.set_input_files(path)
        self.count += 2


@pytest.fixture
def editor(db):
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="blog"))
    user = UserFactory(username="niamh", is_staff=True)
    user.groups.add(group)
    practitioner = Practitioner.objects.get(name="Niamh Fraser")
    practitioner.user = user
    practitioner.save()
    return user


@pytest.fixture
def photos(tmp_path):
    inline, cover = tmp_path / "serum.png", tmp_path / "cover.jpg"
    inline.write_bytes(image_upload("serum.png", size=(900, 600), image_format="PNG").read())
    cover.write_bytes(image_upload("cover.jpg", size=(1400, 800)).read())
    return inline, cover


def start_article(page, clicks, title):
    page.goto("/admin/")
    clicks.click(page.locator("a.addlink[href$='/blog/article/add/']"))
    clicks.type_into(page.get_by_label("Title:"), title)
    clicks.type_into(page.get_by_label("Excerpt:"), "What to do in the first days after a treatment.")
    clicks.click(page.frame_locator("iframe.cke_wysiwyg_frame").locator("body[contenteditable=true]"))
    page.keyboard.type("Why hydration matters")


def test_publish_an_article_with_an_inline_image_and_a_cover_in_at_most_18_clicks(page, admin_login, editor, photos):
    inline, cover = photos
    admin_login(page, editor)
    clicks = Clicks(page)

    start_article(page, clicks, "Hydration after microneedling")
    clicks.click(page.locator(".cke_combo__format .cke_combo_button"))
    clicks.click(page.frame_locator("iframe.cke_panel_frame").get_by_text("Heading 2"))
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Freshly treated skin loses water quickly. ")

    clicks.click(page.locator(".cke_button__image"))
    dialog = page.locator(".cke_dialog")
    clicks.click(dialog.locator(".cke_dialog_tab", has_text="Upload"))
    clicks.pick_file(page.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]"), inline)
    clicks.click(dialog.get_by_role("button", name="Send it to the Server"))
    expect(dialog.locator(".cke_dialog_ui_input_text input").first).to_have_value(re.compile(r"^/media/uploads/"))
    clicks.type_into(dialog.get_by_label("Alternative Text"), "A bottle of serum on a towel")
    clicks.click(dialog.locator(".cke_dialog_ui_button_ok"))

    clicks.pick_file(page.locator("#id_cover"), cover)
    clicks.type_into(page.get_by_label("Cover image description:"), "A towel and a glass of water")
    # The author is already the editor's own practitioner record.
    expect(page.get_by_label("Author:")).to_have_value(str(editor.practitioner.pk))
    clicks.click(page.get_by_role("button", name="Save and publish"))

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="hydration-after-microneedling")
    assert article.is_public
    assert article.cover
    assert 'src="/media/uploads/' in article.body
    print(f"\nclicks: publish with inline image and cover = {clicks.count}")
    assert clicks.count <= 18


def test_schedule_an_article(page, admin_login, editor):
    admin_login(page, editor)
    clicks = Clicks(page)
    when = timezone.localtime() + timedelta(days=3)

    start_article(page, clicks, "Winter skin routine")
    clicks.type_into(page.locator("#id_published_at_0"), when.strftime("%d/%m/%Y"))
    clicks.type_into(page.locator("#id_published_at_1"), "09:00:00")
    clicks.click(page.get_by_role("button", name="Save and publish"))

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(title="Winter skin routine")
    assert article.publication_state == "scheduled"
    print(f"\nclicks: schedule an article = {clicks.count}")
    assert clicks.count <= 8


def test_preview_an_article_before_saving_it(page, admin_login, editor):
    admin_login(page, editor)
    clicks = Clicks(page)

    start_article(page, clicks, "Sun care after PRP")
    with page.context.expect_page() as opened:
        clicks.click(page.get_by_role("button", name="Preview"))
    preview = opened.value
    preview.wait_for_load_state()

    expect(preview.locator("h1")).to_have_text("Sun care after PRP")
    expect(preview.locator(".preview-banner").first).to_be_visible()
    assert preview.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert not Article.objects.filter(title="Sun care after PRP").exists()
    print(f"\nclicks: preview before saving = {clicks.count}")
    assert clicks.count <= 5


def test_restore_a_revision_in_two_clicks_from_the_change_form(page, admin_login, editor):
    with reversion.create_revision():
        article = ArticleFactory(title="Original title", author=editor.practitioner)
    with reversion.create_revision():
        article.title = "A worse title"
        article.save()
    admin_login(page, editor)
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    clicks = Clicks(page)

    clicks.click(page.get_by_role("link", name="History"))
    clicks.click(page.get_by_role("button", name="Restore"))

    expect(page.locator(".messagelist")).to_contain_text("Restored the version")
    expect(page.get_by_label("Title:")).to_have_value("Original title")
    article.refresh_from_db()
    assert article.title == "Original title"
    assert article.is_public
    print(f"\nclicks: restore a revision from the change form = {clicks.count}")
    assert clicks.count == 2


@pytest.mark.parametrize(
    "changelist",
    ["blog/article", "treatments/treatment", "clinic/page", "clinic/practitioner"],
)
def test_change_lists_fit_a_1280_pixel_screen(page, admin_login, changelist):
    admin_login(page, UserFactory(is_staff=True, is_superuser=True))
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"/admin/{changelist}/")

    # The admin scrolls a too-wide table inside its box, so the page itself never overflows:
    # what counts is whether the table fits the box.
    table = page.evaluate("document.getElementById('result_list').scrollWidth")
    box = page.evaluate("document.querySelector('#changelist .results').clientWidth")
    print(f"\n{changelist} list at 1280 px: table {table} px in a {box} px box")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert table <= box


def test_treatment_form_reaches_the_faqs_in_one_click(page, admin_login):
    from treatments.models import Treatment

    admin_login(page, UserFactory(is_staff=True, is_superuser=True))
    page.set_viewport_size({"width": 1280, "height": 800})
    treatment = Treatment.objects.filter(faqs__isnull=False).first()
    page.goto(f"/admin/treatments/treatment/{treatment.pk}/change/")
    height = page.evaluate("document.documentElement.scrollHeight")
    faqs_top = page.evaluate("document.getElementById('faqs-group').getBoundingClientRect().top + scrollY")
    print(f"\ntreatment form height = {height} px, FAQs start at {faqs_top} px")

    page.get_by_role("navigation", name="Parts of this form").get_by_role("link", name="FAQs").click()

    assert page.locator("#faqs-group").is_visible()
    assert page.evaluate("document.getElementById('faqs-group').getBoundingClientRect().top") < 800
