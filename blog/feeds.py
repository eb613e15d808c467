"""RSS and Atom feeds of the latest public articles."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from blog.models import Article
from clinic.models import ClinicProfile

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """RSS 2.0: the newest public articles, excerpt as the description."""

    def get_object(self, request, *args, **kwargs):
        # The feed's "object" is the clinic, whose name titles the feed. (One Feed instance
        # serves every request, so nothing request-specific may be kept on it.)
        return ClinicProfile.load()

    def title(self, clinic):
        return f"{clinic.name}: articles"

    def description(self, clinic):
        return f"Articles on skin health and treatments from {clinic.name}."

    def link(self):
        return reverse("blog:article_list")

    def items(self):
        return Article.objects.for_listing().prefetch_related("categories")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.excerpt

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.content_updated_at or item.published_at

    def item_author_name(self, item):
        return item.author.name if item.author and item.author.is_active else None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """Atom 1.0: the same articles as the RSS feed."""

    feed_type = Atom1Feed

    def subtitle(self, clinic):
        return self.description(clinic)
