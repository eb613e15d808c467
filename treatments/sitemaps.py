from django.contrib.sitemaps import Sitemap
from django.db.models.functions import Greatest

from treatments.models import Comparison, Treatment


class TreatmentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.9

    def items(self):
        return Treatment.objects.published().for_listing()

    def lastmod(self, treatment):
        return treatment.content_updated_at or treatment.created_at


class ComparisonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # Every pair of published treatments has a page; the written comparisons are the ones worth listing.
        return (
            Comparison.objects.published()
            .for_listing()
            .annotate(last_change=Greatest("updated_at", "treatment_a__updated_at", "treatment_b__updated_at"))
        )

    def lastmod(self, comparison):
        return comparison.last_change
