from django.urls import path, re_path

from blog import feeds, views
from clinic.page_cache import cache_public_page

# Kept whole for readers without a session until anything shown changes (clinic/page_cache.py).
keep = cache_public_page()

app_name = "blog"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path("feed/rss/", keep(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feed/atom/", keep(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("category/<slug:slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.ArticleMonthArchiveView.as_view(),
        name="article_archive_month",
    ),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
]
