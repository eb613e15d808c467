from django.conf import settings
from django.core.cache import cache

from clinic import cache_versions
from clinic.models import ClinicProfile, Page

# The version the site's header and footer data are cached under; every save or deletion of
# the clinic profile, its opening hours or a page bumps it (clinic/apps.py).
CHROME_VERSION = "site-chrome"


def _chrome(version):
    key = f"site-chrome:{version}"
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
    """The clinic profile and footer pages for base.html: cached, and lazy (a page showing neither reads nothing)."""
    loaded = {}

    def version():
        if "version" not in loaded:
            loaded["version"] = cache_versions.version(CHROME_VERSION)
        return loaded["version"]

    def chrome():
        if "clinic" not in loaded:
            loaded.update(_chrome(version()))
        return loaded

    return {
        "clinic": lambda: chrome()["clinic"],
        "footer_pages": lambda: chrome()["pages"],
        # For the header and footer fragments cached in base.html.
        "site_version": version,
        "admin_url": "/" + settings.ADMIN_URL,
    }
