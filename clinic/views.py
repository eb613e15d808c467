import logging

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.html import escapejs
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from clinic.images import reencode_image
from clinic.models import Page, Practitioner

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "clinic/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["practitioners"] = Practitioner.objects.active()
        return context


class PageDetailView(DetailView):
    queryset = Page.objects.published()
    template_name = "clinic/page_detail.html"


class PractitionerListView(ListView):
    queryset = Practitioner.objects.active()
    template_name = "clinic/practitioner_list.html"


class PractitionerDetailView(DetailView):
    queryset = Practitioner.objects.active()
    template_name = "clinic/practitioner_detail.html"


def serve_media(request, path):
    """Uploaded files, for the local demo only (SERVE_MEDIA); production serves media elsewhere."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


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


def _editor_upload_response(request, url="", error=""):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # CKEditor's upload dialog posts into an iframe and expects a script calling back.
        script = f"window.parent.CKEDITOR.tools.callFunction({func_num}, '{escapejs(url)}', '{escapejs(error)}');"
        return HttpResponse(f"<!DOCTYPE html><script>{script}</script>", status=200)
    if error:
        return JsonResponse({"uploaded": 0, "error": {"message": error}})
    return JsonResponse({"uploaded": 1, "url": url, "fileName": url.rsplit("/", 1)[-1]})


# CKEditor 4 cannot send Django's CSRF token from its upload dialog. The session cookie is
# SameSite=Lax, so a cross-site POST arrives without it and staff_member_required refuses it.
@csrf_exempt
@require_POST
@staff_member_required
@xframe_options_sameorigin
@csp_update({"script-src": ["'unsafe-inline'"], "frame-ancestors": ["'self'"]})
def editor_image_upload(request):
    """Store an image uploaded from the editor, re-encoded without metadata."""
    upload = request.FILES.get("upload")
    if upload is None:
        return _editor_upload_response(request, error="Choose an image to upload.")
    try:
        clean = reencode_image(upload)
    except ValidationError as error:
        return _editor_upload_response(request, error=" ".join(error.messages))
    name = default_storage.save(f"uploads/{timezone.now():%Y/%m}/{clean.name}", clean)
    return _editor_upload_response(request, url=default_storage.url(name))
