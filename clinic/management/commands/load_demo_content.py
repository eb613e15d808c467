from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load (or refresh) the demo clinic, treatments and articles. Safe to run repeatedly."

    def handle(self, *args, **options):
        with transaction.atomic():
            # In INSTALLED_APPS order, which lists each app after those its content refers to.
            for app_config in apps.get_app_configs():
                try:
                    demo = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                demo.load()
                self.stdout.write(f"Loaded demo content for {app_config.name}.")
