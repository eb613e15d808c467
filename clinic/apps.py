from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"


class ClinicStaticFilesConfig(StaticFilesConfig):
    # CKEditor ships demo pages ("samples") with known issues; they must never be published.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "samples", "bender-runner.config.json"]
