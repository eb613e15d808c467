from django.conf import settings
from django.core.cache import cache

from clinic import cache_versions
from clinic.models import ClinicProfile, Page

# The version the site's header and footer data are cached under; every save or deletion of
# the clinic profile, its opening hours or a page bumps it (clinic/apps.py).
CHROME_VERSION = "site-chrome"


def _chrome():
    key = f"site-chrome:{cache_versions.version(CHROME_VERSION)}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = {
            # Every page shows the hours twice (footer and structured data): fetched with the profile.
            "clinic": ClinicProfile.load(with_opening_hours=True),
            "pages": list(Page.objects.published().filter(show_in_footer=True).only("title", "slug")),
        }
        cache.set(key, chrome, None)
    return chrome


def site(request):
    """The clinic profile and footer pages, for base.html: from the cache, and lazy, so pages that don't show them read nothing."""
    loaded = {}

    def chrome():
        if not loaded:
            loaded.update(_chrome())
        return loaded

    return {
        "clinic": lambda: chrome()["clinic"],
        "footer_pages": lambda: chrome()["pages"],
        "admin_url": "/" + settings.ADMIN_URL,
    }
