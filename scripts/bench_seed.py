"""Volume for ``make bench``, inserted in bulk on top of the demo content.

Run inside Django (``manage.py shell -c``) by scripts/benchmark.py, with BENCH_ARTICLES set
to the number of public articles wanted in all. A second run with a larger number adds
only the difference, so one database serves every size. Each bench article gets
BENCH_COMMENTS_PER_ARTICLE approved comments on average (some threaded). Whatever the
size, there are 50 treatments, the demo's exosomes-or-PRP article has 50 threaded comments
and a ~1,650-word body, and one article has 500 comments and a cover.
"""

import copy
import os
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from blog.demo import COMMENTS_ARTICLE
from blog.models import Article, Category, Tag
from comments.models import Comment
from treatments.models import Treatment

BATCH = 2000
TREATMENTS = 50
MAIN_ARTICLE_COMMENTS = 50
MAIN_ARTICLE_WORDS = 1650
BUSY_ARTICLE = "bench-article-busy"
BUSY_ARTICLE_COMMENTS = 500
WORDS = [
    "collagen",
    "elastin",
    "fibroblast",
    "dermis",
    "matrix",
    "hydration",
    "barrier",
    "renewal",
    "platelet",
    "growth",
    "factor",
    "healing",
    "redness",
    "texture",
    "tone",
    "pigment",
    "sunscreen",
    "retinoid",
    "peptide",
    "microneedling",
    "session",
    "recovery",
    "inflammation",
    "vitamin",
    "glycation",
]

rng = random.Random(20261204)
now = timezone.now()
article_type = ContentType.objects.get_for_model(Article)


def sentence(words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(sentences=6):
    return "<p>" + " ".join(sentence(rng.randint(8, 16)) for _ in range(sentences)) + "</p>"


def comments_for(article_ids, *, threaded_share=0.3, start=None):
    """Approved comments (about ``threaded_share`` of them replies) on each of ``article_ids``."""
    start = start or now - timedelta(days=30)
    top = []
    for object_id, count in article_ids:
        for number in range(max(1, round(count * (1 - threaded_share)))):
            top.append(
                Comment(
                    content_type=article_type,
                    object_id=object_id,
                    author_name=f"Reader {number}",
                    author_email=f"reader{number}@example.com",
                    body=sentence(rng.randint(10, 40)),
                    status=Comment.Status.APPROVED,
                    created_at=start + timedelta(minutes=number),
                    consent_given_at=start,
                )
            )
    Comment.objects.bulk_create(top, batch_size=BATCH)
    by_article = {}
    for comment in top:
        by_article.setdefault(comment.object_id, []).append(comment)
    replies = []
    for object_id, count in article_ids:
        parents = by_article[object_id]
        for number in range(count - len(parents)):
            parent = rng.choice(parents)
            replies.append(
                Comment(
                    content_type=article_type,
                    object_id=object_id,
                    parent=parent,
                    author_name=f"Replier {number}",
                    author_email=f"replier{number}@example.com",
                    body=sentence(rng.randint(6, 30)),
                    status=Comment.Status.APPROVED,
                    created_at=parent.created_at + timedelta(seconds=30 + number),
                    consent_given_at=start,
                )
            )
    Comment.objects.bulk_create(replies, batch_size=BATCH)


def seed_fixed_content():
    """What every size shares: 50 treatments, the main article's comments and length."""
    treatments = list(Treatment.objects.filter(is_published=True).order_by("pk"))
    clones = []
    for number in range(TREATMENTS - Treatment.objects.count()):
        clone = copy.copy(treatments[number % len(treatments)])
        clone.pk = clone.id = None
        clone.slug = f"bench-treatment-{number}"
        clone.name = f"{clone.name} ({number})"
        clones.append(clone)
    Treatment.objects.bulk_create(clones)

    main = Article.objects.get(slug=COMMENTS_ARTICLE)
    words = len(main.body.split())
    if words < MAIN_ARTICLE_WORDS:
        extra = []
        while words < MAIN_ARTICLE_WORDS:
            extra.append(paragraph())
            words += len(extra[-1].split())
        Article.objects.filter(pk=main.pk).update(body=main.body + "<h2>More on the research</h2>" + "".join(extra))
    have = Comment.objects.filter(content_type=article_type, object_id=main.pk).count()
    if have < MAIN_ARTICLE_COMMENTS:
        comments_for([(main.pk, MAIN_ARTICLE_COMMENTS - have)], threaded_share=0.4)
    return main


def seed_articles(target):
    """Bench articles until ``target`` public articles exist, with comments, tags and categories."""
    missing = target - Article.objects.published().count()
    if missing <= 0:
        return
    main = Article.objects.get(slug=COMMENTS_ARTICLE)
    have = Article.objects.filter(slug__startswith="bench-article-").count()
    categories = list(Category.objects.all())
    tags = list(Tag.objects.all())
    for number in range(len(tags), 30):
        tags.append(Tag.objects.create(name=f"Skin topic {number}", slug=f"skin-topic-{number}"))
    author = main.author
    per_article = int(os.environ.get("BENCH_COMMENTS_PER_ARTICLE", "10"))
    articles = []
    for number in range(have, have + missing):
        # One article every eight hours going back from yesterday: 10,000 span about nine years.
        published = now - timedelta(days=1, hours=8 * number)
        busy = number == 0
        body = "<h2>Structure</h2>" + paragraph() + paragraph() + "<h2>Renewal</h2>" + paragraph() + paragraph()
        articles.append(
            Article(
                title=f"Skin notes {number}: {sentence(4)[:-1]}",
                slug=BUSY_ARTICLE if busy else f"bench-article-{number}",
                excerpt=sentence(20),
                body=body,
                author=author,
                status=Article.Status.PUBLISHED,
                published_at=published,
                content_updated_at=published + timedelta(days=number % 3),
                # A third of the cards show the demo article's cover (renditions are per file).
                cover=main.cover.name if busy or number % 3 == 0 else "",
                cover_alt=main.cover_alt if busy or number % 3 == 0 else "",
                cover_width=main.cover_width if busy or number % 3 == 0 else None,
                cover_height=main.cover_height if busy or number % 3 == 0 else None,
            )
        )
    Article.objects.bulk_create(articles, batch_size=BATCH)
    Article.categories.through.objects.bulk_create(
        [
            Article.categories.through(article_id=article.pk, category_id=category.pk)
            for index, article in enumerate(articles)
            for category in {categories[index % len(categories)], categories[(index * 7) % len(categories)]}
        ],
        batch_size=BATCH * 5,
    )
    Article.tags.through.objects.bulk_create(
        [
            Article.tags.through(article_id=article.pk, tag_id=tag.pk)
            for index, article in enumerate(articles)
            for tag in {tags[index % len(tags)], tags[(index * 3) % len(tags)], tags[(index * 11) % len(tags)]}
        ],
        batch_size=BATCH * 5,
    )
    counts = []
    for article in articles:
        if article.slug == BUSY_ARTICLE:
            counts.append((article.pk, BUSY_ARTICLE_COMMENTS))
        else:
            counts.append((article.pk, rng.randint(0, 2 * per_article)))
    comments_for([item for item in counts if item[1]])


with transaction.atomic():
    seed_fixed_content()
    seed_articles(int(os.environ["BENCH_ARTICLES"]))
# As autovacuum would soon after: without fresh statistics PostgreSQL plans for the table it
# saw before the bulk insert (a handful of rows) and picks plans no live site would run.
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE")
print(
    f"{Article.objects.published().count()} articles, {Comment.objects.count()} comments, "
    f"{Treatment.objects.count()} treatments"
)
