import time

from django.core.management.base import BaseCommand

from clinic.outbox import send_due


class Command(BaseCommand):
    help = (
        "Send the emails waiting in the outbox: one pass (for cron), or --loop to keep sending as a "
        "long-running service. Failures are retried with backoff and listed in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between passes with --loop.")

    def handle(self, *args, loop=False, interval=5.0, **options):
        while True:
            sent, failed = send_due()
            if sent or failed or not loop:
                self.stdout.write(
                    f"Sent {sent} email(s); {failed} failed and will be retried or are listed as failed."
                )
            if not loop:
                return
            time.sleep(interval)
