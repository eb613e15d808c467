"""The source tree cannot break silently: valid stylesheets, no leftover merge-conflict markers."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Built from parts so this file does not match its own pattern.
CONFLICT_MARKER = re.compile("^(" + "<" * 7 + "|" + ">" * 7 + ")( |$)|^" + "=" * 7 + "$", re.MULTILINE)


def css_errors(paths):
    """The Nu HTML Checker's CSS mode over ``paths``: a list of "file line N: message" strings."""
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does it).")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--css", "--format", "json", "--exit-zero-always", "--errors-only", *paths],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [
        f"{Path(message['url'].removeprefix('file:')).name} line {message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stderr)["messages"]
    ]


def tracked_files():
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True).stdout
    return [BASE_DIR / name for name in listing.decode().split("\0") if name]


def conflict_markers(paths, root=BASE_DIR):
    """ "path:line" of every line that is a merge-conflict marker, in text files only."""
    found = []
    for path in paths:
        if not path.is_file():
            continue  # deleted in the work tree but not yet in the index
        data = path.read_bytes()
        if b"\0" in data[:8000]:
            continue  # binary (images)
        for match in CONFLICT_MARKER.finditer(data.decode("utf-8", "replace")):
            line = data[: match.start()].count(b"\n") + 1
            found.append(f"{path.relative_to(root)}:{line}")
    return found


def test_every_stylesheet_is_valid_css():
    stylesheets = sorted(str(path) for path in (BASE_DIR / "static").rglob("*.css"))
    assert stylesheets, "no stylesheets found under static/"
    assert css_errors(stylesheets) == []


def test_css_check_reports_a_broken_stylesheet(tmp_path):
    broken = tmp_path / "broken.css"
    broken.write_text("@media (min-width: 48rem) {\n  .a { color: red; }\n" + "=" * 7 + "\n.b { color: blue; }\n")
    assert css_errors([str(broken)])


def test_no_tracked_file_holds_a_merge_conflict_marker():
    files = tracked_files()
    assert len(files) > 50
    assert conflict_markers(files) == []


def test_conflict_marker_scan_finds_each_marker(tmp_path):
    leftover = tmp_path / "site.css"
    leftover.write_text(".a {}\n" + "<" * 7 + " HEAD\n.b {}\n" + "=" * 7 + "\n.c {}\n" + ">" * 7 + " other\n")
    assert conflict_markers([leftover], root=tmp_path) == ["site.css:2", "site.css:4", "site.css:6"]
