"""What site search reads from the treatments (registered in TreatmentsConfig.ready())."""

from clinic.search import SearchSource
from treatments.models import RICH_SECTIONS, Treatment

# The GIN index of migration clinic 0007 is built on this same weighted expression.
TREATMENT_FIELDS = (("name", "A"), ("summary", "B"), *((section, "C") for section in RICH_SECTIONS))

treatments = SearchSource(kind="Treatment", model=Treatment, fields=TREATMENT_FIELDS, snippet_field="overview")
