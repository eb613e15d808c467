import pytest

from tests.factories import UserFactory


@pytest.mark.usefixtures("demo_content")
def test_visitor_sees_home_page_with_clinic_details(page):
    page.goto("/")
    assert page.get_by_role("link", name="Kelvin Skin Clinic").first.is_visible()
    assert page.locator("h1").inner_text() == "Doctor-led regenerative skin treatments in Glasgow"
    assert "0141 496 0123" in page.locator("footer").inner_text()
    # The stylesheet loaded: the skip link sits off-screen until focused.
    assert page.locator(".skip-link").bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


@pytest.mark.usefixtures("demo_content")
def test_staff_logs_into_admin_and_edits_clinic_profile(page, admin_login):
    staff = UserFactory(is_staff=True, is_superuser=True)
    admin_login(page, staff)
    page.get_by_role("link", name="Clinic profiles").click()
    page.get_by_label("Tagline").fill("Regenerative skin care, doctor-led")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    page.goto("/")
    assert "Regenerative skin care, doctor-led" in page.locator(".hero").inner_text()


def test_wrong_passwords_lock_the_admin_login(page, db):
    staff = UserFactory(is_staff=True)
    page.goto("/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill(staff.username)
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    assert "Too many log-in attempts" in page.locator("h1").inner_text()
