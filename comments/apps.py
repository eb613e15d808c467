from django.apps import AppConfig

from clinic import cache_versions, registries


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What comments contribute to the site-wide features of the base layer.
        from comments import personal_data, purge
        from comments.models import THREADS_VERSION, Comment

        registries.personal_data_providers.register("comments", personal_data.CommentsPersonalData(), order=20)
        registries.admin_inbox.register("comments", personal_data.awaiting_moderation, order=10)
        registries.purge_steps.register("unpublished comments", purge.STEP, order=20)
        cache_versions.bump_on_change(THREADS_VERSION, Comment)
