from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class ClinicConfig(AppConfig):
    # apps.py holds two configs; this is the one INSTALLED_APPS' "clinic" means.
    default = True
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clinic import outbox, registries

        registries.personal_data_providers.register("outbox", outbox.OutboxPersonalData(), order=90)


class ClinicStaticFilesConfig(StaticFilesConfig):
    # CKEditor 4 ships stand-alone HTML pages (samples, manual tests, the preview and
    # spell-check dialogs) with known issues; the editor never needs them, so they are
    # never published. Patterns match full paths below STATIC_ROOT.
    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "ckeditor/ckeditor/samples/*",
        "ckeditor/ckeditor/plugins/*/tests/*",
        "ckeditor/ckeditor/plugins/preview/*",
        "ckeditor/ckeditor/plugins/wsc/*",
        "ckeditor/ckeditor/bender-runner.config.json",
        "ckeditor/ckeditor/build-config.js",
    ]
