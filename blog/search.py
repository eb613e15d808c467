"""What site search reads from the blog (registered in BlogConfig.ready())."""

from blog.models import Article
from clinic.search import SearchSource

# The GIN index of migration clinic 0007 is built on this same weighted expression.
ARTICLE_FIELDS = (("title", "A"), ("excerpt", "B"), ("body", "C"))

articles = SearchSource(
    kind="Article",
    model=Article,
    fields=ARTICLE_FIELDS,
    snippet_field="body",
    tie_break=("-published_at",),
)
