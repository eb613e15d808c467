from django import template
from django.utils.html import format_html

from clinic.http_cache import public_form_csrf_input

register = template.Library()


@register.simple_tag(takes_context=True)
def public_form_csrf_token(context):
    """``{% csrf_token %}`` for public forms, rendered only for a visitor who has a session.

    Without a session the page stays free of per-visitor values (and of the CSRF cookie), so a
    shared cache may keep it; clinic/http_cache.py checks such posts come from this site.
    """
    token = public_form_csrf_input(context.get("request"))
    if not token:
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
