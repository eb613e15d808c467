from django import template

from clinic.site_setup import site_setup_items

register = template.Library()


@register.simple_tag
def site_setup(user):
    """Open site set-up items for ``user``, or [] for staff who cannot put them right."""
    if not user.has_perm("clinic.change_clinicprofile"):
        return []
    return site_setup_items()
