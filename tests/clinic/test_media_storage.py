"""Uploads on object storage through django-storages, so several app servers share them."""

from tests.clinic.test_settings import manage

S3 = "storages.backends.s3.S3Storage"
PRODUCTION = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "clinic.example"}
SHOW_STORAGE = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, s.url('uploads/2026/01/peel.jpg'), s.object_parameters['CacheControl'])"
)


def test_s3_media_storage_links_uploads_on_the_media_domain():
    result = manage(
        "shell", "-c", SHOW_STORAGE, **PRODUCTION,
        MEDIA_STORAGE=S3, MEDIA_BUCKET="clinic-media", MEDIA_CUSTOM_DOMAIN="media.clinic.example",
        AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "S3Storage",
        "https://media.clinic.example/uploads/2026/01/peel.jpg",
        "public,",
        "max-age=2592000",
    ]


def test_s3_media_storage_refuses_to_start_without_a_bucket():
    result = manage("check", **PRODUCTION, MEDIA_STORAGE=S3)
    assert result.returncode != 0
    assert "MEDIA_BUCKET must be set when MEDIA_STORAGE is S3" in result.stderr
