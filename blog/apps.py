from django.apps import AppConfig

from clinic import cache_versions, registries


class BlogConfig(AppConfig):
    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the blog contributes to the site-wide features of the base layer.
        from blog import compliance, demo, search, sections, sitemaps
        from blog.models import ARTICLES_VERSION, Article, Category, Reference, Tag
        from blog.wordpress import addresses

        registries.search_sources.register("articles", search.articles, order=10)
        registries.sitemaps.register("articles", sitemaps.ArticleSitemap, order=40)
        registries.sitemaps.register("categories", sitemaps.CategorySitemap, order=50)
        registries.sitemaps.register("tags", sitemaps.TagSitemap, order=60)
        registries.home_sections.register("latest_articles", sections.latest_articles, order=20)
        registries.practitioner_sections.register("blog.articles", sections.practitioner_articles, order=20)
        registries.demo_content.register("blog", demo.load, order=30)
        registries.compliance_texts.register(Article, compliance.article_texts)
        registries.legacy_address_resolvers.register("wordpress", addresses.resolve)
        cache_versions.bump_on_change(
            ARTICLES_VERSION,
            *(Article, Category, Tag, Reference, "clinic.Practitioner", "clinic.Rendition"),
            *(Article.categories.through, Article.tags.through, Article.related_treatments.through),
        )
