"""What site search reads from the treatments (registered in TreatmentsConfig.ready())."""

from clinic.search import SearchSource
from treatments.models import RICH_SECTIONS, Treatment

# As the trigger of migration treatments 0007 weights them into ``search_document``: the
# synonyms ("also known as") count as much as the name.
TREATMENT_FIELDS = (
    ("name", "A"),
    ("summary", "B"),
    ("search_synonyms", "A"),
    *((section, "C") for section in RICH_SECTIONS),
)

treatments = SearchSource(
    kind="Treatment",
    model=Treatment,
    fields=TREATMENT_FIELDS,
    snippet_field="overview",
    # A treatment's own page comes before the articles that mention its name.
    title_boost=1.0,
    similar_fields=("search_synonyms",),
)
