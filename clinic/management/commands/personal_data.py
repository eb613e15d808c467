import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from clinic.personal_data import erase_personal_data, export_personal_data


class Command(BaseCommand):
    help = (
        "Answer a UK GDPR request about one email address, across article comments and consultation "
        "enquiries. --export prints (or writes with --output) everything stored as JSON; --erase deletes "
        "enquiries and comments, keeping answered comments as anonymous placeholders so replies still make "
        "sense. Example: manage.py personal_data morag@example.com --export --output morag.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The email address the request is about (case is ignored).")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true", help="Print everything stored about the address as JSON.")
        action.add_argument("--erase", action="store_true", help="Erase everything stored about the address.")
        parser.add_argument("--output", help="With --export: write the JSON to this file instead of printing it.")

    def handle(self, *args, email, export, erase, output=None, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        if export:
            data = json.dumps(export_personal_data(email), indent=2, ensure_ascii=False)
            if output:
                with open(output, "w", encoding="utf-8") as file:
                    file.write(data + "\n")
                self.stdout.write(f"Wrote {output}.")
            else:
                self.stdout.write(data)
            return
        counts = erase_personal_data(email)
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(f"Erased data for {email} ({summary}).")
