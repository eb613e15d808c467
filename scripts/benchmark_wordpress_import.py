"""Time and memory of importing a large WordPress export, first run and repeat run.

    python scripts/benchmark_wordpress_import.py [--posts 1000] [--comments 10000]

Writes an export with the given numbers of posts and comments (threaded, mixed
statuses) to a temporary folder, creates a fresh PostgreSQL database ``<name>_wpbench``
beside DATABASE_URL's, migrates it and runs ``import_wordpress`` twice in a child
process. Prints elapsed seconds, the child's own CPU seconds and peak resident memory,
and the load average, for each run.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from bench_database import fresh_database_url

ROOT = Path(__file__).resolve().parent.parent

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor</wp:author_login>
<wp:author_display_name>Bench Author</wp:author_display_name></wp:author>
"""
PARAGRAPH = "Skin renews itself roughly every month, more slowly with age.\nSo be patient.\n\n"


def write_export(path, posts, comments):
    per_post, extra = divmod(comments, posts)
    comment_id = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for number in range(1, posts + 1):
            body = escape(PARAGRAPH * 8 + "[caption]Caption text[/caption]")
            out.write(
                f"<item><title>Bench post {number}</title><dc:creator>editor</dc:creator>"
                f"<content:encoded>{body}</content:encoded><excerpt:encoded></excerpt:encoded>"
                f"<wp:post_id>{number}</wp:post_id><wp:post_date_gmt>2022-03-{number % 28 + 1:02d} 10:00:00"
                f"</wp:post_date_gmt><wp:post_name>bench-post-{number}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="topic-{number % 10}">Topic {number % 10}</category>'
                f'<category domain="post_tag" nicename="tag-{number % 40}">Tag {number % 40}</category>'
            )
            first = comment_id + 1
            for index in range(per_post + (1 if number <= extra else 0)):
                comment_id += 1
                parent = first if index % 3 == 2 else 0
                approved = ("1", "1", "0", "spam")[index % 4]
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>Reader {comment_id}</wp:comment_author>"
                    f"<wp:comment_author_email>reader{comment_id}@mail.example</wp:comment_author_email>"
                    "<wp:comment_date_gmt>2022-04-01 12:00:00</wp:comment_date_gmt>"
                    "<wp:comment_content>Thanks, this was useful.</wp:comment_content>"
                    f"<wp:comment_approved>{approved}</wp:comment_approved>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def timed_import(env, export):
    """Run the import in a child process; return (seconds, its own CPU seconds, its own peak MB, report)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "manage.py", "import_wordpress", str(export)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    output = child.stdout.read()
    # wait4 gives this child's own peak memory; RUSAGE_CHILDREN would be the largest of
    # every child so far (migrate included), hiding how the import itself grows.
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"import failed:\n{output}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=10000)
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": fresh_database_url("wpbench"), "DEBUG": "0"}
    env.setdefault("SECRET_KEY", "benchmark-only")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    env.setdefault("SITE_URL", "http://127.0.0.1")
    with tempfile.TemporaryDirectory() as folder:
        env["MEDIA_ROOT"] = str(Path(folder) / "media")
        export = Path(folder) / "export.xml"
        write_export(export, args.posts, args.comments)
        size_mb = export.stat().st_size / 1024 / 1024
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"Export: {args.posts} posts, {args.comments} comments, {size_mb:.1f} MB")
        for label in ("first run", "second run"):
            seconds, cpu, peak_mb, output = timed_import(env, export)
            load = " ".join(f"{value:.2f}" for value in os.getloadavg())
            # CPU seconds of the import process itself (PostgreSQL's work not included) vary far
            # less than elapsed time on a shared machine.
            print(f"{label}: {seconds:.1f} s ({cpu:.1f} s CPU), peak memory {peak_mb:.0f} MB (load average {load})")
            print("\n".join("    " + line for line in output.splitlines()[:10]))


if __name__ == "__main__":
    main()
