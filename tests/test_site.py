"""Site-wide rules every page and model follows."""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.pages.public_pages import PUBLIC_PAGES


def test_no_model_change_lacks_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.usefixtures("demo_content")
def test_every_public_page_has_one_h1_title_and_canonical(client):
    for name, path_of, _status in PUBLIC_PAGES:
        html = client.get(path_of()).content.decode()
        assert html.count("<h1") == 1, name
        assert html.count("<title>") == 1, name
        assert html.count('rel="canonical"') == 1, name


@pytest.mark.parametrize("model_admin", admin.site._registry.values(), ids=lambda m: m.opts.label)
def test_every_admin_list_and_add_page_loads(admin_client, demo_content, model_admin):
    opts = model_admin.opts
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code in (200, 302)
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)


def test_ckeditor_sample_and_test_pages_are_never_published():
    from django.apps import apps
    from django.contrib.staticfiles.finders import get_finders

    ignore = apps.get_app_config("staticfiles").ignore_patterns
    published = [path for finder in get_finders() for path, _storage in finder.list(ignore)]
    assert any(path.startswith("ckeditor/ckeditor/ckeditor.js") for path in published)
    assert not [path for path in published if path.startswith("ckeditor/") and path.endswith(".html")]
