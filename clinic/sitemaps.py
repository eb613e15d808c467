from datetime import datetime
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

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


@x_robots_tag
def sitemap_section(request, section, sitemaps):
    """One page of one section of the sitemap index, as Django's own view writes it, only faster.

    Django renders each <url> through the template engine, which is most of the cost of a
    page of thousands of addresses; writing the same XML directly keeps a page cheap.
    """
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    site = sitemaps[section]
    site = site() if callable(site) else site
    try:
        urls = site.get_urls(page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        lines.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            lines.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        if url["changefreq"]:
            lines.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url["priority"]:
            lines.append(f"<priority>{escape(url['priority'])}</priority>")
        lines.append("</url>\n")
    lines.append("</urlset>\n")
    response = HttpResponse("".join(lines), content_type="application/xml")
    latest = getattr(site, "latest_lastmod", None)
    if latest:
        # Lets ConditionalGetMiddleware and crawlers answer 304, as Django's view does.
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response


def _day(value):
    """The date part of a lastmod, in local time for an aware datetime (as the "date" filter shows it)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")
