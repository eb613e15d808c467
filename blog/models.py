import html
import math
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, Prefetch, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from clinic import cache_versions
from clinic.fields import RichTextField, last_updated_field
from clinic.model_parts import MedicalReview, image_with_alt
from clinic.models import Practitioner
from clinic.search import StoredSearchDocument
from comments.models import Comment
from treatments.models import Treatment

WORDS_PER_MINUTE = 200

# The version the article page's cached fragments are keyed by: bumped by every change to
# articles, their topics, references, authors and images (blog/apps.py), and by bulk
# publishing below.
ARTICLES_VERSION = "articles"

# The sanitiser allows no attributes on headings, so in stored bodies every h2/h3 is
# exactly "<h2>…</h2>"; matching that shape is reliable here and nowhere else.
HEADING_RE = re.compile(r"<(h[23])>(.*?)</\1>", re.DOTALL)


class CategoryQuerySet(models.QuerySet):
    def in_use(self):
        """Categories holding at least one public article, for navigation.

        EXISTS stops at the first public article of each category, where a join would read
        every article of every category and then remove the duplicates.
        """
        return self.filter(models.Exists(Article.objects.published().filter(categories=models.OuterRef("pk"))))


class Category(models.Model):
    """A broad subject; an article can sit in several."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The end of the category's address, e.g. /blog/category/skin-science/."
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the category page. Plain text."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Optional: the broader category this one sits under.",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="blog_category_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:category_detail", kwargs={"slug": self.slug})


class Tag(models.Model):
    """A narrow topic, e.g. a treatment or a part of the skin."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="The end of the tag's address, e.g. /blog/tag/prp/.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may see: published, with a publication time that has passed.

        The one definition of "public": every public page, feed and related-items query
        starts here, so a draft or scheduled article cannot leak through any of them.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def archive_months(self):
        """The months (aware datetimes at their first instant, newest first) holding public articles.

        The whole blog's, whatever this queryset filters: it is the archive navigation.

        One index probe per month, not a pass over every article: each step of the recursive
        query asks the (status, published_at) index for the newest public article before the
        month just found. The cost grows with the months in the archive, not the articles.
        """
        if connection.vendor != "postgresql":
            # The SQLite demo holds a few articles: Django's own month list is quick enough there.
            return list(Article.objects.published().datetimes("published_at", "month", order="DESC"))
        zone = timezone.get_current_timezone_name()
        table = connection.ops.quote_name(Article._meta.db_table)
        sql = f"""
            WITH RECURSIVE months(month) AS (
                SELECT date_trunc('month', max(published_at) AT TIME ZONE %s)
                FROM {table} WHERE status = %s AND published_at <= %s
                UNION ALL
                SELECT (
                    SELECT date_trunc('month', max(published_at) AT TIME ZONE %s) FROM {table}
                    WHERE status = %s AND published_at < months.month AT TIME ZONE %s
                ) FROM months WHERE months.month IS NOT NULL
            )
            SELECT month FROM months WHERE month IS NOT NULL ORDER BY month DESC
        """  # noqa: S608 — the table name is the model's own; every value is a parameter
        published = Article.Status.PUBLISHED
        with connection.cursor() as cursor:
            cursor.execute(sql, [zone, published, timezone.now(), zone, published, zone])
            return [timezone.make_aware(month) for (month,) in cursor.fetchall()]

    def visible_to(self, user):
        """Published articles, or every article for staff allowed to view them (previews)."""
        if user.is_staff and user.has_perm("blog.view_article"):
            return self.all()
        return self.published()

    def for_listing(self):
        """Public articles, newest first, shaped for cards, lists and feeds.

        The author is joined in and the body (the one large column) left out; a card that
        needs the body would cost a query per article, so cards don't use it. The home
        page takes the latest few with ``Article.objects.for_listing()[:3]``.
        """
        return self.published().select_related("author").defer("body").order_by("-published_at", "-pk")

    def for_detail(self):
        """Articles with everything the article page shows, in a fixed number of queries."""
        return self.select_related("author", "medical_reviewer").prefetch_related(
            "categories",
            "tags",
            "references",
            Prefetch("related_treatments", queryset=Treatment.objects.published().for_listing()),
        )

    def with_comment_counts(self):
        """These articles with ``comment_count``: approved comments, counted in the same query.

        A subquery rather than a join, so it adds up correctly beside other annotations
        (``related_to`` counts shared tags and categories over joins).
        """
        approved = (
            Comment.objects.approved()
            .filter(content_type__app_label="blog", content_type__model="article", object_id=models.OuterRef("pk"))
            .order_by()
            .values("object_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(models.Subquery(approved), 0, output_field=models.IntegerField()))

    def related_to(self, article, limit=3):
        """Up to ``limit`` public articles sharing tags or categories with ``article``, most shared first."""
        shared_tags = Q(tags__in=article.tags.all())
        shared_categories = Q(categories__in=article.categories.all())
        return (
            self.for_listing()
            .exclude(pk=article.pk)
            .filter(shared_tags | shared_categories)
            .annotate(
                shared=Count("tags", filter=shared_tags, distinct=True)
                + Count("categories", filter=shared_categories, distinct=True)
            )
            .order_by("-shared", "-published_at", "-pk")[:limit]
        )

    def publish(self):
        """Publish these articles: now, or at their own publication time if one is set. Returns the count."""
        now = timezone.now()
        drafts = self.filter(status=Article.Status.DRAFT)
        # "Last updated" never falls before the publication time (a database constraint).
        dated = drafts.filter(published_at__isnull=False).update(
            status=Article.Status.PUBLISHED,
            content_updated_at=Greatest(Coalesce("content_updated_at", "published_at"), "published_at"),
        )
        undated = drafts.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED,
            published_at=now,
            content_updated_at=Greatest(Coalesce("content_updated_at", Value(now)), Value(now)),
        )
        cache_versions.bump(ARTICLES_VERSION)
        return dated + undated

    def unpublish(self):
        """Return these articles to draft, keeping their publication time for when they go back. Returns the count."""
        count = self.filter(status=Article.Status.PUBLISHED).update(status=Article.Status.DRAFT)
        cache_versions.bump(ARTICLES_VERSION)
        return count


ArticleCover = image_with_alt(
    "cover",
    verbose_name="cover image",
    upload_to="blog/covers/%Y/",
    help_text="Shown at the top of the article and on cards. Landscape, at least 1200 pixels wide.",
    alt_verbose_name="cover image description",
    alt_help_text="What the image shows, for people who cannot see it. Required when there is a cover image.",
)


class Article(ArticleCover, MedicalReview):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=220,
        unique=True,
        help_text="The end of the article's address, e.g. /blog/prp-aftercare/. Filled in from the title; "
        "avoid changing it once published, as links to the old address will stop working.",
    )
    excerpt = models.TextField(
        max_length=300,
        help_text="One or two sentences shown on article lists, in feeds and under the title. Plain text.",
    )
    body = RichTextField(help_text="Use “Heading 2” and “Heading 3” for sections: they build the table of contents.")
    # Empty only for articles imported from WordPress whose writer is not (yet) one of the
    # clinic's practitioners: the site shows them as by the clinic until staff choose.
    author = models.ForeignKey(Practitioner, on_delete=models.PROTECT, null=True, related_name="articles")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="Leave empty to publish straight away. A time in the future schedules the article.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    content_updated_at = last_updated_field()
    categories = models.ManyToManyField(Category, blank=True, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    related_treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="related_articles",
        help_text="Treatments this article is about; each links to the other on the site.",
    )
    is_featured = models.BooleanField(
        "featured",
        default=False,
        help_text="Featured articles are kept at the top of the blog (WordPress's “sticky”).",
    )
    is_commenting_open = models.BooleanField(
        "comments open", default=True, help_text="Untick to stop new comments on this article."
    )
    # Deleting an article deletes its comments; ``Comment.objects.filter(article=…)`` works.
    comments = GenericRelation(Comment, related_query_name="article")
    seo_title = models.CharField(
        "title for search engines",
        max_length=70,
        blank=True,
        help_text="Shown in Google results and browser tabs instead of the title; keep under 60 characters.",
    )
    seo_description = models.CharField(
        "description for search engines",
        max_length=160,
        blank=True,
        help_text="Shown in Google results instead of the excerpt; keep under 155 characters.",
    )

    search_document = StoredSearchDocument()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # Lists, feeds and the sitemap read public articles newest first, ties by id: this
        # index gives that order directly, so deep pages and archive months skip no sort.
        indexes = [models.Index(fields=["status", "published_at", "id"], name="blog_article_listing")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="blog_article_status_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="blog_article_published_has_time",
            ),
            *ArticleCover.Meta.constraints,
            *MedicalReview.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(content_updated_at__isnull=False, content_updated_at__gte=models.F("published_at")),
                name="blog_article_updated_not_before_published",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if self._start_last_updated() and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:article_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {**self.image_errors(), **self.review_errors()}
        if errors:
            raise ValidationError(errors)
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        self._start_last_updated()

    def _start_last_updated(self):
        # Publishing (or scheduling) is when readers first see the text: "last updated"
        # starts there, and an edit before publication does not show as an update.
        published = self.status == self.Status.PUBLISHED and self.published_at
        if published and (self.content_updated_at is None or self.content_updated_at < self.published_at):
            self.content_updated_at = self.published_at
            return True
        return False

    def _unique_slug(self):
        # ASCII slugs: accents are transliterated ("crème" → "creme") and the public URL
        # pattern stays <slug:…>; a title with no Latin letters falls back to "article".
        base = slugify(self.title)[:200].strip("-") or "article"
        slug, number = base, 1
        while Article.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def publication_state(self):
        """ "draft", "scheduled" or "published" for this row, mirroring ``ArticleQuerySet.published()``."""
        if self.status != self.Status.PUBLISHED:
            return "draft"
        if self.published_at > timezone.now():
            return "scheduled"
        return "published"

    @property
    def is_public(self):
        return self.publication_state == "published"

    @property
    def last_updated_at(self):
        """When readers last saw an editorial change, or None if none since publication."""
        if self.content_updated_at and self.published_at and self.content_updated_at > self.published_at:
            return self.content_updated_at
        return None

    @property
    def comments_open(self):
        """Whether new comments are accepted: switched on, public, and younger than COMMENTS_CLOSE_AFTER_DAYS."""
        if not self.is_commenting_open or not self.is_public:
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return not days or self.published_at > timezone.now() - timedelta(days=days)

    @property
    def display_title(self):
        return self.seo_title or self.title

    @cached_property
    def reading_time(self):
        """Minutes to read the body at an unhurried pace, at least one."""
        words = len(html.unescape(strip_tags(self.body)).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def _rendered(self):
        # The sanitiser strips id attributes (an editor-set id could clash with the page's
        # own), so anchors are added here, on the already-sanitised body, when it is shown.
        # Deriving them on read keeps one stored copy of the body: a bulk update, a data
        # migration or an import cannot leave a stale second copy behind.
        toc = []
        used = set()

        def add_anchor(match):
            tag, inner = match.group(1), match.group(2)
            text = html.unescape(strip_tags(inner)).strip()
            base = "section-" + (slugify(text)[:60].strip("-") or "untitled")
            anchor, number = base, 1
            while anchor in used:
                number += 1
                anchor = f"{base}-{number}"
            used.add(anchor)
            toc.append({"level": int(tag[1]), "anchor": anchor, "text": text})
            return f'<{tag} id="{anchor}">{inner}</{tag}>'

        body = HEADING_RE.sub(add_anchor, self.body)
        # Images in the body sit below the cover, usually below the fold.
        body = body.replace("<img ", '<img loading="lazy" decoding="async" ')
        return mark_safe(body), toc  # noqa: S308 — body is sanitised on save; anchors are slugs

    @property
    def body_html(self):
        """The sanitised body with heading anchors and lazy images, safe to render."""
        return self._rendered[0]

    @property
    def table_of_contents(self):
        """The body's h2/h3 headings as dicts with ``level``, ``anchor`` and ``text``, in order."""
        return self._rendered[1]


class Reference(models.Model):
    """A source cited by an article, listed under it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    citation = models.CharField(
        max_length=500, help_text="Authors, title, publisher or journal, year — as you would cite it in print."
    )
    url = models.URLField("link", max_length=500, blank=True, help_text="Where readers can find the source online.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.citation


class WordPressItem(models.Model):
    """Which object on this site a WordPress item became.

    Written by ``import_wordpress`` so that a second run updates what it made the first
    time instead of making it again, and never touches objects staff wrote by hand.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        POST = "post", "Post"
        PAGE = "page", "Page"
        COMMENT = "comment", "Comment"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    wordpress_id = models.PositiveBigIntegerField("WordPress ID")
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)
    # A digest of the object as the import last left it: a different digest on the next
    # run means staff changed it, and the import leaves it alone.
    fingerprint = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "imported WordPress item"
        constraints = [
            models.UniqueConstraint(fields=["kind", "wordpress_id"], name="blog_wordpressitem_unique_source"),
            models.CheckConstraint(
                condition=Q(kind__in=["author", "category", "tag", "post", "page", "comment"]),
                name="blog_wordpressitem_kind_valid",
            ),
        ]

    def __str__(self):
        return f"WordPress {self.kind} {self.wordpress_id} → {self.object_id}"
