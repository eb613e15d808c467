"""Rich text is sanitised once, on write, whatever path it arrives by."""

import pytest

from clinic.models import Page
from clinic.sanitise import sanitise_html
from tests.factories import PageFactory

HOSTILE = [
    ('<p>Hi</p><script>alert("x")</script>', "<p>Hi</p>"),
    ('<img src="x.png" alt="a" onerror="alert(1)">', '<img src="x.png" alt="a">'),
    ('<a href="javascript:alert(1)">click</a>', '<a rel="noopener">click</a>'),
    ('<p style="position:fixed">styled</p>', "<p>styled</p>"),
    ('<iframe src="https://evil.example"></iframe><p>after</p>', "<p>after</p>"),
    ("<h1>Second heading one</h1>", "Second heading one"),
    ("<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>"),
    ('<form action="/x"><input name="a"></form>', ""),
    ("<p>a<!-- hidden note --></p>", "<p>a</p>"),
    (
        '<a href="https://nhs.uk" onclick="x()" target="_blank">NHS</a>',
        '<a href="https://nhs.uk" rel="noopener">NHS</a>',
    ),
]


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE)
def test_sanitiser_strips_hostile_html(dirty, clean):
    assert sanitise_html(dirty) == clean


def test_sanitiser_keeps_the_editors_formatting():
    html = (
        '<h2>Heading</h2><h3>Sub</h3><p><strong>bold</strong> <em>it</em> <a href="https://a.example/">link</a></p>'
        '<ul><li>one</li></ul><ol start="2"><li>two</li></ol><blockquote><p>q</p></blockquote>'
        '<figure><img src="/media/uploads/a.jpg" alt="Skin" width="800" height="600"><figcaption>c</figcaption></figure>'
        '<table><caption>t</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
    )
    assert sanitise_html(html) == html.replace('href="https://a.example/"', 'href="https://a.example/" rel="noopener"')


def test_rich_text_is_sanitised_when_saved_from_code(db):
    page = PageFactory(body='<p onclick="steal()">Prices</p><script>steal()</script>')
    page.refresh_from_db()
    assert page.body == "<p>Prices</p>"


def test_rich_text_is_sanitised_in_bulk_create(db):
    Page.objects.bulk_create([Page(title="Bulk", slug="bulk", body="<p>ok</p><script>x</script>")])
    assert Page.objects.get(slug="bulk").body == "<p>ok</p>"


def test_rich_text_posted_through_the_admin_is_sanitised(admin_client):
    response = admin_client.post(
        "/admin/clinic/page/add/",
        {
            "title": "Aftercare",
            "slug": "aftercare",
            "body": '<h2>Day one</h2><p>Keep it clean.</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="aftercare")
    assert page.body == '<h2>Day one</h2><p>Keep it clean.</p><img src="x">'
    public = admin_client.get("/aftercare/").content.decode()
    assert "alert" not in public
    assert "<h2>Day one</h2>" in public
