"""The base layer's own texts patients read: flat pages and practitioner profiles."""

from django.utils.text import capfirst

from clinic.models import Page, Practitioner
from clinic.registries import compliance_texts


def _fields(*names):
    def texts(obj):
        return [(capfirst(type(obj)._meta.get_field(name).verbose_name), getattr(obj, name)) for name in names]

    return texts


def register_clinic_texts():
    compliance_texts.register(Page, _fields("title", "body", "seo_description"))
    compliance_texts.register(Practitioner, _fields("name", "role", "credentials", "memberships", "bio"))
