"""The old WordPress site's addresses that can't be stored one by one as Redirect rows.

The import stores a Redirect for every address it can list (each post's ``<link>``,
``?p=``, dated permalinks, renamed slugs, categories, uploads). What remains are forms
WordPress answered for any value or suffix: date archives, feeds, pagination, search,
sitemaps, ``/index.php/…``, ``/embed/`` and ``/comment-page-N/`` after a post, and the
query-string forms (``?cat=``, ``?m=``, ``?s=``…). ``resolve`` maps them to this site's
page; clinic's 404 fallback calls it through ``legacy_address_resolvers``.
"""

import re
from urllib.parse import urlencode

from django.urls import reverse

from blog.models import WordPressItem
from clinic.models import Practitioner, Redirect

DATE_ARCHIVE_RE = re.compile(r"^/(\d{4})/(?:(\d{1,2})/(?:(\d{1,2})/)?)?$")
SUFFIX_RE = re.compile(
    r"^(?P<base>/.*?/)(?P<suffix>embed|trackback|amp|comment-page-\d+|page/\d+|\d+|attachment/[^/]+"
    r"|feed(?:/(?:rss|rss2|atom|rdf))?|(?:rss|rss2|atom|rdf))/?$"
)
SITEMAP_RE = re.compile(r"^/(?:wp-sitemap.*|sitemap_index|[\w-]*-?sitemap\d*)\.xml$")
SIZED_UPLOAD_RE = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+$)")
SITE_FEEDS = {"/feed/", "/rss/", "/rss2/", "/atom/", "/rdf/", "/comments/feed/", "/feed/rss/", "/feed/rss2/"}


def _stored(path):
    """The target of a stored Redirect for ``path`` (with or without its trailing slash)."""
    candidates = [path, path + "/"] if not path.endswith("/") and "?" not in path else [path]
    return Redirect.objects.filter(old_path__in=candidates).values_list("new_path", flat=True).first()


def _feed(kind=""):
    return reverse("blog:feed_atom" if "atom" in kind else "blog:feed_rss")


def _month(year, month):
    if not 1 <= int(month) <= 12:
        return reverse("blog:article_list")
    return reverse("blog:article_archive_month", kwargs={"year": year, "month": f"{int(month):02d}"})


def _search(terms):
    return f"{reverse('clinic:search')}?{urlencode({'q': terms})}"


def _blog_page(number):
    number = int(number)
    base = reverse("blog:article_list")
    return f"{base}?page={number}" if number > 1 else base


def _author(wordpress_id):
    item = WordPressItem.objects.filter(kind="author", wordpress_id=wordpress_id).first()
    practitioner = Practitioner.objects.active().filter(pk=item.object_id).first() if item else None
    return practitioner.get_absolute_url() if practitioner else reverse("blog:article_list")


def _from_query(params):
    """WordPress's query-string addresses on its front page (``/?p=1``, ``/?cat=3``…)."""
    for key in ("p", "page_id", "attachment_id", "cat", "tag_id"):
        value = params.get(key, "")
        if value.isdigit():
            return _stored(f"/?{key}={int(value)}") or reverse("blog:article_list")
    if params.get("name") or params.get("pagename"):
        slug = (params.get("name") or params.get("pagename")).strip("/")
        return _stored(f"/{slug}/")
    if params.get("tag"):
        return _stored(f"/tag/{params['tag'].split(',')[0]}/") or reverse("blog:article_list")
    if params.get("category_name"):
        return _stored(f"/category/{params['category_name'].strip('/')}/") or reverse("blog:article_list")
    if "s" in params:
        return _search(params["s"])
    if "feed" in params:
        return _feed(params["feed"])
    if params.get("m", "").isdigit():
        m = params["m"]
        return _month(m[:4], m[4:6]) if len(m) >= 6 else reverse("blog:article_list")
    if params.get("author", "").isdigit():
        return _author(int(params["author"]))
    if params.get("paged", "").isdigit():
        return _blog_page(params["paged"])
    if params.get("year", "").isdigit():
        return (
            _month(params["year"], params["monthnum"])
            if params.get("monthnum", "").isdigit()
            else reverse("blog:article_list")
        )
    return None


def resolve(path, query):
    """This site's address for an old WordPress address, or None if it isn't one.

    ``path`` is the decoded path, ``query`` a list of (name, value) pairs with tracking
    parameters already removed. Stored Redirects were tried before this is called.
    """
    params = dict(query)
    if "//" in path:
        # WordPress served (and exported links with) doubled slashes.
        collapsed = re.sub(r"/{2,}", "/", path)
        return _stored(collapsed) or resolve(collapsed, query)
    if path in ("/", "/index.php"):
        return _from_query(params) if params else (reverse("blog:article_list") if path != "/" else None)
    if path.startswith("/index.php/"):
        rest = path.removeprefix("/index.php")
        return _stored(rest) or resolve(rest, query) or rest
    if path in SITE_FEEDS or path.startswith("/feed/"):
        return _feed(path)
    if SITEMAP_RE.match(path):
        return reverse("sitemap")
    if path.startswith("/wp-content/uploads/"):
        original = SIZED_UPLOAD_RE.sub("", path)
        return _stored(original) if original != path else None
    if match := re.match(r"^/search/(.+?)/?$", path):
        return _search(match.group(1).replace("+", " "))
    if match := re.match(r"^/page/(\d+)/?$", path):
        return _blog_page(match.group(1))
    if match := re.match(r"^/author/([^/]+)/?$", path):
        return reverse("blog:article_list")
    if match := DATE_ARCHIVE_RE.match(path if path.endswith("/") else path + "/"):
        year, month, _day = match.groups()
        return _month(year, month) if month else reverse("blog:article_list")
    if re.match(r"^/type/[\w-]+/?$", path):
        return reverse("blog:article_list")
    if match := SUFFIX_RE.match(path if path.endswith("/") else path + "/"):
        base = match.group("base")
        if base == "/":
            return None
        return _stored(base) or resolve(base, query)
    if not path.endswith("/"):
        return _stored(path)
    return None
