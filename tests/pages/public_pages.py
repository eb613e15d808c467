"""Every public page type, checked for HTML validity (vnu) and accessibility (axe-core).

Add a page type with one line: a name and a function returning its path (run after the
demo content is loaded, so it may look objects up), plus the status it should answer. The browser fixtures live in tests/conftest.py.
"""

from django.urls import reverse
from django.utils import timezone

from blog.models import Article, Category, Tag
from clinic.models import Page, Practitioner
from treatments.models import Comparison, Treatment


def _latest_article_month():
    published_at = timezone.localtime(Article.objects.for_listing().first().published_at)
    return reverse("blog:article_archive_month", kwargs={"year": f"{published_at:%Y}", "month": f"{published_at:%m}"})


PUBLIC_PAGES = [
    ("home", lambda: reverse("clinic:home"), 200),
    ("flat page", lambda: Page.objects.published().get(slug="about").get_absolute_url(), 200),
    ("contact page", lambda: reverse("clinic:page_detail", args=["contact"]), 200),
    ("practitioner list", lambda: reverse("clinic:practitioner_list"), 200),
    ("practitioner profile", lambda: Practitioner.objects.active().first().get_absolute_url(), 200),
    ("article list", lambda: reverse("blog:article_list"), 200),
    ("article", lambda: Article.objects.for_listing().first().get_absolute_url(), 200),
    (
        "article with comments and a clinic reply",
        lambda: Article.objects.get(slug="exosomes-or-prp-which-supports-the-skin-matrix").get_absolute_url(),
        200,
    ),
    ("article category", lambda: Category.objects.in_use().first().get_absolute_url(), 200),
    (
        "article tag",
        lambda: Tag.objects.filter(articles__in=Article.objects.published()).first().get_absolute_url(),
        200,
    ),
    ("article monthly archive", _latest_article_month, 200),
    ("treatment list", lambda: reverse("treatments:treatment_list"), 200),
    ("treatment detail", lambda: Treatment.objects.published().get(slug="exosome-therapy").get_absolute_url(), 200),
    ("comparison", lambda: Comparison.objects.published().first().get_absolute_url(), 200),
    ("comparison index", lambda: reverse("treatments:comparison_list"), 200),
    ("consultation form", lambda: reverse("clinic:enquiry_create") + "?treatment=prp-skin-rejuvenation", 200),
    ("consultation thank-you", lambda: reverse("clinic:enquiry_thanks"), 200),
    ("search results", lambda: reverse("clinic:search") + "?q=skin", 200),
    ("not found", lambda: "/no-such-page/", 404),
    ("bad request", lambda: reverse("clinic:search") + "?q=a%00b", 400),
    ("comment reply-email link not valid", lambda: reverse("comments:confirm_updates", args=["expired"]), 400),
]
