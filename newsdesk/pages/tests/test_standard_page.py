import pytest

from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def test_standard_pages_nest_under_home_and_each_other_only(home):
    assert StandardPage.can_create_at(home)
    about = home.add_child(instance=StandardPage(title="About", slug="about"))
    assert StandardPage.can_create_at(about)
    assert not ArticlePage.can_create_at(about) and not SectionPage.can_create_at(about)
    assert not StandardPage.can_create_at(SectionPage.get_default())
    assert HomePage.objects.get().get_children().filter(slug="about").exists()


def test_standard_page_renders_its_body(home, client):
    about = StandardPage(
        title="About the Gazette",
        slug="about",
        body=[("subheading", "History"), ("paragraph", "<p>Founded in <b>1901</b>.</p>")],
    )
    home.add_child(instance=about)
    staff = about.add_child(instance=StandardPage(title="Staff", slug="staff"))
    html = client.get("/about/").content.decode()
    assert "<h1" in html and "About the Gazette" in html
    assert "History" in html and "Founded in <b>1901</b>." in html
    assert client.get(staff.url).status_code == 200
