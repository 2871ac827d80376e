import pytest

from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.pages.factories import StandardPageFactory
from newsdesk.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def test_standard_pages_nest_under_home_and_each_other_only(home):
    assert StandardPage.can_create_at(home)
    about = StandardPageFactory(title="About")
    assert StandardPage.can_create_at(about)
    assert not ArticlePage.can_create_at(about) and not SectionPage.can_create_at(about)
    assert not StandardPage.can_create_at(SectionPage.get_default())
    assert HomePage.objects.get().get_children().filter(slug="about").exists()


def test_standard_page_renders_its_body(client):
    about = StandardPageFactory(
        title="About the Gazette",
        slug="about",
        body=[("subheading", "History"), ("paragraph", "<p>Founded in <b>1901</b>.</p>")],
    )
    staff = StandardPageFactory(parent=about, title="Staff")
    html = client.get("/about/").content.decode()
    assert "<h1" in html and "About the Gazette" in html
    assert "History" in html and "Founded in <b>1901</b>." in html
    assert client.get(staff.url).status_code == 200
