from datetime import timedelta

from django import forms
from django.utils import timezone

from clinic.spam import SpamDefenceMixin
from comments.models import Comment

SENT_TOO_QUICKLY = "sent too quickly"  # the reason clinic.spam gives

# The same text from the same address on the same page within this time is a resubmission.
DUPLICATE_WINDOW = timedelta(days=7)


class CommentForm(SpamDefenceMixin, forms.ModelForm):
    """A visitor's comment on ``target`` (the page, given when binding), or a reply to an approved comment on it."""

    spam_form_name = "comment"
    spam_text_fields = ("author_name", "body")
    duplicate_message = "We already have this comment from you. There is no need to send it again."
    too_quick_message = (
        "Your comment was sent very quickly after the page opened, so it was not posted yet. Please check it and "
        "send it again."
    )

    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "The comment you are replying to is not available. Your comment can be posted "
            "on its own instead."
        },
    )
    consent = forms.BooleanField(
        label="Your consent",
        required=True,
        error_messages={"required": "Tick the box to let us store your name, email and comment."},
    )

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "body", "wants_updates"]
        labels = {
            "author_name": "Your name",
            "author_email": "Email address",
            "body": "Your comment",
            "wants_updates": "Email me when my comment is published or the clinic replies",
        }
        help_texts = {
            "author_name": "Shown with your comment. A first name is fine.",
            "author_email": "Never shown on the site.",
            "body": "Plain text, up to 3,000 characters.",
            "wants_updates": "",
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "author_name": {
                "required": "Enter your name.",
                "max_length": "Your name must be %(limit_value)d characters or fewer (it has %(show_value)d).",
            },
            "author_email": {
                "required": "Enter your email address.",
                "invalid": "Enter an email address like name@example.com.",
                "max_length": "Your email address must be %(limit_value)d characters or fewer.",
            },
            "body": {
                "required": "Write your comment.",
                "max_length": "Your comment must be %(limit_value)d characters or fewer (it has %(show_value)d).",
            },
        }

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        # Replies only to comments everyone can see, and only on this page.
        self.fields["parent"].queryset = Comment.objects.approved().on(target)

    def clean(self):
        cleaned_data = super().clean()
        # A person can paste a prepared comment and press send within seconds: tell them,
        # keep their text, and let the fresh token on the form take the resend.
        if self.spam_reason == SENT_TOO_QUICKLY:
            self.spam_reason = ""
            raise forms.ValidationError(self.too_quick_message, code="too_quick")
        return cleaned_data

    def clean_author_name(self):
        # Line breaks in a name are never genuine and would break the notification's subject line.
        return " ".join(self.cleaned_data["author_name"].split())

    def is_duplicate(self, cleaned_data):
        return (
            Comment.objects.on(self.target)
            # What was filed as spam does not count: a genuine resend must get through to the queue.
            .exclude(status=Comment.Status.SPAM)
            .filter(
                author_email__iexact=cleaned_data["author_email"],
                body=cleaned_data["body"],
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            )
            .exists()
        )
