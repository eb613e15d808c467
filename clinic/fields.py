"""The one rich-text field of the site.

Every model with editor-written HTML uses ``RichTextField``. The editor widget is
CKEditor (via django-ckeditor); the stored value is always passed through the site's
allow-list sanitiser first, so a forged POST, the shell or an import cannot store script.
It is sanitised again whenever it is read from the database, so rows written around
``save()`` (``QuerySet.update()``, ``loaddata``, raw SQL, a restored backup) still reach
pages clean: templates may mark a loaded value safe. Reads are cheap: results are cached
by value, and sanitising clean HTML gives the same HTML back.
Swapping the editor later means changing this file only.
"""

from functools import lru_cache

from ckeditor.fields import RichTextField as CKEditorRichTextField
from ckeditor_uploader.fields import RichTextUploadingFormField
from django.db import models

from clinic.sanitise import sanitise_html


@lru_cache(maxsize=2048)
def _sanitised(html):
    return sanitise_html(html)


class RichTextField(CKEditorRichTextField):
    def from_db_value(self, value, expression, connection):
        return value if value is None else _sanitised(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextUploadingFormField, **kwargs})

    def pre_save(self, model_instance, add):
        clean = sanitise_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, clean)
        return clean


def last_updated_field():
    """The editorial "last updated" time: moves only when staff change what readers see.

    One definition for every model that shows it (articles, treatments, flat pages); the
    admin's editorial-date mixin sets it.
    """
    return models.DateTimeField(
        "last updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When staff last changed what readers see (not imports, publishing or saves that change "
        "nothing). Set by the admin.",
    )
