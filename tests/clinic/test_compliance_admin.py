"""Advertising-rules findings as staff meet them: admin forms, acknowledgement, publishing, dashboard."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import Article
from clinic.models import ComplianceFinding, Page
from tests.factories import (
    ArticleFactory,
    FAQFactory,
    PageFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
)
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def page_data(**overrides):
    data = {
        "title": "Summer offers",
        "slug": "summer-offers",
        "body": "<p>Ask about B0tox this summer.</p>",
        "seo_description": "",
        "is_published": "on",
        "show_in_footer": "on",
    }
    data.update(overrides)
    return data


def test_publishing_with_a_high_finding_asks_for_confirmation_and_keeps_the_typing(admin_client):
    response = admin_client.post("/admin/clinic/page/add/", page_data())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Not published" in text
    assert "B0tox" in text
    assert "Publish anyway" in text
    assert "Ask about B0tox this summer." in text  # what was typed is still in the form
    assert not Page.objects.exists()

    response = admin_client.post("/admin/clinic/page/add/", page_data(publish_anyway="on"))
    assert "Give a reason for publishing anyway." in response.content.decode()
    assert not Page.objects.exists()

    response = admin_client.post(
        "/admin/clinic/page/add/",
        page_data(publish_anyway="on", acknowledgement_reason="Explains the law."),
        follow=True,
    )
    page = Page.objects.get()
    assert page.is_published
    finding = ComplianceFinding.objects.for_object(page).get()
    assert (finding.location, finding.words, finding.term.phrase) == ("Body", "B0tox", "botox")
    assert finding.acknowledgement_reason == "Explains the law."


def test_saving_a_draft_with_findings_warns_but_does_not_ask(admin_client):
    response = admin_client.post("/admin/clinic/page/add/", page_data(is_published=""), follow=True)
    assert Page.objects.get().is_published is False
    assert "please check" in response.content.decode()


def test_clean_text_publishes_without_questions_or_findings(admin_client):
    admin_client.post("/admin/clinic/page/add/", page_data(body="<p>Our toxin-free protocol.</p>"))
    assert Page.objects.get().is_published
    assert not ComplianceFinding.objects.exists()


def acknowledge(client, finding, reason="Quoted to explain the law."):
    return client.post(
        f"/admin/clinic/compliancefinding/{finding.pk}/change/", {"acknowledgement_reason": reason}, follow=True
    )


def test_acknowledgement_is_kept_with_who_and_when_and_survives_a_recheck(admin_client, staff_user):
    admin_client.post("/admin/clinic/page/add/", page_data(is_published=""))
    page = Page.objects.get()
    finding = ComplianceFinding.objects.get()
    response = acknowledge(admin_client, finding)
    assert response.status_code == 200
    finding.refresh_from_db()
    assert finding.acknowledged_by == staff_user
    assert finding.acknowledged_at
    assert finding.acknowledgement_reason == "Quoted to explain the law."

    # Publishing now needs no confirmation, and the same sentence keeps its acknowledgement.
    admin_client.post(
        f"/admin/clinic/page/{page.pk}/change/", page_data(body="<p>Intro.</p><p>Ask about B0tox this summer.</p>")
    )
    page.refresh_from_db()
    assert page.is_published
    assert ComplianceFinding.objects.get().acknowledged_by == staff_user

    # A changed sentence is a new finding, and it asks again, saying the page is live.
    response = admin_client.post(f"/admin/clinic/page/{page.pk}/change/", page_data(body="<p>Still about B0tox.</p>"))
    assert "Not saved" in response.content.decode()
    assert "still live with its previous wording" in response.content.decode()

    # Once the wording is gone, so is the finding.
    admin_client.post(f"/admin/clinic/page/{page.pk}/change/", page_data(body="<p>Consultations.</p>"))
    assert not ComplianceFinding.objects.exists()


def test_acknowledging_needs_a_reason(admin_client):
    admin_client.post("/admin/clinic/page/add/", page_data(is_published=""))
    finding = ComplianceFinding.objects.get()
    response = acknowledge(admin_client, finding, reason="")
    assert "This field is required" in response.content.decode()
    finding.refresh_from_db()
    assert finding.acknowledged_at is None


def test_only_staff_with_the_permission_may_acknowledge(client):
    page = PageFactory()
    from clinic.compliance import record_findings

    record_findings(page, {"Body": "Botox"})
    finding = ComplianceFinding.objects.get()
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert acknowledge(client, finding).status_code == 200
    finding.refresh_from_db()
    assert finding.acknowledged_by == editor

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get("/admin/compliance/").status_code == 403
    assert client.post(f"/admin/clinic/compliancefinding/{finding.pk}/change/", {}).status_code == 403


def test_treatment_faq_answers_are_checked_and_block_publishing(admin_client):
    treatment = TreatmentFactory(is_published=False)
    data = {
        "name": treatment.name, "slug": treatment.slug, "category": treatment.category_id,
        "summary": treatment.summary, "risks": "<p>Bruising.</p>", "is_published": "on", "order": 0,
        "faqs-TOTAL_FORMS": "1", "faqs-INITIAL_FORMS": "0", "faqs-MIN_NUM_FORMS": "0", "faqs-MAX_NUM_FORMS": "1000",
        "faqs-0-question": "Does it hurt?", "faqs-0-answer": "It is guaranteed pain-free.", "faqs-0-order": "0",
    }  # fmt: skip
    response = admin_client.post(f"/admin/treatments/treatment/{treatment.pk}/change/", data)
    assert response.status_code == 200
    assert "Not published" in response.content.decode()
    treatment.refresh_from_db()
    assert not treatment.is_published

    admin_client.post(
        f"/admin/treatments/treatment/{treatment.pk}/change/",
        {**data, "publish_anyway": "on", "acknowledgement_reason": "Reviewed by the lead."},
    )
    treatment.refresh_from_db()
    assert treatment.is_published
    locations = set(ComplianceFinding.objects.values_list("location", flat=True))
    assert locations == {"FAQ “Does it hurt?”: answer"}


def test_bulk_publish_skips_flagged_items_and_says_so(admin_client):
    from clinic.compliance import record_findings

    flagged = ArticleFactory(status="draft", published_at=None, title="Tox tales")
    clean = ArticleFactory(status="draft", published_at=None)
    record_findings(flagged, {"Title": flagged.title})
    response = admin_client.post(
        "/admin/blog/article/", {"action": "publish", "_selected_action": [flagged.pk, clean.pk]}, follow=True
    )
    text = response.content.decode()
    assert "Not published, unacknowledged high-severity advertising-rules findings: Tox tales" in text
    assert Article.objects.get(pk=clean.pk).status == "published"
    assert Article.objects.get(pk=flagged.pk).status == "draft"

    treatment = TreatmentFactory(is_published=False, name="Baby botox bar")
    record_findings(treatment, {"Name": treatment.name})
    admin_client.post("/admin/treatments/treatment/", {"action": "publish", "_selected_action": [treatment.pk]})
    assert not Treatment.objects.get(pk=treatment.pk).is_published


def test_dashboard_lists_findings_review_prices_alt_text_links_and_authors(
    admin_client, django_assert_max_num_queries
):
    from clinic.compliance import record_findings

    today = timezone.localdate()
    reviewer = PractitionerFactory()
    hidden_author = PractitionerFactory(is_active=False)
    ArticleFactory(
        title="Overdue article", medical_reviewer=reviewer, reviewed_on=today - timedelta(days=400),
        next_review_due_on=today - timedelta(days=1), author=hidden_author,
    )  # fmt: skip
    soon = TreatmentFactory(
        name="Soon treatment", medical_reviewer=reviewer, reviewed_on=today - timedelta(days=300),
        next_review_due_on=today + timedelta(days=10), price_confirmed_on=today,
    )  # fmt: skip
    TreatmentFactory(name="Later treatment", next_review_due_on=today + timedelta(days=90), price_confirmed_on=today)
    TreatmentFactory(name="Stale price", price_confirmed_on=today - timedelta(days=400))
    draft = ArticleFactory(title="Hidden draft", slug="hidden-draft", status="draft", published_at=None)
    ArticleFactory(
        title="Linking article",
        body='<p><img src="/media/x.jpg"> <a href="/blog/hidden-draft/">a</a> <a href="/nowhere/deeper/">b</a>'
        f' <a href="/treatments/{soon.slug}/">ok</a></p>',
    )
    record_findings(PageFactory(title="Offers page"), {"Body": "only 2 left"})

    with django_assert_max_num_queries(25):
        response = admin_client.get("/admin/compliance/")
    text = response.content.decode()
    assert "Offers page" in text
    assert "“only 2 left”" in text
    assert "Acknowledge…" in text
    assert "Overdue article" in text
    assert "overdue</strong> since" in text
    assert "Soon treatment" in text
    assert "Later treatment" not in text.split("without a medical reviewer")[0]
    prices = text.split("Prices not confirmed for 6 months")[1].split("<h2>")[0]
    assert "Stale price" in prices
    assert "Soon treatment" not in prices
    reviewers = text.split("without a medical reviewer")[1].split("<h2>")[0]
    assert "Hidden draft" in reviewers
    assert "Overdue article" not in reviewers
    assert "Linking article</a>: Body: 1 image" in text
    assert "/blog/hidden-draft/</code> – unpublished page" in text
    assert "/nowhere/deeper/</code> – missing page" in text
    assert f"/treatments/{soon.slug}/</code>" not in text
    authors = text.split("author is not shown")[1]
    assert "Overdue article" in authors
    assert draft.title not in authors


def test_admin_index_links_to_the_dashboard(admin_client):
    assert "/admin/compliance/" in admin_client.get("/admin/").content.decode()


def test_dashboard_is_for_staff_only(client):
    response = client.get("/admin/compliance/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_public_pages_never_show_findings_but_do_show_the_review(client, admin_client, clinic_profile):
    from clinic.compliance import record_findings

    reviewer = PractitionerFactory(name="Dr Isla Reid")
    treatment = TreatmentFactory(
        overview="<p>Guaranteed results.</p>", medical_reviewer=reviewer, reviewed_on=timezone.localdate()
    )
    FAQFactory(treatment=treatment)
    article = ArticleFactory(body="<p>Permanent results.</p>")
    page = PageFactory(body="<p>A miracle.</p>")
    for obj, text in ((treatment, "Guaranteed"), (article, "Permanent"), (page, "miracle")):
        record_findings(obj, {"Body": text})
    for http in (client, admin_client):
        for url in (treatment.get_absolute_url(), article.get_absolute_url(), page.get_absolute_url()):
            body = http.get(url).content.decode()
            assert "advertising" not in body.lower()
            assert "finding" not in body.lower()
            assert "Acknowledge" not in body
    detail = client.get(treatment.get_absolute_url()).content.decode()
    assert "Medically reviewed by" in detail
    assert "Dr Isla Reid" in detail
