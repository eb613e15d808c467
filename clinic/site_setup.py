"""What still stands between the site and going live: placeholders and missing details.

Shown on the admin index ("Site set-up"), each item with where it is put right. The demo
content deliberately leaves several of these in place, so they show there.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from clinic.models import ClinicProfile, Page

# Registration numbers of all zeros (HIS-IC-0000) or Xs are the usual stand-ins.
PLACEHOLDER_NUMBER_RE = re.compile(r"^[^0-9]*0+$|x{3,}|^$", re.IGNORECASE)
PLACEHOLDER_HOSTS = ("localhost", "127.0.0.1", "example.")


@dataclass(frozen=True)
class SetupItem:
    problem: str
    fix: str
    url: str = ""


def _profile_url(profile, anchor=""):
    if profile is None:
        return reverse("admin:clinic_clinicprofile_add")
    return reverse("admin:clinic_clinicprofile_change", args=[profile.pk]) + anchor


def _is_home_page(url):
    # An account link has a path (instagram.com/kelvinskin); the network's home page has none.
    return urlsplit(url).path.strip("/") == ""


def site_setup_items():
    """The set-up items still open, in the order a person would put them right."""
    items = []
    profile = ClinicProfile.objects.prefetch_related("opening_hours").first()
    if profile is None:
        return [SetupItem("The clinic's details are not entered.", "Enter them", _profile_url(None))]
    number = profile.his_registration_number.strip()
    if PLACEHOLDER_NUMBER_RE.search(number):
        shown = f"“{number}” looks like a placeholder" if number else "is missing"
        items.append(
            SetupItem(
                f"The Healthcare Improvement Scotland registration number {shown}; it is in every page's footer.",
                "Enter the real number",
                _profile_url(profile, "#id_his_registration_number"),
            )
        )
    for label, url in (("Instagram", profile.instagram_url), ("Facebook", profile.facebook_url)):
        if url and _is_home_page(url):
            items.append(
                SetupItem(
                    f"The {label} link goes to {label}'s home page, not the clinic's account.",
                    f"Link the clinic's {label} account, or leave it empty",
                    _profile_url(profile, f"#id_{label.lower()}_url"),
                )
            )
    if not profile.opening_hours.all():
        items.append(SetupItem("No opening hours are entered.", "Add opening hours", _profile_url(profile)))
    if not Page.objects.published().filter(slug="privacy").exists():
        items.append(
            SetupItem(
                "There is no published privacy notice at /privacy/ (the forms link to it).",
                "Write the privacy notice",
                reverse("admin:clinic_page_add") + "?slug=privacy&title=Privacy+notice",
            )
        )
    site_url = settings.SITE_URL
    if not site_url or any(host in urlsplit(site_url).netloc for host in PLACEHOLDER_HOSTS):
        items.append(
            SetupItem(
                f"SITE_URL is {'not set' if not site_url else '“' + site_url + '”'}: feeds, sitemaps and emails "
                "need the site's real address.",
                "Set SITE_URL in the server's environment (see README, Configuration)",
            )
        )
    sender = settings.DEFAULT_FROM_EMAIL
    if any(host in sender.rsplit("@", 1)[-1] for host in PLACEHOLDER_HOSTS):
        items.append(
            SetupItem(
                f"Emails are sent from “{sender}”, which patients cannot reply to.",
                "Set DEFAULT_FROM_EMAIL in the server's environment (see README, Configuration)",
            )
        )
    return items
