"""The compliance dashboard: findings to review, medical review, prices and content health.

The dashboard knows no app above the base layer: it reads the models registered in
``clinic.registries.compliance_texts`` and looks at the fields they have (a review date,
a medical reviewer, a price and when it was confirmed, an author, images with a sibling
``<name>_alt`` description, rich-text fields). Rich text is read with an HTML parser.
"""

from datetime import date, timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from clinic.compliance.models import ComplianceFinding
from clinic.fields import RichTextField
from clinic.models import Redirect
from clinic.registries import compliance_texts

REVIEW_WINDOW_DAYS = 30


def months_before(day, months):
    """The same day ``months`` earlier (clamped to the month's end): 31 August − 6 → 28/29 February."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


def review_window(today=None):
    """(today, the last day counted as "due soon")."""
    today = today or timezone.localdate()
    return today, today + timedelta(days=REVIEW_WINDOW_DAYS)


class _RichTextReader(HTMLParser):
    """Collects images without a description and site-relative links from sanitised rich text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images_without_alt = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and not (attrs.get("alt") or "").strip():
            self.images_without_alt += 1
        elif tag == "a":
            href = attrs.get("href") or ""
            if href.startswith("/") and not href.startswith("//") and href not in self.links:
                self.links.append(href)

    handle_startendtag = handle_starttag


def read_rich_text(rich_html):
    reader = _RichTextReader()
    reader.feed(rich_html or "")
    reader.close()
    return reader


def images_without_alt(rich_html):
    """How many <img> tags in rich text have no description."""
    return read_rich_text(rich_html).images_without_alt


def internal_links(rich_html):
    """Every site-relative href ("/…") in rich text, in order, without repeats."""
    return read_rich_text(rich_html).links


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _public_pks(model, rows):
    manager = model._default_manager
    for method in ("published", "active"):
        if hasattr(manager, method):
            return set(getattr(manager, method)().values_list("pk", flat=True))
    if _has_field(model, "is_published"):
        return {row.pk for row in rows if row.is_published}
    return {row.pk for row in rows}


def _rows(model, texts):
    queryset = model._default_manager.all()
    related = [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.name in ("author", "medical_reviewer")
    ]
    related += [
        f"{field.name}"
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.name.startswith("treatment_")
    ]
    if related:
        queryset = queryset.select_related(*related)
    prefetch = getattr(texts, "prefetch_related", ())
    return list(queryset.prefetch_related(*prefetch))


def _link_problem(path, paths, redirects):
    """Why a site-relative link is broken ("missing page", "unpublished page"), or None when it works."""
    bare = path.split("#", 1)[0].split("?", 1)[0] or "/"
    if bare.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return None  # files, not pages
    if bare in paths:
        return None if paths[bare] else "unpublished page"
    try:
        match = resolve(bare)
    except Resolver404:
        return None if bare in redirects else "missing page"
    if "slug" in match.kwargs and bare not in redirects:
        return "missing page"
    return None


def dashboard_report(today=None):
    """Everything the compliance dashboard lists, in a number of queries fixed by the registered models."""
    today, due_by = review_window(today)
    price_cutoff = months_before(today, settings.PRICE_CONFIRMATION_MONTHS)

    open_findings = list(
        ComplianceFinding.objects.open()
        .select_related("term", "content_type")
        .prefetch_related("content_object")
        .order_by("content_type", "object_id", "location")
    )
    acknowledged = list(
        ComplianceFinding.objects.filter(acknowledged_at__isnull=False)
        .select_related("term", "content_type", "acknowledged_by")
        .prefetch_related("content_object")
        .order_by("-acknowledged_at")[:20]
    )

    review_due, without_reviewer, prices_unconfirmed, without_author, missing_alt = [], [], [], [], []
    rich_texts, paths = [], {}
    for model, texts in compliance_texts.items():
        rows = _rows(model, texts)
        public = _public_pks(model, rows)
        rich_fields = [f for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        image_fields = [
            f
            for f in model._meta.get_fields()
            if isinstance(f, models.ImageField) and _has_field(model, f"{f.name}_alt")
        ]
        for row in rows:
            if hasattr(row, "get_absolute_url"):
                paths[row.get_absolute_url()] = row.pk in public
            if _has_field(model, "next_review_due_on"):
                due = row.next_review_due_on
                if due and due <= due_by:
                    review_due.append({"item": row, "due": due, "overdue": due < today})
            if _has_field(model, "medical_reviewer") and row.medical_reviewer_id is None:
                without_reviewer.append(row)
            confirmed = getattr(row, "price_confirmed_on", None)
            if (
                _has_field(model, "price_confirmed_on")
                and row.price_from is not None
                and (confirmed is None or confirmed < price_cutoff)
            ):
                prices_unconfirmed.append(row)
            # The author is required, so "without author" means one patients cannot see: a
            # practitioner since hidden from the site (e.g. left the clinic).
            if _has_field(model, "author") and (row.author_id is None or not row.author.is_active):
                without_author.append(row)
            for field in image_fields:
                if getattr(row, field.name) and not getattr(row, f"{field.name}_alt").strip():
                    missing_alt.append({"item": row, "where": field.verbose_name.capitalize()})
            for field in rich_fields:
                value = getattr(row, field.name)
                if value:
                    rich_texts.append((row, field.verbose_name.capitalize(), value))

    redirects = set(Redirect.objects.values_list("old_path", flat=True))
    broken_links = []
    for item, where, text in rich_texts:
        reader = read_rich_text(text)
        if reader.images_without_alt:
            count = reader.images_without_alt
            missing_alt.append({"item": item, "where": f"{where}: {count} image{'s' if count != 1 else ''}"})
        for href in reader.links:
            problem = _link_problem(href, paths, redirects)
            if problem:
                broken_links.append({"item": item, "where": where, "href": href, "problem": problem})

    return {
        "today": today,
        "due_by": due_by,
        "open_findings": open_findings,
        "acknowledged": acknowledged,
        "review_due": sorted(review_due, key=lambda row: row["due"]),
        "price_months": settings.PRICE_CONFIRMATION_MONTHS,
        "prices_unconfirmed": prices_unconfirmed,
        "without_reviewer": without_reviewer,
        "missing_alt": missing_alt,
        "broken_links": broken_links,
        "without_author": without_author,
    }


def compliance_dashboard(request):
    """Staff-only overview: advertising-rules findings, medical review, prices and content health."""
    if not request.user.has_perm("clinic.view_compliancefinding"):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": "Compliance dashboard",
        "can_acknowledge": request.user.has_perm("clinic.acknowledge_compliancefinding"),
        **dashboard_report(),
    }
    return TemplateResponse(request, "admin/clinic/compliance_dashboard.html", context)
