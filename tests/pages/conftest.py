import pytest


@pytest.fixture(autouse=True)
def _comments_open(settings):
    # The demo articles are older than the automatic closing age; keeping comments open
    # puts the comment form on the checked article pages.
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
