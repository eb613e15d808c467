import pytest
from django.conf import settings

from tests.factories import ClinicProfileFactory, UserFactory


def pytest_report_header(config):
    return f"database engine: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_sessionstart(session):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("The test suite runs on PostgreSQL only: set DATABASE_URL (see README).", returncode=3)
    # Hashed static names need a prior collectstatic; tests serve static files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The live server finds static files through whitenoise, as production does, minus collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def pytest_collection_modifyitems(items):
    for item in items:
        path = item.path.as_posix()
        if "/tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
        elif "/tests/pages/" in path:
            item.add_marker(pytest.mark.pages)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    # Uploads and renditions go to a throwaway folder, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_profile(db):
    return ClinicProfileFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def demo_content(db):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
