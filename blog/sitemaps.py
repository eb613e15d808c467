from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse

from blog.models import Article, Category, Tag


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    # Pages of the sitemap index (sitemap-articles.xml?p=2, …), each one short query. Small
    # enough that a page costs about the same at 10,000 articles as the whole list at 100
    # (make bench), large enough that 10,000 articles are 50 files.
    limit = 200

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "content_updated_at")
            .order_by("-published_at", "-pk")
        )

    def location(self, article):
        # reverse() once per page rather than once per article: on a full page it would cost
        # more than everything else together.
        if not hasattr(self, "_prefix"):
            self._prefix = reverse("blog:article_detail", kwargs={"slug": "-"}).removesuffix("-/")
        return f"{self._prefix}{article.slug}/"

    def lastmod(self, article):
        return article.content_updated_at or article.published_at

    def get_latest_lastmod(self):
        # Django's default reads every article to find the newest date for the index.
        return Article.objects.published().aggregate(latest=Max(Coalesce("content_updated_at", "published_at")))[
            "latest"
        ]


def latest_public_change():
    """When a public article last changed: also the latest possible change of any topic page."""
    return Article.objects.published().aggregate(latest=Max(Coalesce("content_updated_at", "published_at")))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            # The filter and the Max share one join: the date is that of public articles only.
            Category.objects.filter(articles__in=Article.objects.published())
            .annotate(last_article_update=Max("articles__content_updated_at"))
            .order_by("slug")
        )

    def lastmod(self, category):
        return category.last_article_update

    def get_latest_lastmod(self):
        # For the index: Django's default would group every article under its categories.
        return latest_public_change()


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Tag.objects.filter(articles__in=Article.objects.published())
            .annotate(last_article_update=Max("articles__content_updated_at"))
            .order_by("slug")
        )

    def lastmod(self, tag):
        return tag.last_article_update

    def get_latest_lastmod(self):
        return latest_public_change()
