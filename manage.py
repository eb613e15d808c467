#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Django's command runner swallows a settings error and fails later with an
        # unrelated "Models aren't loaded yet"; say what is actually wrong instead.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}\nFor local work, prefix the command with DEBUG=true.")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
