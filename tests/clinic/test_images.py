import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.images import reencode_image
from tests.factories import PractitionerFactory, image_upload

UPLOAD_URL = reverse("clinic:editor_image_upload")
# CKEditor's double-submit token: the cookie it sets and repeats in every upload form.
EDITOR_TOKEN = "k" * 40


@pytest.fixture
def editor_client(admin_client):
    admin_client.cookies["ckCsrfToken"] = EDITOR_TOKEN
    return admin_client


def upload_data(**data):
    return {"ckCsrfToken": EDITOR_TOKEN, **data}


def jpeg_with_gps():
    image = Image.new("RGB", (400, 300), (200, 150, 120))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (55.0, 52.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("holiday photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_reencoding_strips_exif_and_gps():
    upload = jpeg_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()
    clean = reencode_image(upload)
    with Image.open(io.BytesIO(clean.read())) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (400, 300)
    assert clean.name == "holiday_photo.jpg"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.jpg", b"not an image at all"), "not an image the site can use"),
        (
            SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
            "not an image the site can use",
        ),
        (image_upload("x.bmp", image_format="BMP"), "BMP images are not accepted"),
    ],
)
def test_non_images_and_unsupported_formats_are_refused(upload, message):
    with pytest.raises(ValidationError) as error:
        reencode_image(upload)
    assert message in error.value.messages[0]


def test_images_over_the_pixel_limit_are_refused(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as error:
        reencode_image(image_upload(size=(200, 200)))
    assert "200×200 pixels" in error.value.messages[0]


def test_images_over_the_size_limit_are_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024 * 1024
    upload = image_upload(size=(10, 10))
    upload.size = 2 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        reencode_image(upload)
    assert "limit is 1 MB" in error.value.messages[0]


def test_editor_upload_stores_a_clean_copy_for_staff(editor_client):
    response = editor_client.post(UPLOAD_URL + "?responseType=json", upload_data(upload=jpeg_with_gps()))
    data = response.json()
    assert data["uploaded"] == 1
    stored = data["url"].removeprefix("/media/")
    assert stored.startswith("uploads/")
    with default_storage.open(stored) as file, Image.open(file) as image:
        assert dict(image.getexif()) == {}


def test_editor_upload_reports_a_bad_file_to_the_editor(editor_client):
    upload = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="text/html")
    response = editor_client.post(UPLOAD_URL, upload_data(upload=upload))
    assert response.json() == {
        "uploaded": 0,
        "error": {"message": "This file is not an image the site can use. Upload a JPEG, PNG, WebP or GIF."},
    }


def test_editor_upload_dialog_gets_a_callback_with_escaped_values(editor_client):
    response = editor_client.post(
        UPLOAD_URL + "?CKEditorFuncNum=3", upload_data(upload=image_upload("a'b.png", image_format="PNG"))
    )
    body = response.content.decode()
    assert body.startswith("<!DOCTYPE html><script>window.parent.CKEDITOR.tools.callFunction(3, '")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_editor_upload_ignores_a_non_numeric_callback(editor_client):
    response = editor_client.post(
        UPLOAD_URL + "?CKEditorFuncNum=1);alert(1);//", upload_data(upload=image_upload(image_format="PNG"))
    )
    assert response["Content-Type"] == "application/json"


def test_editor_upload_is_refused_to_visitors(client, db):
    response = client.post(UPLOAD_URL, {"upload": image_upload()})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not default_storage.exists("uploads")


@pytest.mark.parametrize(
    ("cookie", "sent"),
    [(None, None), (EDITOR_TOKEN, None), (None, EDITOR_TOKEN), (EDITOR_TOKEN, "x" * 40), ("short", "short")],
)
def test_editor_upload_without_the_editors_token_is_refused(admin_client, cookie, sent):
    # What a cross-site page could send on behalf of a logged-in editor: no matching token.
    if cookie:
        admin_client.cookies["ckCsrfToken"] = cookie
    data = {"upload": image_upload(image_format="PNG")}
    if sent:
        data["ckCsrfToken"] = sent
    response = admin_client.post(UPLOAD_URL + "?responseType=json", data)
    assert response.status_code == 403
    assert "could not be confirmed" in response.json()["error"]["message"]
    assert not default_storage.exists("uploads")


def test_oversized_upload_is_refused_before_its_body_is_read(editor_client, settings, monkeypatch):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

    def refuse_to_read(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", refuse_to_read)
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), content_type="image/png")
    response = editor_client.post(UPLOAD_URL, upload_data(upload=big))
    assert response.status_code == 413
    assert "too large to send" in response.content.decode()
    assert not default_storage.exists("uploads")


def test_practitioner_photo_is_reencoded_on_save(db):
    practitioner = PractitionerFactory(photo=jpeg_with_gps())
    with practitioner.photo.open() as file, Image.open(file) as image:
        assert dict(image.getexif()) == {}
    assert (practitioner.photo_width, practitioner.photo_height) == (400, 300)


def test_responsive_image_renders_webp_renditions(client, demo_content):
    html = client.get(reverse("clinic:practitioner_list")).content.decode()
    assert 'srcset="/media/renditions/dr-isla-morrison-' in html
    assert "-480w.webp 480w" in html
    assert 'loading="lazy"' in html
    assert 'width="800" height="800"' in html
