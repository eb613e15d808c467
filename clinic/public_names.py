"""The names the public sees for staff: never a log-in name such as "admin".

A staff account's public name is the name of the practitioner it belongs to
(``Practitioner.user``). An account with none cannot put its name to anything public:
callers refuse (a reply to a comment) or ask for a practitioner (an article's author).
"""


def public_name_for(user):
    """The name ``user`` may be shown under on the site, or "" if the account has none.

    Only an active practitioner's name counts: someone who has left the clinic (or is
    hidden from the site) no longer signs in its name.
    """
    practitioner = practitioner_for(user)
    return practitioner.name if practitioner else ""


def practitioner_for(user):
    """The active practitioner ``user``'s account belongs to, or None."""
    practitioner = getattr(user, "practitioner", None) if user is not None and user.is_authenticated else None
    return practitioner if practitioner is not None and practitioner.is_active else None
