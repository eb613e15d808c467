"""Every published article and page a WordPress import creates: zero Nu HTML Checker errors, zero axe violations.

Real exports from ../shared/wxr/ (WordPress.com's theme unit test data, the importer's own
WXR files) plus a WordPress 6 block-editor export written for these tests, which holds every
core block the importer maps. Besides the WCAG rules the public-page check runs, imported
pages must keep heading levels in order and have no empty headings (the two axe
best-practice rules that old content breaks most).
"""

from io import StringIO
from pathlib import Path
from pprint import pformat

import pytest
from django.conf import settings
from django.core.management import call_command

from blog.models import Article
from clinic.models import Page
from tests.pages.test_public_pages import AXE_JS, AXE_TAGS, vnu_errors

SHARED = Path(settings.BASE_DIR).parent / "shared" / "wxr"
FIXTURES = Path(settings.BASE_DIR) / "tests" / "blog" / "wordpress"
EXPORTS = {
    "block editor (WordPress 6)": FIXTURES / "block-editor-6.xml",
    "theme unit test data": SHARED / "themeunittestdata.wordpress.xml",
    "comprehensive": SHARED / "wxr-comprehensive.xml",
    "WXR 1.1": SHARED / "valid-wxr-1.1.xml",
    "WXR 1.0": SHARED / "valid-wxr-1.0.xml",
    "small export": SHARED / "small-export.xml",
}
EXTRA_RULES = {"heading-order": {"enabled": True}, "empty-heading": {"enabled": True}}


def imported_pages(export):
    """Import ``export``; return the path of every published article and flat page it created."""
    if not export.exists():
        pytest.skip(f"{export} is not beside the project")
    call_command("import_wordpress", str(export), "--media-dir", str(FIXTURES / "uploads"), stdout=StringIO())
    paths = [article.get_absolute_url() for article in Article.objects.published()]
    paths += [page.get_absolute_url() for page in Page.objects.published()]
    assert paths, "the export imported no published page"
    return paths


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_every_imported_page_is_valid_html(db, client, tmp_path, export):
    files = {}
    for index, path in enumerate(imported_pages(export)):
        response = client.get(path)
        assert response.status_code == 200, path
        document = tmp_path / f"page-{index}.html"
        document.write_text(response.content.decode())
        files[document.name] = path
    errors = vnu_errors([str(tmp_path / name) for name in files])
    report = {files[name]: messages for name, messages in errors.items()}
    assert report == {}, pformat(report, width=200)


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_every_imported_page_has_no_accessibility_violations(page, export):
    axe_source = AXE_JS.read_text()
    failures = {}
    for path in imported_pages(export):
        page.goto(path)
        page.evaluate(axe_source)
        results = page.evaluate(
            """([tags, rules]) => axe.run(document, {
                runOnly: {type: 'tag', values: tags}, rules: rules, resultTypes: ['violations']})""",
            [AXE_TAGS, EXTRA_RULES],
        )
        violations = [
            f"{violation['id']}: {violation['help']} (e.g. {violation['nodes'][0]['html'][:160]}: "
            f"{violation['nodes'][0]['failureSummary']})"
            for violation in results["violations"]
        ]
        if violations:
            failures[path] = violations
    assert failures == {}, pformat(failures, width=200)


def test_heading_rules_are_checked(page):
    """The extra rules run: a skipped heading level and an empty heading are reported."""
    page.set_content('<!DOCTYPE html><html lang="en"><body><main><h1>A</h1><h4>B</h4><h2></h2></main></body></html>')
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        "([tags, rules]) => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: rules})",
        [AXE_TAGS, EXTRA_RULES],
    )
    assert {"heading-order", "empty-heading"} <= {violation["id"] for violation in results["violations"]}
