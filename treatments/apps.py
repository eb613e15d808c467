from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clinic.registries import compliance_texts
        from treatments.compliance import comparison_texts, treatment_texts
        from treatments.models import Comparison, Treatment

        compliance_texts.register(Treatment, treatment_texts)
        compliance_texts.register(Comparison, comparison_texts)
