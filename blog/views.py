from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView, MonthArchiveView

from blog.models import ARTICLES_VERSION, Article, Category, Tag
from clinic import cache_versions
from clinic.http_cache import guard_public_form
from clinic.page_cache import cache_public_view
from clinic.pagination import KeyFirstPaginator
from clinic.spam import client_fingerprint
from comments import health
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import page_thread, submit_comment
from treatments.models import TREATMENTS_VERSION

ARTICLES_PER_PAGE = 10


class BlogIndexMixin:
    """Lists of public articles: paginated, with the topic and archive navigation."""

    paginate_by = ARTICLES_PER_PAGE
    paginator_class = KeyFirstPaginator
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.for_listing().with_comment_counts()

    def get_breadcrumbs(self):
        return [("Articles", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read only when the navigation's cached fragment has expired: with years of articles it
        # lists hundreds of months, which cost more to render than the page's own articles.
        context["categories"] = Category.objects.in_use()
        context["archive_months"] = SimpleLazyObject(Article.objects.archive_months)
        context["articles_version"] = cache_versions.version(ARTICLES_VERSION)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


@cache_public_view(query_params=("page",))
class ArticleListView(BlogIndexMixin, ListView):
    pass


@cache_public_view(query_params=("page",))
class CategoryDetailView(BlogIndexMixin, ListView):
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(categories=self.category)

    def get_breadcrumbs(self):
        return [("Articles", reverse("blog:article_list")), (self.category.name, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


@cache_public_view(query_params=("page",))
class TagDetailView(BlogIndexMixin, ListView):
    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_breadcrumbs(self):
        return [("Articles", reverse("blog:article_list")), (f"Tagged “{self.tag.name}”", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


@cache_public_view(query_params=("page",))
class ArticleMonthArchiveView(BlogIndexMixin, MonthArchiveView):
    date_field = "published_at"
    month_format = "%m"
    template_name = "blog/article_archive_month.html"

    def get_breadcrumbs(self):
        month = date(int(self.get_year()), int(self.get_month()), 1)
        return [("Articles", reverse("blog:article_list")), (date_format(month, "F Y"), None)]


# Where a visitor's own comments awaiting moderation are remembered, so only they see them.
OWN_COMMENTS_SESSION_KEY = "blog_own_pending_comments"


@method_decorator(guard_public_form, name="dispatch")
@cache_public_view()
class ArticleDetailView(DetailView):
    """The article page; it also receives the comment form (post/redirect/get).

    Posting stays here rather than in a comments view: a form with errors is shown again
    on the article page itself, which only this view renders.
    """

    def get_queryset(self):
        # Staff with view permission also reach drafts and scheduled articles: the preview.
        # Categories, tags, references and neighbours are read inside the template's cached
        # fragments (keyed by the articles' version), so a cached page does not query them.
        return Article.objects.visible_to(self.request.user).select_related("author", "medical_reviewer")

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if not article.comments_open:
            messages.error(request, "Comments are closed on this article, so your comment was not posted.")
            return redirect(article.get_absolute_url() + "#comments")
        form = CommentForm(request.POST, target=article, client=client_fingerprint(request))
        if not form.is_valid():
            context = self.get_context_data(comment_form=form)
            return self.render_to_response(context, status=429 if form.is_rate_limited else 400)
        data = form.cleaned_data
        comment = submit_comment(
            target=article,
            parent=data["parent"],
            author_name=data["author_name"],
            author_email=data["author_email"],
            body=data["body"],
            wants_updates=data["wants_updates"],
            spam_reason=form.spam_reason,
        )
        # Spam gets the same answer as a genuine comment, so a bot learns nothing.
        thanks = "Thank you. Your comment is awaiting moderation and will appear once approved."
        if data["wants_updates"]:
            thanks += " We've emailed you a link to confirm replies can be sent to that address."
        messages.success(request, thanks)
        flagged = health.kinds(comment.body)
        if flagged:
            messages.warning(
                request,
                f"Your comment seems to include {' and '.join(flagged)}. Comments are public, so our team may take "
                "those out before it appears. To talk about your own health, book a consultation instead.",
            )
        if comment.status == Comment.Status.PENDING:
            own = request.session.get(OWN_COMMENTS_SESSION_KEY, [])
            request.session[OWN_COMMENTS_SESSION_KEY] = [*own, comment.pk][-20:]
            return redirect(comment.get_absolute_url())
        return redirect(article.get_absolute_url() + "#comments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        thread = page_thread(
            target=article,
            comments_open=article.comments_open,
            own_pending=self.request.session.get(OWN_COMMENTS_SESSION_KEY, ()),
        )
        context["comment_thread_html"] = thread["html"]
        context["comment_count"] = thread["count"]

        def shown_comment(pk, *, approved_only):
            name, approved = thread["shown"].get(int(pk) if str(pk).isdigit() else None, (None, False))
            if name is None or (approved_only and not approved):
                return None
            return {"pk": int(pk), "author_name": name}

        if article.comments_open and "comment_form" not in context:
            # ?reply_to=<id> from a comment's "Reply" link: works without JavaScript.
            replying_to = shown_comment(self.request.GET.get("reply_to", ""), approved_only=True)
            if replying_to:
                context["comment_form"] = CommentForm(target=article, initial={"parent": replying_to["pk"]})
                context["replying_to"] = replying_to
            else:
                context["comment_form"] = CommentForm(target=article)
        elif "comment_form" in context:
            form = context["comment_form"]
            parent_pk = str(form["parent"].value() or "")
            context["replying_to"] = shown_comment(parent_pk, approved_only=False) if form.is_bound else None
        context["articles_version"], context["treatments_version"] = cache_versions.versions(
            ARTICLES_VERSION, TREATMENTS_VERSION
        )
        context["related_articles"] = SimpleLazyObject(lambda: list(Article.objects.related_to(article)))
        # Lazy, like the neighbours: read only when its cached fragment is rendered afresh.
        context["related_treatments"] = article.related_treatments.published().for_listing()
        if article.is_public:
            public = Article.objects.for_listing()
            # Lazy: read only when the cached fragment that shows them is rendered afresh.
            context["previous_article"] = SimpleLazyObject(
                lambda: public.filter(published_at__lt=article.published_at).first()
            )
            context["next_article"] = SimpleLazyObject(
                lambda: public.filter(published_at__gt=article.published_at).order_by("published_at", "pk").first()
            )
        context["breadcrumbs"] = [("Articles", reverse("blog:article_list")), (article.title, None)]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_public:
            # A preview must never be kept by a shared cache and shown to the public.
            add_never_cache_headers(response)
        return response
