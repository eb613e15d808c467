from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from blog.models import Article, Category, Tag


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.for_listing()

    def lastmod(self, article):
        return article.content_updated_at or article.published_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Category.objects.in_use()
            .annotate(last_article_update=Max("articles__content_updated_at"))
            .order_by("slug")
        )

    def lastmod(self, category):
        return category.last_article_update


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
