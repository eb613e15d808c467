"""The clinic's own admin inbox count (see ``clinic.registries.admin_inbox``)."""

from django.urls import reverse

from clinic.models import Enquiry


def new_enquiries(user):
    """Genuine enquiries nobody has answered yet, for those who may see enquiries."""
    if not user.has_perm("clinic.view_enquiry"):
        return None
    count = Enquiry.objects.awaiting_reply().count()
    if not count:
        return None
    label = "new enquiry" if count == 1 else "new enquiries"
    return label, count, reverse("admin:clinic_enquiry_changelist") + "?status__exact=new&is_spam__exact=0"
