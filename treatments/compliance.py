"""The texts of treatments and comparisons that patients read, for the advertising-rules check."""

from django.utils.text import capfirst

from treatments.models import RICH_SECTIONS, Treatment

TREATMENT_FIELDS = [
    "name", "summary", "downtime", "results_show", "results_last", "treatment_areas",
    *RICH_SECTIONS, "hero_image_alt", "seo_title", "seo_description",
]  # fmt: skip


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def treatment_texts(treatment):
    """(label, text) pairs: every section, SEO fields, image description and each FAQ."""
    pairs = [(_label(Treatment, name), getattr(treatment, name)) for name in TREATMENT_FIELDS]
    for faq in treatment.faqs.all():
        pairs.append((f"FAQ “{faq.question[:60]}”: question", faq.question))
        pairs.append((f"FAQ “{faq.question[:60]}”: answer", faq.answer))
    return pairs


def comparison_texts(comparison):
    """(label, text) pairs: the verdict and the SEO fields."""
    return [
        (_label(type(comparison), name), getattr(comparison, name))
        for name in ("verdict", "seo_title", "seo_description")
    ]


treatment_texts.prefetch_related = ["faqs"]
