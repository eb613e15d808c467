"""Advertising-rules compliance in one place.

- ``checker``: the check itself (pure: text and terms in, findings out);
- ``models``: the term store, its change log and the stored findings (app label ``clinic``);
- ``services`` (re-exported here): checking text against the live term store, recording
  findings for an object, and the "block before publish or email" helper;
- ``admin``: the mixin that checks what staff save, and the term and finding admins;
- ``dashboard``: the compliance dashboard and its report.

Apps say which texts of theirs patients read through ``clinic.registries.compliance_texts``.
"""

from clinic.compliance.services import (  # noqa: F401
    PublicationBlocked,
    active_terms,
    check_text,
    ensure_publishable,
    record_findings,
    registered_texts,
)
