"""Screenshots of the main pages at a phone (390 px) and a laptop (1366 px) width.

    make screenshots                # writes docs/screenshots/<page>-<width>.png

Builds a throwaway SQLite demo site in a temporary folder (nothing touches db.sqlite3 or
media/), serves it on 127.0.0.1 with Django's development server, and photographs each page
with Playwright driving Debian's Chromium. Images are cut at MAX_HEIGHT pixels and saved as
palette PNGs so the committed files stay small. Nothing leaves 127.0.0.1.
"""

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTHS = (390, 1366)
MAX_HEIGHT = 2500
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# name -> path (demo content keeps these addresses stable)
PAGES = {
    "home": "/",
    "treatment": "/treatments/prp-skin-rejuvenation/",
    "comparison": "/treatments/compare/exosome-therapy-vs-prp-skin-rejuvenation/",
    "article": "/blog/exosomes-or-prp-which-supports-the-skin-matrix/",
    "consultation": "/consultation/",
    "practitioner": "/practitioners/dr-isla-morrison/",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def save_small(png_bytes, path):
    """Cut to MAX_HEIGHT and store as an optimised 256-colour PNG."""
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    print(f"{path.name}: {image.width}x{image.height}")
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def serve(workdir):
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{workdir}/demo.sqlite3",
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "true",
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
        "REDIS_URL": "",
        "EMAIL_HOST": "",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        subprocess.run([*manage, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def photograph(base_url, names):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
            page = context.new_page()
            for name in names:
                page.goto(base_url + PAGES[name], wait_until="networkidle")
                # A full-page picture should show the images a reader would scroll to.
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                save_small(page.screenshot(full_page=True), OUT / f"{name}-{width}.png")
                if name == "article":
                    save_small(page.locator("#comments").screenshot(), OUT / f"article-comments-{width}.png")
                if name == "consultation":
                    page.get_by_role("button", name="Send my enquiry").click()
                    page.wait_for_load_state("networkidle")
                    save_small(page.screenshot(full_page=True), OUT / f"consultation-errors-{width}.png")
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help=f"only these pages (default: all of {', '.join(PAGES)})")
    names = parser.parse_args().pages or list(PAGES)
    unknown = set(names) - set(PAGES)
    if unknown:
        parser.error(f"unknown page: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as tmp:
        server, base_url = serve(Path(tmp))
        try:
            photograph(base_url, names)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
