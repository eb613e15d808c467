from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from comments.services import queue_moderation_digest


class Command(BaseCommand):
    help = (
        "Queue the moderators' digest (comments awaiting moderation, and spam filed in the last --hours, "
        "counted by reason) in the outbox. Run daily from cron: manage.py send_moderation_digest --hours 24"
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="How far back to count spam (default 24).")

    def handle(self, *args, hours, **options):
        email = queue_moderation_digest(since=timezone.now() - timedelta(hours=hours))
        self.stdout.write(
            "Digest queued." if email else "Nothing to report, or CLINIC_NOTIFY_EMAILS unset: no digest."
        )
