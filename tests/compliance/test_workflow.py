"""Staff journeys through the admin: acknowledging on the form, live pages, and who may change terms."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clinic.compliance import check_text
from clinic.models import ComplianceFinding, ComplianceTerm, ComplianceTermChange, Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BODY = "<p>Ask about B0tox this summer.</p><p>Results guaranteed.</p><p>Book now!</p>"


def page_data(**overrides):
    data = {"title": "Summer", "slug": "summer", "body": BODY, "seo_description": "", "is_published": ""}
    data.update(overrides)
    return data


def test_several_findings_are_acknowledged_at_once_with_one_reason_and_staff_stay_on_the_form(admin_client):
    admin_client.post("/admin/clinic/page/add/", page_data())
    page = Page.objects.get()
    findings = list(ComplianceFinding.objects.for_object(page))
    assert len(findings) == 3
    url = f"/admin/clinic/page/{page.pk}/change/"
    response = admin_client.post(
        url,
        page_data(acknowledge_findings=[f.pk for f in findings], acknowledgement_reason="Quoted in a law explainer."),
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert ComplianceFinding.objects.open().count() == 0
    assert set(ComplianceFinding.objects.values_list("acknowledgement_reason", flat=True)) == {
        "Quoted in a law explainer."
    }
    page_html = admin_client.get(url).content.decode()
    assert "Acknowledged with your reason. This page is not published." in page_html

    # Publishing the acknowledged wording asks nothing; later edits of the live page are allowed.
    response = admin_client.post(url, page_data(is_published="on"), follow=True)
    page.refresh_from_db()
    assert page.is_published
    response = admin_client.post(url, page_data(is_published="on", title="Summer news"), follow=True)
    page.refresh_from_db()
    assert page.title == "Summer news"
    assert "Not published" not in response.content.decode()


def test_acknowledging_without_a_reason_is_refused_and_nothing_is_acknowledged(admin_client):
    admin_client.post("/admin/clinic/page/add/", page_data())
    page = Page.objects.get()
    finding = ComplianceFinding.objects.first()
    response = admin_client.post(f"/admin/clinic/page/{page.pk}/change/", page_data(acknowledge_findings=[finding.pk]))
    assert "Give a reason for acknowledging the ticked findings." in response.content.decode()
    assert ComplianceFinding.objects.open().count() == 3


def test_after_publish_anyway_the_live_page_can_be_edited_and_a_new_high_finding_asks_again(admin_client):
    admin_client.post(
        "/admin/clinic/page/add/", page_data(is_published="on", publish_anyway="on", acknowledgement_reason="Lead OK")
    )
    page = Page.objects.get()
    assert page.is_published
    url = f"/admin/clinic/page/{page.pk}/change/"
    response = admin_client.post(url, page_data(is_published="on", title="Summer at the clinic"), follow=True)
    page.refresh_from_db()
    assert page.title == "Summer at the clinic"
    assert "Not published" not in response.content.decode()

    response = admin_client.post(url, page_data(is_published="on", body=BODY + "<p>Dysport too.</p>"))
    text = response.content.decode()
    assert "Not saved" in text
    assert "still live with its previous wording" in text
    page.refresh_from_db()
    assert page.is_published
    assert "Dysport" not in page.body


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_editors_add_terms_but_cannot_disable_or_delete_them_and_every_change_is_logged(client, editor):
    response = client.post(
        "/admin/clinic/complianceterm/add/",
        {"phrase": "jawline jab", "kind": "prescription_medicine", "severity": "high", "explanation": "Hint.",
         "source": "ASA ruling 2024"},
    )  # fmt: skip
    assert response.status_code == 302
    term = ComplianceTerm.objects.get(phrase="jawline jab")
    assert term.is_active
    assert ComplianceTermChange.objects.filter(term=term, action="added", changed_by=editor).exists()
    assert client.post(f"/admin/clinic/complianceterm/{term.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(f"/admin/clinic/complianceterm/{term.pk}/change/", {"is_active": ""})
    assert response.status_code == 403
    term.refresh_from_db()
    assert term.is_active


def test_a_compliance_lead_may_disable_and_delete_and_the_log_keeps_who_and_what(client):
    lead = UserFactory(username="lead", is_staff=True)
    lead.groups.add(Group.objects.get(name="Compliance leads"))
    client.force_login(lead)
    term = ComplianceTerm.objects.get(phrase="botox")
    data = {f: getattr(term, f) for f in ("phrase", "kind", "severity", "explanation", "source")}
    client.post(f"/admin/clinic/complianceterm/{term.pk}/change/", {**data, "is_active": ""})
    term.refresh_from_db()
    assert not term.is_active
    client.post(f"/admin/clinic/complianceterm/{term.pk}/delete/", {"post": "yes"})
    assert not ComplianceTerm.objects.filter(phrase="botox").exists()
    log = list(ComplianceTermChange.objects.filter(phrase="botox", changed_by=lead).values_list("action", flat=True))
    assert log == ["deleted", "disabled"]
    page = client.get("/admin/clinic/complianceterm/").content.decode()
    assert "CAP" in page  # sources shown in the list


def test_migrations_keep_staff_terms_and_seed_sources():
    assert ComplianceTerm.objects.filter(source="").count() == 0
    assert ComplianceTerm.objects.filter(kind="prescription_medicine", phrase="mounjaro").exists()


@pytest.mark.django_db(transaction=True)
def test_the_second_researched_set_keeps_staff_terms_and_cites_a_source_on_each_new_term():
    executor = MigrationExecutor(connection)
    executor.migrate([("clinic", "0012_merge_outbox")])
    apps = executor.loader.project_state([("clinic", "0012_merge_outbox")]).apps
    Term = apps.get_model("clinic", "ComplianceTerm")
    Term.objects.create(phrase="glow jab", kind="prescription_medicine", severity="high", explanation="Ours.")
    # A staff edit of a phrase the new set also holds stays as the staff left it.
    Term.objects.create(
        phrase=r"\bneuro\W?(?:modulators?|toxins?)\b",
        kind="prescription_medicine",
        severity="medium",
        explanation="Staff.",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert ComplianceTerm.objects.get(phrase="glow jab").explanation == "Ours."
    assert ComplianceTerm.objects.get(phrase=r"\bneuro\W?(?:modulators?|toxins?)\b").severity == "medium"
    added = ComplianceTerm.objects.filter(changes__details="Researched set, second edition")
    assert added.count() >= 10
    assert not added.filter(source="").exists()
    assert "prescription_medicine" in {f.term.kind for f in check_text("NAD+ IV therapy now available.")}
