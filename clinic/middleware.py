"""Response headers the rest of the stack does not set."""

from csp.middleware import CSPMiddleware
from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy; Django's SecurityMiddleware covers the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site-wide strict policy, loosened for styles only inside the admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/" + settings.ADMIN_URL) and not report_only:
            update = dict(parts.update or {})
            for directive, sources in settings.ADMIN_CSP_EXTRA.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
