"""The pages ``make bench`` loads at the current volume, with each one's query count.

Run inside Django (``manage.py shell -c``) by scripts/benchmark.py; prints one JSON list of
{"label", "path", "status", "queries"}. Each page is requested twice through Django's test
client and the second request counted: what a warmed-up worker runs for every visitor.
"""

import json
import math

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.demo import COMMENTS_ARTICLE
from blog.models import Article, Category, Tag
from blog.views import ARTICLES_PER_PAGE

BUSY_ARTICLE = "bench-article-busy"

articles = Article.objects.published()
last_page = max(1, math.ceil(articles.count() / ARTICLES_PER_PAGE))
category = max(Category.objects.in_use(), key=lambda item: item.articles.count())
tag = max(Tag.objects.all(), key=lambda item: item.articles.count())
newest = articles.order_by("-published_at").first().published_at
pages = [
    ("home", "/"),
    ("article list", reverse("blog:article_list")),
    ("article list, last page", f"{reverse('blog:article_list')}?page={last_page}"),
    ("category", category.get_absolute_url()),
    ("tag", tag.get_absolute_url()),
    ("month", reverse("blog:article_archive_month", kwargs={"year": f"{newest:%Y}", "month": f"{newest:%m}"})),
    ("article (50 comments)", reverse("blog:article_detail", kwargs={"slug": COMMENTS_ARTICLE})),
    ("article (500 comments)", reverse("blog:article_detail", kwargs={"slug": BUSY_ARTICLE})),
    ("treatment list", reverse("treatments:treatment_list")),
    ("treatment", reverse("treatments:treatment_detail", kwargs={"slug": "prp-skin-rejuvenation"})),
    ("comparison", "/treatments/compare/exosome-therapy-vs-prp-skin-rejuvenation/"),
    ("search: collagen", "/search/?q=collagen"),
    ("search: prp aftercare", "/search/?q=prp+aftercare"),
    ("search: no match", "/search/?q=zzyzx+quartz"),
    ("sitemap index", reverse("sitemap")),
    ("sitemap: articles", "/sitemap-articles.xml"),
    ("RSS feed", reverse("blog:feed_rss")),
    ("Atom feed", reverse("blog:feed_atom")),
]
client = Client(HTTP_HOST="127.0.0.1")
found = []
for label, path in pages:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    found.append({"label": label, "path": path, "status": status, "queries": len(queries)})
print("BENCH-PAGES " + json.dumps(found))
