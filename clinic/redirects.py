"""Keeping old addresses working: redirects on 404 and when a slug changes."""

from django.db import transaction

from clinic.models import Redirect


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


def remember_moved_url(instance, *, was_public):
    """Call from a model's save() before saving: if its URL changed, redirect the old one.

    ``was_public(previous)`` says whether the stored version was visible to the public;
    a draft's old address has no links worth keeping.
    """
    if instance.pk is None:
        return
    previous = type(instance)._base_manager.filter(pk=instance.pk).first()
    if previous is None or not was_public(previous):
        return
    old_url, new_url = previous.get_absolute_url(), instance.get_absolute_url()
    if old_url != new_url:
        add_redirect(old_path=old_url, new_path=new_url)


class RedirectFallbackMiddleware:
    """Answers a 404 with the redirect stored for its address, if there is one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        full_path = request.get_full_path()
        candidates = [full_path] if full_path == request.path else [full_path, request.path]
        redirect = Redirect.objects.filter(old_path__in=candidates).order_by("-old_path").first()
        return response if redirect is None else redirect.as_response()
