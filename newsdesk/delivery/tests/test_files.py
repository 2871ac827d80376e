"""Files through a real `newsdesk serve`: nothing private under /media/ by any URL, public
image files with validators, and the pages' security headers on static and media answers."""

import http.client
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

from newsdesk.security.factories import SuperuserFactory
from newsdesk.testing import running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET = b"Board minutes: the merger is off."
SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
)


def get(base: str, path: str, headers: dict | None = None, method: str = "GET"):
    """One request with `path` sent exactly as written (no normalising by the client)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(method, path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()  # names in any case
    finally:
        connection.close()


def spellings(name: str) -> list[str]:
    """Every URL we could think of that might reach MEDIA_ROOT/name."""
    folder, _, file = name.partition("/")
    return [
        f"/media/{name}",
        f"/media//{name}",
        f"/media/./{name}",
        f"/media/images/../{name}",
        f"/media/original_images/../{name}",
        f"/media/x/%2e%2e/{name}",
        f"/media/{folder}%2F{file}",
        f"/media/%{ord(folder[0]):02x}{folder[1:]}/{file}",
        f"/media/{folder.upper()}/{file}",
        f"/media/{name}/",
        f"/media/{name}%00",
        f"/media/{name}?download=1",
        f"/media/{folder}%5C{file}",
        f"/static/../media/{name}",
        f"/media/../media/{name}",
    ]


def private_collection(name: str = "Board") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def document_in(collection, title: str):
    return get_document_model().objects.create(
        title=title, file=ContentFile(SECRET, name=f"{title}.txt"), collection=collection
    )


def editor_cookie() -> str:
    client = Client()
    client.force_login(SuperuserFactory())  # a session row the server reads
    return f"sessionid={client.cookies['sessionid'].value}"


def test_no_private_file_reaches_an_anonymous_reader():
    board = private_collection()
    secret_doc = document_in(board, "minutes")
    public_doc = document_in(Collection.get_first_root_node(), "timetable")
    # A sub-collection inherits the restriction of the one above it.
    secret_image = ImageFactory(title="Leaked plan", collection=board.add_child(name="Plans"))
    secret_rendition = secret_image.get_rendition("fill-80x60")
    public_image = ImageFactory(title="Harbour at dawn")
    public_rendition = public_image.get_rendition("fill-80x60")
    cookie = editor_cookie()

    with running_server(workers=1) as base:
        for name in (
            secret_doc.file.name,
            public_doc.file.name,
            secret_image.file.name,
            secret_rendition.file.name,
        ):
            for url in spellings(name):
                for method in ("GET", "HEAD"):
                    status, _, body = get(base, url, method=method)
                    assert status in (301, 302, 400, 404), (method, url, status)
                    assert SECRET not in body
        # Wagtail's document view keeps the collection's rule: login for one, open for the other.
        status, headers, _ = get(base, secret_doc.url)
        assert status == 302 and "/login/" in headers["Location"]
        assert get(base, public_doc.url)[0] == 200

        for public in (public_image.file.name, public_rendition.file.name):
            status, headers, body = get(base, f"/media/{public}")
            assert status == 200 and body and headers["Content-Type"] == "image/jpeg"

        # An editor's session opens the private image's files (through Django) and the
        # document through Wagtail; /media/documents/ stays shut even then.
        as_editor = {"Cookie": cookie}
        for private in (secret_image.file.name, secret_rendition.file.name):
            status, headers, body = get(base, f"/media/{private}", as_editor)
            assert status == 200 and body, private
            assert "private" in headers["Cache-Control"]
            assert headers.get_all("X-Frame-Options") == ["DENY"]  # Django's, not twice
        assert get(base, secret_doc.url, as_editor)[2] == SECRET
        assert get(base, f"/media/{secret_doc.file.name}", as_editor)[0] == 404


def test_restricting_a_collection_hides_its_images_at_once():
    collection = Collection.get_first_root_node().add_child(name="Features")
    image = ImageFactory(title="Lighthouse", collection=collection)
    url = f"/media/{image.get_rendition('fill-80x60').file.name}"
    with running_server(workers=1) as base:
        assert get(base, url)[0] == 200
        assert get(base, url)[0] == 200  # now remembered by the worker
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        assert get(base, url)[0] == 404
        CollectionViewRestriction.objects.filter(collection=collection).delete()
        assert get(base, url)[0] == 200


def test_public_media_answers_conditional_requests():
    url = f"/media/{ImageFactory(title='Quay').get_rendition('fill-80x60').file.name}"
    with running_server(workers=1) as base:
        status, headers, body = get(base, url)
        assert status == 200 and int(headers["Content-Length"]) == len(body)
        assert headers["Cache-Control"] == "max-age=3600, public"
        status, _, body = get(base, url, {"If-None-Match": headers["ETag"]})
        assert (status, body) == (304, b"")
        status, _, _ = get(base, url, {"If-Modified-Since": headers["Last-Modified"]})
        assert status == 304
        assert get(base, url, {"If-None-Match": '"other"'})[0] == 200


def csp_directives(value: str) -> set[str]:
    return {directive.strip() for directive in value.split(";") if directive.strip()}


def assert_same_security_headers(page: dict, answer: dict, what: str) -> None:
    for name in SECURITY_HEADERS:
        assert name in page, f"the page lacks {name}"
        assert name in answer, f"{what} lacks {name}"
        assert len(answer.get_all(name)) == 1, f"{what} has {name} twice"
        if name == "Content-Security-Policy":
            assert csp_directives(answer[name]) == csp_directives(page[name]), what
        else:
            assert answer[name] == page[name], (what, name)


@pytest.fixture
def static_root():
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-static-"))
    source = Path(__file__).resolve().parents[2] / "static" / "newsdesk" / "css" / "site.css"
    (folder / "newsdesk" / "css").mkdir(parents=True)
    shutil.copy(source, folder / "newsdesk" / "css" / "site.css")
    yield folder
    shutil.rmtree(folder)


def test_static_and_media_answers_carry_the_pages_security_headers(static_root):
    media = f"/media/{ImageFactory(title='Pier').get_rendition('fill-80x60').file.name}"
    with running_server(workers=1, env={"STATIC_ROOT": str(static_root)}) as base:
        page = get(base, "/")[1]
        css = "/static/newsdesk/css/site.css"
        static = get(base, css)
        assert static[0] == 200 and b"{" in static[2]
        assert_same_security_headers(page, static[1], "a static file")
        assert_same_security_headers(page, get(base, media)[1], "a media file")
        assert_same_security_headers(page, get(base, "/media/nothing.jpg")[1], "a media 404")
        status, _, body = get(base, css, {"If-None-Match": static[1]["ETag"]})
        assert (status, body) == (304, b"")
