from django.conf import settings

from clinic.models import ClinicProfile, Page


def site(request):
    """The clinic profile and footer pages, for base.html; lazy so pages that don't render them run no query."""
    cache = {}

    def clinic():
        if "clinic" not in cache:
            # Every page shows the hours twice (footer and structured data): fetch them once.
            cache["clinic"] = ClinicProfile.load(with_opening_hours=True)
        return cache["clinic"]

    def footer_pages():
        if "pages" not in cache:
            cache["pages"] = list(Page.objects.published().filter(show_in_footer=True).only("title", "slug"))
        return cache["pages"]

    return {"clinic": clinic, "footer_pages": footer_pages, "admin_url": "/" + settings.ADMIN_URL}
