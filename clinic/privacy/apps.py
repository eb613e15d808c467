from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Privacy requests (UK GDPR): find, export and erase one person's data, with a log of every request.

    Its own small app (label "privacy") so its table and permission need no migration in
    the busy clinic app. It reads the apps' data only through
    ``clinic.registries.personal_data_providers`` (clinic/personal_data.py).
    """

    name = "clinic.privacy"
    label = "privacy"
    verbose_name = "Privacy"
    default_auto_field = "django.db.models.BigAutoField"
