from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.db.models.signals import post_migrate


class ClinicConfig(AppConfig):
    # Two configs live in this module: this one is the app's (the other replaces staticfiles).
    default = True
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clinic import cache_versions, demo, inbox, outbox, registries, renditions, sitemaps
        from clinic.compliance.texts import register_clinic_texts
        from clinic.context_processors import CHROME_VERSION
        from clinic.models import ClinicProfile, OpeningHours, Page
        from clinic.personal_data import EnquiryData
        from clinic.purge import register_clinic_steps

        registries.sitemaps.register("home", sitemaps.HomeSitemap, order=10)
        registries.sitemaps.register("pages", sitemaps.PageSitemap, order=70)
        registries.sitemaps.register("practitioners", sitemaps.PractitionerSitemap, order=80)
        registries.personal_data_providers.register("enquiries", EnquiryData(), order=90)
        registries.personal_data_providers.register("outbox", outbox.OutboxPersonalData(), order=95)
        registries.admin_inbox.register("enquiries", inbox.new_enquiries, order=90)
        registries.demo_content.register("clinic", demo.load, order=10)
        register_clinic_texts()
        register_clinic_steps()
        renditions.connect()
        cache_versions.bump_on_change(CHROME_VERSION, ClinicProfile, OpeningHours, Page)
        post_migrate.connect(cache_versions.renew_everything, sender=self, dispatch_uid="cache-versions:deploy")


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
