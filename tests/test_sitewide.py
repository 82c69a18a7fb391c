"""Every page of the site: read without JavaScript, and visited once in a browser.

Every page is checked for what can differ from page to page (its text without JavaScript, its
requests, its policy, its scripts). axe runs on every hand-written page and on one page of each
kind the data makes: the other cards and days are the same template with other words, and the
words are checked statically (test_escaping, test_reading_grade).
"""

import shutil

import pytest
import sitecheck
from closer import site
from conftest import ROOT, html_pages, url_path


def pages_that_differ() -> set[str]:
    """Every hand-written page, and the first page of each kind the data makes."""
    docs = ROOT / "docs"
    pages = {url_path(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    first_of_kind = {}
    for page in site.generate(ROOT, docs):
        first_of_kind.setdefault(page.kind, url_path(page.src_uri))
    return pages | set(first_of_kind.values())


AXE_PAGES = pages_that_differ()


def test_page_reads_without_javascript(site_dir, site_path):
    html = (site_dir / site_path / "index.html").read_text("utf-8")
    assert sitecheck.nojs_problems(html) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", sorted(AXE_PAGES))
def test_page_that_differs_in_a_browser(page, base_url, path):
    assert sitecheck.visit(page, base_url + path, axe=True) == []


CHUNKS = 4


@pytest.mark.browser
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_loads_with_nothing_blocked_or_thrown(page, base_url, chunk):
    # One tab through a quarter of the pages: the pages of a kind share their scripts and
    # requests, which the test above follows until the network is quiet.
    visitor = sitecheck.Visitor(page)
    problems = {}
    for path in html_pages()[chunk::CHUNKS]:
        found = visitor.visit(base_url + path, settle=False)
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.browser
def test_search_dialog_has_a_name(page, base_url):
    page.goto(base_url)
    assert page.get_by_role("dialog", name="Search", include_hidden=True).count() == 1


# Dark mode and a phone-sized screen, on one page of each kind (the palette is site-wide).
DARK_PAGES = [
    "",
    "understand/signs/",
    "about/privacy/",
    "cards/",
    "cards/turn-toward-bids/",
    "cards/print/",
    "challenge/",
    "challenge/day-2/",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", DARK_PAGES)
def test_page_kind_has_no_axe_violations_in_dark_mode_on_a_phone(new_context, base_url, path):
    page = new_context(color_scheme="dark", viewport={"width": 390, "height": 844}).new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert sitecheck.axe_violations(page) == []


# The checks must catch what they are for: each one, on a page broken on purpose.


@pytest.fixture(scope="module")
def broken_site(site_dir, tmp_path_factory):
    """A copy of the built site with pages broken on purpose; yield its URL."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(site_dir, root, dirs_exist_ok=True)
    page = (root / "about" / "index.html").read_text(encoding="utf-8")
    breaks = {
        "outside-image": '<img src="http://example.invalid/x.png" alt="A photo">',
        "unlabelled-input": '<input type="text" name="secret">',
        "thrown-error": '<script src="/__closer_test/throws.js"></script>',
    }
    for name, extra in breaks.items():
        (root / name).mkdir()
        (root / name / "index.html").write_text(page.replace("</article>", extra + "</article>", 1))
    with sitecheck.serve(root) as url:
        yield root, url


@pytest.mark.browser
def test_browser_check_catches_an_unlabelled_form_control(page, broken_site):
    found = sitecheck.visit(page, broken_site[1] + "unlabelled-input/", axe=True)
    assert any(v.startswith("label:") for v in found), found


@pytest.mark.browser
def test_browser_check_catches_an_image_from_another_origin(page, broken_site):
    found = sitecheck.visit(page, broken_site[1] + "outside-image/")
    assert "policy violation: img-src http://example.invalid/x.png" in found, found


@pytest.mark.browser
def test_browser_check_catches_a_script_error(page, broken_site):
    found = sitecheck.visit(page, broken_site[1] + "thrown-error/")
    assert "script error: thrown on purpose" in found, found


def test_nojs_check_catches_text_that_only_a_script_or_a_hidden_block_shows(broken_site):
    html = (broken_site[0] / "about" / "index.html").read_text("utf-8")
    start, end = html.index("<article"), html.index("</article>")
    heading = '<article class="md-content__inner"><h1>About</h1>'
    for body in ("<div id='later'></div>", f"<p hidden>{'Hidden words. ' * 20}</p>"):
        assert sitecheck.nojs_problems(html[:start] + heading + body + html[end:]) != []
    assert sitecheck.nojs_problems(html) == []
