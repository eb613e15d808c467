from django.core.management.base import BaseCommand
from django.db import transaction

from clinic.registries import demo_content


class Command(BaseCommand):
    help = "Load (or refresh) the demo clinic, treatments and articles. Safe to run repeatedly."

    def handle(self, *args, **options):
        with transaction.atomic():
            # In each registration's order: an app's content comes after what it refers to.
            for app_label, load in demo_content.items():
                load()
                self.stdout.write(f"Loaded demo content for {app_label}.")
