from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class ClinicConfig(AppConfig):
    # Two configs live here; this one is the app's (the other replaces staticfiles').
    default = True
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clinic.purge import register_clinic_steps  # noqa: PLC0415 — models are loaded only now

        register_clinic_steps()


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
