"""The blog's part of pages other apps render (registered in BlogConfig.ready())."""

from blog.models import Article


def latest_articles(request):
    """Home page: the three newest public articles."""
    return "blog/_home_section.html", {"latest_articles": Article.objects.for_listing()[:3]}


def practitioner_articles(practitioner):
    """The practitioner's latest published articles for their profile, or None when they wrote none."""
    articles = list(Article.objects.for_listing().filter(author=practitioner)[:6])
    if not articles:
        return None
    return "blog/_practitioner_articles.html", {"articles": articles, "practitioner": practitioner}
