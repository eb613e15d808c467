from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clinic.models import Page, Practitioner


class HomeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return [
            "clinic:home",
            "treatments:treatment_list",
            "treatments:comparison_list",
            "blog:article_list",
            "clinic:practitioner_list",
        ]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.content_updated_at


class PractitionerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Practitioner.objects.active().order_by("slug")
