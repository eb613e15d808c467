"""The public page where a commenter confirms their address, so replies may be emailed to it."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from comments import services


@require_http_methods(["GET", "POST"])
def confirm_updates(request, token):
    """GET shows a button, POST confirms: mail scanners follow links, so a GET changes nothing."""
    comment = services.comment_for_token(token)
    if comment is None:
        return render(request, "comments/confirm_invalid.html", status=400)
    confirmed = False
    if request.method == "POST":
        services.confirm_updates(comment)
        confirmed = True
    return render(request, "comments/confirm_updates.html", {"comment": comment, "confirmed": confirmed})
