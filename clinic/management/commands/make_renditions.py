from django.core.management.base import BaseCommand

from clinic.models import Rendition
from clinic.renditions import image_fields, make_renditions


class Command(BaseCommand):
    help = (
        "Make and record the WebP renditions of every uploaded image that has none recorded "
        "(images saved before renditions were made on save, or restored from a backup). Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake the records of images that already have some.")

    def handle(self, *args, all=False, **options):
        recorded = set() if all else set(Rendition.objects.values_list("original", flat=True).distinct())
        made = missing = 0
        for model, name in image_fields():
            names = model._default_manager.exclude(**{name: ""}).values_list(name, flat=True).distinct()
            for original in names:
                if original in recorded:
                    continue
                recorded.add(original)
                field_file = model._meta.get_field(name).attr_class(None, model._meta.get_field(name), original)
                try:
                    made += make_renditions(field_file)
                except FileNotFoundError:
                    missing += 1
                    self.stderr.write(f"Missing file, skipped: {original}")
        self.stdout.write(f"Recorded {made} renditions." + (f" {missing} originals missing." if missing else ""))
