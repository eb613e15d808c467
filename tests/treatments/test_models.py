from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import ComparisonFactory, TreatmentCategoryFactory, TreatmentFactory, image_upload
from treatments.models import Treatment, comparison_url, format_minutes, format_price_from, format_sessions


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("350"), "From £350"),
        (Decimal("350.00"), "From £350"),
        (Decimal("1250"), "From £1,250"),
        (Decimal("89.5"), "From £89.50"),
        (Decimal("0"), "From £0"),
        (None, ""),
    ],
)
def test_price_is_shown_from_in_pounds(amount, expected):
    assert format_price_from(amount) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(45, "45 minutes"), (1, "1 minute"), (60, "1 hour"), (90, "1 hour 30 minutes"), (120, "2 hours"), (None, "")],
)
def test_session_length_reads_naturally(minutes, expected):
    assert format_minutes(minutes) == expected


@pytest.mark.parametrize(("count", "expected"), [(3, "3 sessions"), (1, "1 session"), (None, "")])
def test_course_length_is_counted_in_sessions(count, expected):
    assert format_sessions(count) == expected


def test_facts_list_every_row_in_a_fixed_order_for_comparison_tables():
    treatment = Treatment(price_from=Decimal("350"), session_minutes=45, sessions_in_course=3, treatment_areas="")
    labels = [label for label, _ in treatment.facts()]
    assert labels == [
        "Price", "Session length", "Course", "Downtime", "Results show", "Results last", "Treatment areas",
    ]  # fmt: skip
    assert treatment.known_facts() == [
        ("Price", "From £350"), ("Session length", "45 minutes"), ("Course", "3 sessions"),
    ]  # fmt: skip


@pytest.mark.django_db
def test_publishing_without_risks_fails_validation_with_a_message_for_the_editor():
    treatment = TreatmentFactory.build(is_published=True, risks="<p> </p>")
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "risks and side effects before publishing" in str(error.value.message_dict["risks"])


@pytest.mark.django_db
def test_database_refuses_a_published_treatment_without_risks():
    with pytest.raises(IntegrityError):
        TreatmentFactory(is_published=True, risks="")


@pytest.mark.django_db
def test_draft_treatment_may_be_saved_without_risks():
    assert TreatmentFactory(is_published=False, risks="").pk


@pytest.mark.django_db
def test_compare_is_reserved_as_a_treatment_address():
    treatment = TreatmentFactory.build(slug="compare")
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_hero_image_needs_a_description():
    treatment = TreatmentFactory.build(
        category=TreatmentCategoryFactory(), hero_image=image_upload(), hero_image_alt=""
    )
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "Describe the hero image" in str(error.value.message_dict["hero_image_alt"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"hero_image": "treatments/x.jpg", "hero_image_alt": ""},
        {"medical_reviewer": None, "reviewed_on": date(2026, 5, 1), "next_review_due_on": date(2026, 4, 1)},
    ],
    ids=["image without description", "next review before the review"],
)
def test_the_database_refuses_what_it_refuses_for_articles(values):
    treatment = TreatmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Treatment.objects.filter(pk=treatment.pk).update(**values)


@pytest.mark.django_db
def test_published_and_featured_querysets_hide_drafts():
    live = TreatmentFactory(is_featured=True)
    TreatmentFactory(is_published=False, is_featured=True)
    TreatmentFactory(is_featured=False)
    assert list(Treatment.objects.featured()) == [live]
    assert Treatment.objects.published().count() == 2


@pytest.mark.django_db
def test_a_pair_has_one_comparison_whichever_way_round_it_is_entered():
    comparison = ComparisonFactory()
    with pytest.raises(IntegrityError):
        ComparisonFactory(treatment_a=comparison.treatment_b, treatment_b=comparison.treatment_a)


@pytest.mark.django_db
def test_a_treatment_cannot_be_compared_with_itself():
    treatment = TreatmentFactory()
    with pytest.raises(IntegrityError):
        ComparisonFactory(treatment_a=treatment, treatment_b=treatment)


@pytest.mark.django_db
def test_comparison_url_is_the_same_in_either_order():
    a, b = TreatmentFactory(slug="prp"), TreatmentFactory(slug="exosomes")
    assert comparison_url(a, b) == comparison_url(b, a) == "/treatments/compare/exosomes-vs-prp/"
