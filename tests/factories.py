import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
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
