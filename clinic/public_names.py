"""The names the public sees for staff: never a log-in name such as "admin".

A staff account's public name is the name of the practitioner it belongs to
(``Practitioner.user``). An account with none cannot put its name to anything public:
callers refuse (a reply to a comment) or ask for a practitioner (an article's author).
"""

from django.core.exceptions import ValidationError


def public_name_for(user):
    """The name ``user`` may be shown under on the site, or "" if the account has none.

    Only an active practitioner's name counts: someone who has left the clinic (or is
    hidden from the site) no longer signs in its name.
    """
    practitioner = practitioner_for(user)
    return practitioner.name if practitioner else ""


def signature_for(user):
    """The name ``user`` signs a public reply with, or raises ValidationError saying how to get one.

    For the clinic's replies to comments: call it before storing the reply, and use the
    result as the reply's author name.
    """
    name = public_name_for(user)
    if not name:
        raise ValidationError(
            "Replies are signed with a practitioner's public name, and your staff account has none. Ask an "
            "administrator to choose your account as “Staff account” on your practitioner page.",
            code="no_public_name",
        )
    return name


def practitioner_for(user):
    """The active practitioner ``user``'s account belongs to, or None."""
    practitioner = getattr(user, "practitioner", None) if user is not None and user.is_authenticated else None
    return practitioner if practitioner is not None and practitioner.is_active else None
