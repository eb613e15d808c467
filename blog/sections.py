"""The blog's part of pages the base layer renders (registered in BlogConfig.ready())."""

from blog.models import Article


def latest_articles(request):
    """Home page: the three newest public articles."""
    return "blog/_home_section.html", {"latest_articles": Article.objects.for_listing()[:3]}
