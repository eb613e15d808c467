from django.apps import AppConfig

from clinic import cache_versions, registries


class TreatmentsConfig(AppConfig):
    name = "treatments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the treatments contribute to the site-wide features of the base layer.
        from treatments import compliance, demo, search, sections, sitemaps
        from treatments.models import FAQ, TREATMENTS_VERSION, Comparison, Treatment, TreatmentCategory

        registries.search_sources.register("treatments", search.treatments, order=20)
        registries.sitemaps.register("treatments", sitemaps.TreatmentSitemap, order=20)
        registries.sitemaps.register("comparisons", sitemaps.ComparisonSitemap, order=30)
        registries.home_sections.register("featured_treatments", sections.featured_treatments, order=10)
        registries.enquiry_topics.register("treatments", sections.enquiry_topics)
        registries.practitioner_sections.register("treatments.performed", sections.practitioner_treatments, order=10)
        registries.demo_content.register("treatments", demo.load, order=20)
        registries.compliance_texts.register(Treatment, compliance.treatment_texts)
        registries.compliance_texts.register(Comparison, compliance.comparison_texts)
        cache_versions.bump_on_change(
            TREATMENTS_VERSION,
            *(Treatment, TreatmentCategory, FAQ, Comparison, Treatment.practitioners.through),
            *("clinic.Practitioner", "clinic.Rendition"),
        )
