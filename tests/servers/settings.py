"""The production settings, for a gunicorn a test starts: static files come from the source
folders (as in the test process), so no collectstatic is needed first."""

from clinic.settings import *  # noqa: F403 (production settings; only static files change below)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
