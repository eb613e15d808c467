"""The one rich-text field of the site.

Every model with editor-written HTML uses ``RichTextField``. The editor widget is
CKEditor (via django-ckeditor); the stored value is always passed through the site's
allow-list sanitiser first, so a forged POST, the shell or an import cannot store script.
Swapping the editor later means changing this file only.
"""

from ckeditor.fields import RichTextField as CKEditorRichTextField
from ckeditor_uploader.fields import RichTextUploadingFormField

from clinic.sanitise import sanitise_html


class RichTextField(CKEditorRichTextField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextUploadingFormField, **kwargs})

    def pre_save(self, model_instance, add):
        clean = sanitise_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, clean)
        return clean
