"""Delete personal data older than the periods the privacy notice states; run daily."""

from django.core.management.base import BaseCommand

from clinic.purge import run_purge


class Command(BaseCommand):
    help = (
        "Delete enquiries, unpublished comments, sent-email copies and log-in records older than "
        "their RETENTION_* settings (the periods the privacy notice shows). Safe to run at any time; "
        "schedule it daily (cron or a systemd timer, see README)."
    )

    def handle(self, *args, **options):
        for name, count in run_purge():
            self.stdout.write(f"{name}: {count} deleted")
