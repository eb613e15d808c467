"""Migrations that reshape data keep every value on a database that already holds rows."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

BEFORE = [
    ("clinic", "0007_search_indexes"),
    ("treatments", "0003_treatment_review"),
    ("blog", "0008_comment_moderators"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def png(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def old_apps(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def test_shared_parts_and_enquiry_topic_keep_every_value(old_apps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Practitioner = old_apps.get_model("clinic", "Practitioner")
    Category = old_apps.get_model("treatments", "TreatmentCategory")
    Treatment = old_apps.get_model("treatments", "Treatment")
    Article = old_apps.get_model("blog", "Article")
    Enquiry = old_apps.get_model("clinic", "Enquiry")

    doctor = Practitioner.objects.create(
        name="Dr Ann Reid", slug="ann", role="Doctor", regulator="GMC", registration_number="7012345"
    )
    category = Category.objects.create(name="Skin", slug="skin")
    hero = default_storage.save("treatments/hero.png", png((640, 360)))
    prp = Treatment.objects.create(
        name="PRP", slug="prp", category=category, summary="Plasma.", medical_reviewer=doctor,
        reviewed_on=date(2026, 1, 5), next_review_due_on=date(2027, 1, 5), hero_image=hero,
    )  # fmt: skip
    # Values the new constraints would refuse: an image with no description, a next review before the review.
    odd = Treatment.objects.create(
        name="Exosomes", slug="exosomes", category=category, summary="Vesicles.",
        reviewed_on=date(2026, 3, 1), next_review_due_on=date(2026, 2, 1),
    )  # fmt: skip
    # A file that has since gone missing, stored without its size (as a bulk update leaves it).
    Treatment.objects.filter(pk=odd.pk).update(hero_image="treatments/gone.png")
    Treatment.objects.filter(pk=prp.pk).update(hero_image_width=None, hero_image_height=None)
    cover = default_storage.save("blog/covers/c.png", png((1200, 600)))
    article = Article.objects.create(
        title="PRP explained", slug="prp-explained", excerpt="Why.", body="<p>Words.</p>", author=doctor,
        medical_reviewer=doctor, reviewed_on=date(2026, 2, 1), next_review_due_on=date(2027, 2, 1),
        cover=cover, cover_alt="A treatment room", status="published", published_at="2026-02-01T10:00Z",
    )  # fmt: skip
    Article.objects.filter(pk=article.pk).update(cover_width=None, cover_height=None)
    asked = Enquiry.objects.create(
        name="Morag", email="m@example.com", treatment=prp, consent_given_at="2026-03-01T10:00Z"
    )
    unsure = Enquiry.objects.create(name="Iain", email="i@example.com", consent_given_at="2026-03-02T10:00Z")

    new_apps = migrate(latest())
    Treatment = new_apps.get_model("treatments", "Treatment")
    Article = new_apps.get_model("blog", "Article")
    Enquiry = new_apps.get_model("clinic", "Enquiry")

    prp = Treatment.objects.get(slug="prp")
    assert (prp.medical_reviewer_id, prp.reviewed_on, prp.next_review_due_on) == (
        doctor.pk,
        date(2026, 1, 5),
        date(2027, 1, 5),
    )
    assert (prp.hero_image.name, prp.hero_image_alt, prp.hero_image_width, prp.hero_image_height) == (
        hero,
        "PRP",
        640,
        360,
    )
    # values(): an instance with a missing file and no size would try to open it.
    odd = Treatment.objects.values(
        "hero_image", "hero_image_alt", "hero_image_width", "reviewed_on", "next_review_due_on"
    ).get(pk=odd.pk)
    assert odd == {
        "hero_image": "treatments/gone.png",
        "hero_image_alt": "Exosomes",
        "hero_image_width": None,
        "reviewed_on": date(2026, 3, 1),
        "next_review_due_on": None,
    }
    article = Article.objects.get(pk=article.pk)
    assert (article.cover.name, article.cover_alt, article.cover_width, article.cover_height) == (
        cover,
        "A treatment room",
        1200,
        600,
    )
    assert (article.medical_reviewer_id, article.reviewed_on, article.next_review_due_on) == (
        doctor.pk,
        date(2026, 2, 1),
        date(2027, 2, 1),
    )
    assert dict(Enquiry.objects.values_list("pk", "treatment")) == {asked.pk: "PRP", unsure.pk: ""}

    # And back: each enquiry is linked to its treatment again by name.
    old = migrate(BEFORE)
    Enquiry = old.get_model("clinic", "Enquiry")
    assert dict(Enquiry.objects.values_list("pk", "treatment_id")) == {asked.pk: prp.pk, unsure.pk: None}
