import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    """A staff member who may view articles but is not a superuser."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article", content_type__app_label="blog"))
    return user
