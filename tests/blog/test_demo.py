import pytest
from django.core.management import call_command

from blog.models import Article, Category, Reference, Tag

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_articles_are_complete_and_public():
    load_demo()

    articles = Article.objects.for_detail().published()
    assert articles.count() >= 6
    for article in articles:
        assert article.cover
        assert article.cover_alt
        assert article.medical_reviewer
        assert article.reviewed_on
        assert article.categories.all()
        assert article.tags.all()
        assert article.references.all()
        assert any(entry["level"] == 2 for entry in article.table_of_contents)


def test_loading_demo_content_twice_creates_nothing_twice():
    load_demo()
    counts = [model.objects.count() for model in (Article, Category, Tag, Reference)]
    covers = list(Article.objects.order_by("pk").values_list("cover", flat=True))

    load_demo()

    assert [model.objects.count() for model in (Article, Category, Tag, Reference)] == counts
    assert list(Article.objects.order_by("pk").values_list("cover", flat=True)) == covers
