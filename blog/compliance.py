"""The texts of an article that patients read, for the advertising-rules check."""

from django.utils.text import capfirst

ARTICLE_FIELDS = ["title", "excerpt", "body", "cover_alt", "seo_title", "seo_description"]


def article_texts(article):
    """(label, text) pairs: title, excerpt, body (with its images' descriptions), cover description, SEO fields."""
    return [
        (capfirst(type(article)._meta.get_field(name).verbose_name), getattr(article, name)) for name in ARTICLE_FIELDS
    ]
