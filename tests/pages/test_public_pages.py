"""Zero HTML errors (Nu HTML Checker) and zero WCAG 2.2 AA violations (axe-core) on every public page type."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.pages.public_pages import PUBLIC_PAGES

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def fetch_public_pages(client):
    pages = {}
    for name, path_of, expected_status in PUBLIC_PAGES:
        path = path_of()
        response = client.get(path)
        assert response.status_code == expected_status, f"{name} ({path}) answered {response.status_code}"
        pages[name] = (path, response.content.decode())
    return pages


def vnu_errors(documents):
    """Run the Nu HTML Checker once over all documents; return {file name: [messages]}."""
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does it).")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", "--errors-only", *documents],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        errors.setdefault(Path(message["url"].removeprefix("file:")).name, []).append(
            f"line {message.get('lastLine')}: {message['message']}"
        )
    return errors


@pytest.mark.usefixtures("demo_content")
def test_every_public_page_type_is_valid_html(client, tmp_path):
    pages = fetch_public_pages(client)
    files = {}
    for index, (name, (path, html)) in enumerate(pages.items()):
        document = tmp_path / f"page-{index}.html"
        document.write_text(html)
        files[document.name] = f"{name} ({path})"
    errors = vnu_errors([str(tmp_path / name) for name in files])
    report = {files[name]: messages for name, messages in errors.items()}
    assert report == {}


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_every_public_page_type_has_no_accessibility_violations(page, width):
    # The HTML is the same at every width (vnu checks it once); what axe sees differs.
    page.set_viewport_size({"width": width, "height": 900})
    axe_source = AXE_JS.read_text()
    failures = {}
    for name, path_of, _status in PUBLIC_PAGES:
        path = path_of()
        page.goto(path)
        page.evaluate(axe_source)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = [
            f"{violation['id']}: {violation['help']} (e.g. {violation['nodes'][0]['html'][:120]})"
            for violation in results["violations"]
        ]
        if violations:
            failures[f"{name} ({path})"] = violations
    assert failures == {}


def test_checkers_report_broken_pages(page, tmp_path):
    """The two checks above can fail: both tools catch a page with known faults."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><p><div>bad</p></body></html>")
    assert vnu_errors([str(broken)])
    page.set_content('<!DOCTYPE html><html lang="en"><body><img src="x.png"><a href="/"></a></body></html>')
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert {"image-alt", "link-name"} <= {violation["id"] for violation in results["violations"]}
