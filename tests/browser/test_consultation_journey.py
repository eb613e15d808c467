import pytest

from clinic.models import Enquiry
from tests.factories import UserFactory


@pytest.mark.browser
@pytest.mark.usefixtures("demo_content")
def test_patient_compares_treatments_books_a_consultation_and_staff_find_it(page, admin_login, settings):
    # A browser fills the form in well under the real minimum; the setting exists for this.
    settings.SPAM_MIN_FILL_SECONDS = 0

    page.goto("/treatments/")
    page.get_by_role("link", name="PRP skin rejuvenation").click()
    assert page.locator("h1").inner_text() == "PRP skin rejuvenation"
    assert "From £350" in page.locator(".glance").inner_text()

    page.get_by_role("link", name="Compare with Exosome therapy").click()
    assert page.locator("h1").inner_text() == "Exosome therapy vs PRP skin rejuvenation"
    assert "From £450" in page.locator(".compare-table").inner_text()

    page.get_by_role("link", name="Book a consultation about PRP skin rejuvenation").click()
    assert page.get_by_label("Treatment you are interested in").input_value() == "prp-skin-rejuvenation"

    # Submitting without consent is refused with a message, and nothing is stored.
    page.get_by_label("Your name").fill("Eilidh Munro")
    page.get_by_label("Email address").fill("eilidh@example.com")
    page.get_by_label("Phone call").check()
    page.get_by_label("Phone number").fill("07700 900789")
    page.get_by_label("Your message").fill("Could I come on a Thursday evening?")
    page.get_by_role("button", name="Send my enquiry").click()
    assert "Tick the box to let us keep your details" in page.locator(".error-summary").inner_text()
    assert Enquiry.objects.count() == 0

    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Send my enquiry").click()
    assert page.locator("h1").inner_text() == "Thank you, we have your enquiry"

    staff = UserFactory(is_staff=True, is_superuser=True)
    admin_login(page, staff)
    assert "1 new enquiry" in page.locator(".messagelist").inner_text()
    page.get_by_role("link", name="1 new enquiry").click()
    page.get_by_role("link", name="Eilidh Munro").click()
    assert "Could I come on a Thursday evening?" in page.locator("#content").inner_text()
    assert "PRP skin rejuvenation" in page.locator("#content").inner_text()
