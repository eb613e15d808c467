from django.apps import AppConfig

from clinic.registries import purge_steps


class BlogConfig(AppConfig):
    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from blog import purge  # noqa: PLC0415 — models are loaded only now

        purge_steps.register("unpublished comments", purge.STEP, order=20)
