from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Kept for existing cron entries: runs `send_outbox` once (comment emails now go through the outbox)."

    def handle(self, *args, **options):
        call_command("send_outbox", stdout=self.stdout, stderr=self.stderr)
