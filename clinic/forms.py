from datetime import timedelta

from django import forms
from django.utils import timezone

from clinic.models import Enquiry
from clinic.registries import enquiry_topics
from clinic.spam import SpamDefenceMixin

# Same message again from the same address within this time counts as a resubmission.
DUPLICATE_WINDOW = timedelta(days=1)


class EnquiryForm(SpamDefenceMixin, forms.ModelForm):
    spam_form_name = "enquiry"
    spam_text_fields = ("name", "message")

    # Offered by slug (?treatment=<slug> preselects one); stored as the name shown.
    treatment = forms.ChoiceField(label="Treatment you are interested in", required=False)
    consent = forms.BooleanField(
        label="Your consent",
        required=True,
        error_messages={"required": "Tick the box to let us keep your details and reply to you."},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "phone", "treatment", "preferred_contact", "message"]
        labels = {"name": "Your name", "email": "Email address", "phone": "Phone number", "message": "Your message"}
        help_texts = {
            "phone": "Needed only if you would like us to call you.",
            "message": "Anything you would like us to know before we contact you. Please do not include "
            "detailed medical information here.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
            "preferred_contact": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {
                "required": "Enter your name.",
                "max_length": "Your name must be %(limit_value)d characters or fewer (it has %(show_value)d).",
            },
            "email": {
                "required": "Enter your email address.",
                "invalid": "Enter an email address like name@example.com.",
                "max_length": "Your email address must be %(limit_value)d characters or fewer.",
            },
            "phone": {"max_length": "Your phone number must be %(limit_value)d characters or fewer."},
            "message": {
                "max_length": "Your message must be %(limit_value)d characters or fewer (it has %(show_value)d)."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {slug: name for topics in enquiry_topics for slug, name in topics()}
        self.fields["treatment"].choices = [("", "Not sure yet"), *self.topics.items()]
        self.fields["treatment"].error_messages["invalid_choice"] = (
            "That treatment is not available to choose; pick one from the list or “Not sure yet”."
        )
        self.fields["preferred_contact"].error_messages["invalid_choice"] = "Choose email or a phone call."

    def clean_treatment(self):
        return self.topics.get(self.cleaned_data["treatment"], "")

    def clean_name(self):
        # Line breaks in a name are never genuine and would break the notification's subject line.
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        # Before the spam checks, which run only on an otherwise valid form.
        data = self.cleaned_data
        wants_call = data.get("preferred_contact") == Enquiry.ContactMethod.PHONE
        if wants_call and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Enter a phone number so we can call you, or choose email instead.")
        return super().clean()

    def is_duplicate(self, cleaned_data):
        return Enquiry.objects.filter(
            email__iexact=cleaned_data["email"],
            message=cleaned_data.get("message", ""),
            treatment=cleaned_data.get("treatment", ""),
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).exists()
