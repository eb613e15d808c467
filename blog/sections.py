"""What the blog adds to other apps' pages, registered from ``BlogConfig.ready()``."""

from blog.models import Article
from clinic import registries


def practitioner_articles(practitioner):
    """The practitioner's latest published articles for their profile, or None when they wrote none."""
    articles = list(Article.objects.for_listing().filter(author=practitioner)[:6])
    if not articles:
        return None
    return "blog/_practitioner_articles.html", {"articles": articles, "practitioner": practitioner}


def register():
    registries.practitioner_sections.register("blog.articles", practitioner_articles, order=20)
