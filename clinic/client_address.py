"""The client's address, read the same way by the spam defence, every rate limit and log-in throttling.

Configured by one setting, ``PROXY_COUNT``: how many proxies (load balancer, nginx, …)
stand between the visitor and the app. Each proxy appends the address it received the
request from to ``X-Forwarded-For``, and the one nearest the app is ``REMOTE_ADDR``
itself. So with ``PROXY_COUNT = n`` the client is the n-th entry from the right of the
header (counting the header's last entry as the first); anything to the left of it was
written by the client and is ignored, which is what stops a visitor escaping a limit by
sending a made-up ``X-Forwarded-For`` of their own. No other header is ever read: each
can be forged by anyone who reaches the app.
"""

from django.conf import settings
from ipware import get_client_ip


def client_address(request):
    """The visitor's IP address as a string ("" if the request carries none).

    Also django-axes' ``AXES_CLIENT_IP_CALLABLE``.
    """
    proxies = getattr(settings, "PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies:
        # ipware counts the proxies listed in the header; the nearest one is REMOTE_ADDR, not listed.
        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    else:
        address, _ = get_client_ip(request, request_header_order=["REMOTE_ADDR"], strict=True)
    # A request that did not come through the proxies (a health check on the app's own
    # port) keeps the address it came from.
    return address or remote
