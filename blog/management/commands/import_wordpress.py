from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.wordpress import ExportError, WordPressImporter


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run after its report is complete."""


class Command(BaseCommand):
    """Import a WordPress export (WXR 1.0–1.2): authors, terms, posts, pages, comments, images.

    Everything happens in one transaction, so a failing or interrupted run leaves nothing
    behind; running it again updates what it imported before and creates nothing twice.
    Old WordPress addresses are stored as redirects. Prints a report of what was created,
    updated, left unchanged or skipped, and why.
    """

    help = (
        "Import a WordPress export file (Tools → Export in WordPress). Safe to run again: "
        "it updates what it imported before. Use --dry-run to see the report without saving."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            help="A copy of the old site's wp-content/uploads folder; images are taken from it first.",
        )
        parser.add_argument(
            "--fetch-remote",
            action="store_true",
            help="Download images that are not in the media folder over HTTP(S) (WordPress.com, CDNs).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Do everything, print the report, save nothing.")

    def handle(self, *args, export, media_dir=None, dry_run=False, fetch_remote=False, **options):
        importer = WordPressImporter(export, media_dir=media_dir, fetch_remote=fetch_remote)
        try:
            with transaction.atomic():
                report = importer.run()
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            importer.discard_written_files()
        except ExportError as error:
            importer.discard_written_files()
            raise CommandError(f"{error} Nothing was imported.") from None
        except BaseException:
            # The database rolled back; the image files this run stored go with it.
            importer.discard_written_files()
            raise
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))
