"""What treatments add to other apps' pages, registered from ``TreatmentsConfig.ready()``."""

from clinic import registries
from treatments.models import Treatment


def practitioner_treatments(practitioner):
    """The published treatments the practitioner carries out, or None when there are none."""
    treatments = list(Treatment.objects.published().filter(practitioners=practitioner).order_by("name"))
    if not treatments:
        return None
    return "treatments/_practitioner_treatments.html", {"treatments": treatments, "practitioner": practitioner}


def register():
    registries.practitioner_sections.register("treatments.performed", practitioner_treatments, order=10)
