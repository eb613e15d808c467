from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from clinic import registries, views
from clinic.compliance.dashboard import compliance_dashboard
from clinic.page_cache import cache_public_page
from clinic.sitemaps import sitemap_section

# Filled by each app's AppConfig.ready(), which has run before any URLconf is loaded.
SITEMAPS = dict(registries.sitemaps.items())

app_name = "clinic"
# A database outage answers a 503 with Retry-After, anything else the static 500 page.
handler500 = "clinic.errors.server_error"

clinic_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("practitioners/", views.PractitionerListView.as_view(), name="practitioner_list"),
    path("practitioners/<slug:slug>/", views.PractitionerDetailView.as_view(), name="practitioner_detail"),
    path("consultation/", views.EnquiryCreateView.as_view(), name="enquiry_create"),
    path("consultation/thank-you/", views.EnquiryThanksView.as_view(), name="enquiry_thanks"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("editor/upload/", views.editor_image_upload, name="editor_image_upload"),
    # Last: a flat page answers any single-segment address nothing else claims.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
]

urlpatterns = [
    # Inside the admin's address and behind its log-in; before admin.site.urls, which would 404 it.
    path(
        f"{settings.ADMIN_URL}compliance/",
        admin.site.admin_view(compliance_dashboard),
        name="compliance_dashboard",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # An index of one sitemap per section, each split into pages of at most Sitemap.limit URLs:
    # no single response has to list every article.
    path(
        "sitemap.xml",
        cache_public_page()(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(query_params=("p",))(sitemap_section),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("blog/", include("blog.urls")),
    path("treatments/", include("treatments.urls")),
    path("comments/", include("comments.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.serve_media))
urlpatterns.append(path("", include((clinic_patterns, "clinic"))))
