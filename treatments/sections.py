"""The treatments' part of pages the base layer renders (registered in TreatmentsConfig.ready())."""

from treatments.models import Treatment


def featured_treatments(request):
    """Home page: published treatments marked as featured."""
    return "treatments/_home_section.html", {"featured_treatments": Treatment.objects.featured()}


def enquiry_topics():
    """Consultation form: (slug, name) of every published treatment, by name."""
    return list(Treatment.objects.published().order_by("name").values_list("slug", "name"))
