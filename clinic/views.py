import logging

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.html import escapejs
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django.views.static import serve

from clinic import registries
from clinic.enquiries import submit_enquiry
from clinic.forms import EnquiryForm
from clinic.http_cache import guard_public_form
from clinic.images import reencode_image
from clinic.models import Page, Practitioner, Redirect
from clinic.page_cache import cache_public_view
from clinic.registries import home_sections
from clinic.search import add_snippets, clean_query, search
from clinic.spam import client_fingerprint

logger = logging.getLogger(__name__)

# CKEditor 4's own CSRF token: the cookie it sets and the form field it repeats it in.
EDITOR_CSRF_NAME = "ckCsrfToken"


@cache_public_view()
class HomeView(TemplateView):
    template_name = "clinic/home.html"

    def get(self, request, *args, **kwargs):
        # Old WordPress addresses (/?p=123, /?page_id=7) all arrive at the home page.
        if request.GET:
            redirect = Redirect.objects.filter(old_path=request.get_full_path()).first()
            if redirect:
                return redirect.as_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["practitioners"] = Practitioner.objects.active()
        # Each app's section (featured treatments, latest articles) adds its own context.
        context["home_section_templates"] = []
        for section in home_sections:
            shown = section(self.request)
            if shown:
                template_name, section_context = shown
                context.update(section_context)
                context["home_section_templates"].append(template_name)
        return context


class SearchView(TemplateView):
    """Articles and treatments matching ?q=, best first, ten to a page."""

    template_name = "clinic/search_results.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = clean_query(raw)
        results = search(query)
        page = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
        # Headlines are the costly part: made for the page shown only.
        page.object_list = add_snippets(page.object_list, query)
        context.update(
            query=query,
            # Set when nothing matched word for word and the results are spelt like the query.
            is_similar=getattr(results, "fuzzy", None) is not None,
            suggestion=getattr(results, "suggestion", ""),
            was_truncated=len(" ".join(raw.split())) > len(query),
            page_obj=page,
            results=page.object_list,
            breadcrumbs=[("Search", None)],
        )
        return context


@cache_public_view()
class PageDetailView(DetailView):
    template_name = "clinic/page_detail.html"

    def get_queryset(self):
        # Staff with view permission also reach unpublished pages: "View on site" previews them.
        return Page.objects.visible_to(self.request.user)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


@cache_public_view()
class PractitionerListView(ListView):
    queryset = Practitioner.objects.active()
    template_name = "clinic/practitioner_list.html"


@cache_public_view()
class PractitionerDetailView(DetailView):
    queryset = Practitioner.objects.active()
    template_name = "clinic/practitioner_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Our team", reverse("clinic:practitioner_list")), (self.object.name, None)]
        # What other apps list here (treatments performed, articles written), in registry order.
        sections = (section(self.object) for section in registries.practitioner_sections)
        context["sections"] = [section for section in sections if section]
        return context


@require_GET
def robots_txt(request):
    """Crawling rules: everything public, except the admin and search results."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def serve_media(request, path):
    """Uploaded files, for the local demo only (SERVE_MEDIA); production serves media elsewhere."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Storage adds a suffix rather than overwrite; nginx and object storage send the same header (README).
    response.headers["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a trivial query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _editor_upload_response(request, url="", error="", status=200):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # CKEditor's upload dialog posts into an iframe and expects a script calling back.
        script = f"window.parent.CKEDITOR.tools.callFunction({func_num}, '{escapejs(url)}', '{escapejs(error)}');"
        return HttpResponse(f"<!DOCTYPE html><script>{script}</script>", status=status)
    if error:
        return JsonResponse({"uploaded": 0, "error": {"message": error}}, status=status)
    return JsonResponse({"uploaded": 1, "url": url, "fileName": url.rsplit("/", 1)[-1]})


def _editor_token_matches(request):
    cookie = request.COOKIES.get(EDITOR_CSRF_NAME, "")
    return len(cookie) >= 32 and constant_time_compare(cookie, request.POST.get(EDITOR_CSRF_NAME, ""))


# CKEditor 4 cannot send Django's CSRF token from its upload dialog, but both its dialog and
# its drag-and-drop upload send their own double-submit token (a cookie it sets, repeated in
# the form); a cross-site page can neither read nor set that cookie, so it cannot forge one.
@csrf_exempt
@require_POST
@staff_member_required
@xframe_options_sameorigin
@csp_update({"script-src": ["'unsafe-inline'"], "frame-ancestors": ["'self'"]})
def editor_image_upload(request):
    """Store an image uploaded from the editor, re-encoded without metadata; 403 without the editor's token."""
    if not _editor_token_matches(request):
        return _editor_upload_response(
            request, error="The upload could not be confirmed as coming from the editor. Reload the page.", status=403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return _editor_upload_response(request, error="Choose an image to upload.")
    try:
        clean = reencode_image(upload)
    except ValidationError as error:
        return _editor_upload_response(request, error=" ".join(error.messages))
    name = default_storage.save(f"uploads/{timezone.now():%Y/%m}/{clean.name}", clean)
    return _editor_upload_response(request, url=default_storage.url(name))


@method_decorator(guard_public_form, name="dispatch")
class EnquiryCreateView(FormView):
    """The consultation form: stores the enquiry and redirects to the thank-you page."""

    form_class = EnquiryForm
    template_name = "clinic/enquiry_form.html"

    def get_initial(self):
        # ?treatment=<slug> from a treatment page; an unknown or unpublished slug simply selects nothing.
        return {"treatment": self.request.GET.get("treatment", "")}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST":
            kwargs["client"] = client_fingerprint(self.request)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        submit_enquiry(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            treatment=data["treatment"],
            preferred_contact=data["preferred_contact"],
            message=data["message"],
            spam_reason=form.spam_reason,
        )
        return redirect("clinic:enquiry_thanks")

    def form_invalid(self, form):
        # Every public form answers an invalid post the same way: 400, or 429 when rate limited.
        response = super().form_invalid(form)
        response.status_code = 429 if form.is_rate_limited else 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Book a consultation", "")]
        return context


class EnquiryThanksView(TemplateView):
    template_name = "clinic/enquiry_thanks.html"
