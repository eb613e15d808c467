import io
import time
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from clinic.models import ClinicProfile, Page, Practitioner


def image_upload(name="photo.jpg", size=(640, 480), image_format="JPEG", colour=(120, 80, 60), **save_options):
    """An uploaded image file made in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@clinic.example")
    password = factory.django.Password("correct horse battery staple")


class ClinicProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicProfile
        django_get_or_create = ["id"]

    id = 1
    name = "Test Skin Clinic"
    tagline = "Regenerative skin treatments"
    street_address = "1 Test Street"
    locality = "Glasgow"
    postcode = "G1 1AA"
    phone = "0141 000 0000"
    email = "clinic@clinic.example"


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = factory.Sequence(lambda n: f"Dr Practitioner {n}")
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    role = "Aesthetic doctor"
    credentials = "MBChB"
    regulator = Practitioner.Regulator.GMC
    registration_number = factory.Sequence(lambda n: f"{7000000 + n}")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>Some text.</p>"


class TreatmentCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "treatments.TreatmentCategory"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Treatment category {n}")
    slug = factory.Sequence(lambda n: f"treatment-category-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "blog.Category"

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "treatments.Treatment"

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    category = factory.SubFactory(TreatmentCategoryFactory)
    summary = "A short summary of the treatment."
    price_from = Decimal("350")
    session_minutes = 45
    sessions_in_course = 3
    downtime = "A day or two of redness"
    results_show = "After 4–6 weeks"
    results_last = "Around a year"
    treatment_areas = "Face, neck"
    overview = "<p>What it is.</p>"
    risks = "<p>Redness and bruising.</p>"
    is_published = True


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "treatments.FAQ"

    treatment = factory.SubFactory(TreatmentFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."
    order = factory.Sequence(lambda n: n)


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "treatments.Comparison"

    treatment_a = factory.SubFactory(TreatmentFactory)
    treatment_b = factory.SubFactory(TreatmentFactory)
    verdict = "<p>Each suits different people.</p>"


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clinic.Enquiry"

    name = factory.Sequence(lambda n: f"Patient {n}")
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = "07700 900123"
    message = "I would like to know more."
    consent_given_at = factory.LazyFunction(timezone.now)


class BlockedWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clinic.BlockedWord"

    phrase = factory.Sequence(lambda n: f"blocked{n}")


def enquiry_post_data(**overrides):
    """A consultation form submission a patient would send, shown a minute ago."""
    from clinic.spam import make_form_token

    data = {
        "name": "Morag Campbell",
        "email": "morag@example.com",
        "phone": "07700 900456",
        "preferred_contact": "email",
        "treatment": "",
        "message": "Could I come in for a consultation one evening?",
        "consent": "on",
        "leave_blank": "",
        "form_token": make_form_token("enquiry", now=time.time() - 60),
    }
    data.update(overrides)
    return data


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "blog.Tag"

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article (published an hour ago); pass ``status="draft"`` for a draft."""

    class Meta:
        model = "blog.Article"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    excerpt = "A short summary of the article."
    body = "<h2>First section</h2><p>Some words about skin.</p><h3>A detail</h3><p>More words.</p>"
    author = factory.SubFactory(PractitionerFactory)
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "blog.Reference"

    article = factory.SubFactory(ArticleFactory)
    citation = factory.Sequence(lambda n: f"Author A. A study of skin, part {n}. A Journal, 2024.")
    url = "https://example.org/study"


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment on a published article; pass ``status="pending"`` for one awaiting moderation."""

    class Meta:
        model = "comments.Comment"
        rename = {"article": "target"}

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")
    status = "approved"
    consent_given_at = factory.LazyFunction(timezone.now)


def comment_post_data(**overrides):
    """A comment form submission a reader would send, the form shown a minute ago."""
    from clinic.spam import make_form_token

    data = {
        "author_name": "Morag",
        "author_email": "morag@example.com",
        "body": "Thank you, this was really helpful.",
        "consent": "on",
        "leave_blank": "",
        "form_token": make_form_token("comment", now=time.time() - 60),
    }
    data.update(overrides)
    return data
