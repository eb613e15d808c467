import io
from datetime import timedelta

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


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "blog.Category"

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


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
