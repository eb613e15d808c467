from django.core.management.base import BaseCommand

from blog.comments import send_pending_notifications


class Command(BaseCommand):
    help = (
        "Send comment emails that could not be sent at the time (the mail server was down): new-comment "
        "notices to moderators, and approval or reply notices to commenters who asked. Safe to run from cron."
    )

    def handle(self, *args, **options):
        sent, failed = send_pending_notifications()
        self.stdout.write(f"Sent {sent} comment email(s); {failed} still failing.")
        if failed:
            self.stderr.write("Some emails failed again; see the log. They stay queued for the next run.")
