from datetime import date

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.views.generic import DetailView, ListView, MonthArchiveView

from blog.models import Article, Category, Tag

ARTICLES_PER_PAGE = 10


class BlogIndexMixin:
    """Lists of public articles: paginated, with the topic and archive navigation."""

    paginate_by = ARTICLES_PER_PAGE
    template_name = "blog/article_list.html"

    def get_queryset(self):
        return Article.objects.for_listing()

    def get_breadcrumbs(self):
        return [("Articles", None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = Category.objects.in_use()
        context["archive_months"] = Article.objects.published().datetimes("published_at", "month", order="DESC")
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class ArticleListView(BlogIndexMixin, ListView):
    pass


class CategoryDetailView(BlogIndexMixin, ListView):
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(categories=self.category)

    def get_breadcrumbs(self):
        return [("Articles", reverse("blog:article_list")), (self.category.name, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(BlogIndexMixin, ListView):
    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_breadcrumbs(self):
        return [("Articles", reverse("blog:article_list")), (f"Tagged “{self.tag.name}”", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleMonthArchiveView(BlogIndexMixin, MonthArchiveView):
    date_field = "published_at"
    month_format = "%m"
    template_name = "blog/article_archive_month.html"

    def get_breadcrumbs(self):
        month = date(int(self.get_year()), int(self.get_month()), 1)
        return [("Articles", reverse("blog:article_list")), (date_format(month, "F Y"), None)]


class ArticleDetailView(DetailView):
    def get_queryset(self):
        # Staff with view permission also reach drafts and scheduled articles: the preview.
        return Article.objects.visible_to(self.request.user).for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related_articles"] = Article.objects.related_to(article)
        if article.is_public:
            public = Article.objects.for_listing()
            context["previous_article"] = public.filter(published_at__lt=article.published_at).first()
            context["next_article"] = (
                public.filter(published_at__gt=article.published_at).order_by("published_at", "pk").first()
            )
        context["breadcrumbs"] = [("Articles", reverse("blog:article_list")), (article.title, None)]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_public:
            # A preview must never be kept by a shared cache and shown to the public.
            add_never_cache_headers(response)
        return response
