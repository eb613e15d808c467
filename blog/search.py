"""What site search reads from the blog (registered in BlogConfig.ready())."""

from blog.models import Article
from clinic.search import SearchSource

# As the trigger of migration blog 0013 weights them into ``search_document``.
ARTICLE_FIELDS = (("title", "A"), ("excerpt", "B"), ("body", "C"))

articles = SearchSource(
    kind="Article",
    model=Article,
    fields=ARTICLE_FIELDS,
    snippet_field="body",
    tie_break=("-published_at",),
)
