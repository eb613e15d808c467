"""Phones first: no page scrolls sideways, the comparison fits, the header stays compact.

Measured in Chromium at the widths patients use: 320 px (small phones), 390 px (most
phones) and 768 px (tablets in portrait).
"""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CommentFactory, ReferenceFactory
from tests.pages.public_pages import PUBLIC_PAGES

PHONE_WIDTHS = (320, 390, 768)
LONG_URL = "https://example.org/" + "a-very-long-unbroken-reference-address-" * 8

WIDE_TABLE = (
    "<table><thead><tr>"
    + "".join(f"<th>Column heading number {n}</th>" for n in range(8))
    + "</tr></thead><tbody><tr>"
    + "".join(f"<td>Value {n} with several words in it</td>" for n in range(8))
    + "</tr></tbody></table>"
)


def sideways_overflow(page):
    """How many pixels the document is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.fixture
def stress_article(demo_content):
    """An article with a wide table, a long URL in the text and references, and 50 threaded comments."""
    article = ArticleFactory(
        title="Prices compared across every treatment we offer",
        slug="prices-compared",
        body=f"<h2>Prices</h2>{WIDE_TABLE}<p>Source: <a href='{LONG_URL}'>{LONG_URL}</a></p>",
    )
    ReferenceFactory(article=article, url=LONG_URL)
    parent = None
    for number in range(50):
        # Threads five deep, then a new top-level comment; some with long unbroken words.
        parent = None if number % 5 == 0 else parent
        body = "Supercalifragilistic" * 6 if number % 7 == 0 else f"Comment {number}: how long do results last?"
        parent = CommentFactory(article=article, parent=parent, body=body, is_staff_reply=number % 5 == 4)
    return article


@pytest.mark.usefixtures("demo_content")
def test_no_public_page_scrolls_sideways_on_phones_or_tablets(page, stress_article):
    pages = [(name, path_of()) for name, path_of, _status in PUBLIC_PAGES]
    pages.append(("article with a wide table, a long URL and 50 comments", stress_article.get_absolute_url()))
    failures = {}
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in pages:
            page.goto(path)
            overflow = sideways_overflow(page)
            if overflow > 0:
                failures[f"{name} at {width} px"] = f"{overflow} px too wide"
    assert failures == {}


def test_stress_article_really_holds_fifty_threaded_comments(page, stress_article):
    page.goto(stress_article.get_absolute_url())
    assert page.locator(".comment").count() == 50
    # Threads show three levels deep (deeper replies join the third level).
    assert page.locator(".comment-list--replies .comment-list--replies .comment").count() > 0


@pytest.mark.parametrize("width", [320, 390])
def test_rich_text_table_scrolls_inside_its_own_box_with_a_cue(page, stress_article, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(stress_article.get_absolute_url())
    box = page.locator(".article__body .table-scroll")
    measures = box.evaluate(
        """box => ({scroll: box.scrollWidth, client: box.clientWidth, right: box.getBoundingClientRect().right,
                    cue: getComputedStyle(box).backgroundImage, overflow: getComputedStyle(box).overflowX})"""
    )
    assert measures["scroll"] > measures["client"]  # the table is wider than its box...
    assert measures["right"] <= width  # ...and the box no wider than the screen
    assert measures["overflow"] == "auto"
    assert measures["cue"].count("gradient") == 4  # edge shadows show that more lies sideways
    assert sideways_overflow(page) == 0


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("width", [320, 390])
def test_comparison_shows_both_treatments_side_by_side_on_a_phone(page, width):
    from treatments.models import Comparison

    page.set_viewport_size({"width": width, "height": 800})
    page.goto(Comparison.objects.published().first().get_absolute_url())
    assert sideways_overflow(page) == 0
    rows = page.locator(".compare-table tr")
    assert rows.count() > 5
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td, th[scope=col]")
        boxes = [cells.nth(n).bounding_box() for n in range(cells.count())]
        boxes = [box for box in boxes if box and box["width"] > 0]
        assert len(boxes) == 2, f"row {index} shows {len(boxes)} values"
        first, second = boxes
        assert first["x"] >= 0
        assert second["x"] + second["width"] <= width + 0.5
        assert second["x"] >= first["x"] + first["width"] - 0.5  # beside, not below
        assert abs(first["y"] - second["y"]) < 1
        assert first["width"] > width * 0.35
        assert second["width"] > width * 0.35


@pytest.mark.parametrize("width", [320, 390, 768])
def test_phone_header_is_compact_with_a_booking_button_and_a_menu_that_needs_no_javascript(
    browser, live_server, clinic_profile, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 700}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(reverse("clinic:home"))
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 64
    book = header.get_by_role("link", name="Book a consultation")
    assert book.is_visible()
    assert book.evaluate("link => getComputedStyle(link).backgroundColor") != "rgba(0, 0, 0, 0)"  # a button
    menu = header.get_by_role("navigation", name="Main menu")
    assert not menu.is_visible()
    header.locator("summary", has_text="Menu").click()
    assert menu.get_by_role("link", name="Articles").is_visible()
    assert header.get_by_role("searchbox").is_visible()
    menu.get_by_role("link", name="Our team").click()
    assert page.url.endswith(reverse("clinic:practitioner_list"))
    context.close()


def test_desktop_header_shows_the_navigation_without_a_menu(page, clinic_profile):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(reverse("clinic:home"))
    header = page.locator(".site-header")
    assert (
        header.get_by_role("navigation", name="Main", exact=True).get_by_role("link", name="Treatments").is_visible()
    )
    assert not header.locator("summary", has_text="Menu").is_visible()
    assert header.get_by_role("link", name="Book a consultation").is_visible()


def test_failed_enquiry_moves_focus_to_the_error_summary_without_javascript(browser, live_server, clinic_profile):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(reverse("clinic:enquiry_create"))
    page.get_by_role("button", name="Send my enquiry").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    context.close()


@pytest.mark.usefixtures("demo_content")
def test_treatment_facts_sit_beside_the_text_on_wide_screens_and_above_it_on_phones(page):
    page.goto("/treatments/prp-skin-rejuvenation/")
    page.set_viewport_size({"width": 1366, "height": 900})
    facts, text = page.locator(".glance").bounding_box(), page.locator(".treatment__main").bounding_box()
    assert facts["x"] >= text["x"] + text["width"]
    assert abs(facts["y"] - text["y"]) < 5
    page.set_viewport_size({"width": 390, "height": 900})
    facts, text = page.locator(".glance").bounding_box(), page.locator(".treatment__main").bounding_box()
    assert facts["y"] + facts["height"] <= text["y"]
