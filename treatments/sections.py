"""The treatments' part of pages other apps render (registered in TreatmentsConfig.ready())."""

from treatments.models import Treatment


def featured_treatments(request):
    """Home page: published treatments marked as featured."""
    return "treatments/_home_section.html", {"featured_treatments": Treatment.objects.featured()}


def enquiry_topics():
    """Consultation form: (slug, name) of every published treatment, by name."""
    return list(Treatment.objects.published().order_by("name").values_list("slug", "name"))


def practitioner_treatments(practitioner):
    """The published treatments the practitioner carries out, or None when there are none."""
    treatments = list(Treatment.objects.published().filter(practitioners=practitioner).order_by("name"))
    if not treatments:
        return None
    return "treatments/_practitioner_treatments.html", {"treatments": treatments, "practitioner": practitioner}
