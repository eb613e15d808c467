"""Keeping old addresses working: redirects on 404, and the rename service that writes them."""

import re
from contextlib import contextmanager
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.db import transaction
from django.http import HttpResponsePermanentRedirect

from clinic.models import Redirect
from clinic.registries import legacy_address_resolvers


@transaction.atomic
def add_redirect(*, old_path, new_path, is_permanent=True):
    """Make ``old_path`` redirect to ``new_path``, collapsing chains so every hop is one.

    Existing redirects that pointed at ``old_path`` now point straight at ``new_path``, and
    a redirect away from ``new_path`` (the page is back at an old address) is removed.
    Returns the Redirect, or None when the two paths are the same.
    """
    if old_path == new_path:
        return None
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    redirect, _ = Redirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path, "is_permanent": is_permanent}
    )
    return redirect


def _public_url(instance, was_public):
    """The address the stored version of ``instance`` is public at, or None."""
    if instance.pk is None:
        return None
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    if stored is None or not was_public(stored):
        return None
    return stored.get_absolute_url()


@contextmanager
def keeping_old_address(instance, *, was_public):
    """Around the code that saves ``instance``: if its public address moves, redirect the old one.

    ``was_public(stored)`` says whether the stored version was visible to the public; a
    draft's old address has no links worth keeping. The redirect is written in the same
    transaction as the save. ``save()`` itself never writes redirects: a shell or an import
    that changes a slug decides for itself, and renaming code goes through here.
    """
    with transaction.atomic():
        old_url = _public_url(instance, was_public)
        yield
        if old_url:
            add_redirect(old_path=old_url, new_path=instance.get_absolute_url())


def rename(instance, *, slug, was_public):
    """Give ``instance`` a new ``slug`` and save it, redirecting its old public address."""
    with keeping_old_address(instance, was_public=was_public):
        instance.slug = slug
        instance.save()
    return instance


class KeepOldAddressAdmin:
    """ModelAdmin mixin: saving an object whose public address changed redirects the old one.

    ``public_flag`` names the attribute that is true when the stored object is public.
    """

    public_flag = "is_public"

    def save_model(self, request, obj, form, change):
        with keeping_old_address(obj, was_public=lambda stored: getattr(stored, self.public_flag)):
            super().save_model(request, obj, form, change)


# Added by newsletters and ads; they never change which page is meant.
TRACKING_PARAMETER_RE = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|_ga)$")


def _meaningful_query(request):
    return [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not TRACKING_PARAMETER_RE.match(name)
    ]


def find_redirect(request):
    """Where an old address now lives: a stored Redirect, else a registered legacy resolver."""
    path, query = request.path, _meaningful_query(request)
    candidates = [f"{path}?{urlencode(query)}"] if query else []
    candidates.append(path)
    if not path.endswith("/"):
        # One hop for an old address typed without its trailing slash.
        candidates.append(path + "/")
    redirect = Redirect.objects.filter(old_path__in=candidates).order_by("-old_path").first()
    if redirect is not None:
        return redirect.as_response()
    for resolver in legacy_address_resolvers:
        target = resolver(path, query)
        if target and target != request.get_full_path():
            return HttpResponsePermanentRedirect(target)
    return None


class RedirectFallbackMiddleware:
    """Answers a 404 with the redirect stored or resolved for its address, if there is one.

    Also asked when the home page is requested with a query string (an old site's
    ``/?p=12``), and before the trailing-slash redirect, so every old address takes one hop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 or (
            request.path == "/" and response.status_code == 200 and _meaningful_query(request)
        ):
            return find_redirect(request) or response
        if response.status_code in (301, 302) and urlsplit(response.get("Location", "")).path == request.path + "/":
            return find_redirect(request) or response
        return response
