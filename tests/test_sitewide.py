"""Every page read without JavaScript; in a browser, the pages that differ from the rest.

Every page is checked statically for what can differ from page to page: its text without
JavaScript (here), what it loads and from where (test_build), its policy (test_policy), its markup
(test_markup) and its words (test_escaping, test_reading_grade). The browser checks (axe and
HTML_CodeSniffer, requests off the site, policy violations and script errors once the network is
quiet) run on the fewest
pages that between them hold every kind of element the site's pages use (pages_that_differ), and
tests/test_engines.py opens one page of each kind in three engines: the other cards and days are
the same template and scripts with other words.
"""

import json
import shutil
import urllib.request
from html.parser import HTMLParser

import pytest
import sitecheck
from conftest import html_pages


class Markup(HTMLParser):
    """What a page's <article> is made of: each element with its classes, role, type and aria."""

    def __init__(self, html: str):
        super().__init__()
        self.parts, self.depth = set(), 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        self.parts.add(tag)
        for token in (attrs.get("class") or "").split():
            self.parts.add(f"{tag}.{token}")
        for name in ("role", "type"):
            if attrs.get(name):
                self.parts.add(f"{tag}[{name}={attrs[name]}]")
        self.parts.update(f"{tag}[{name}]" for name in attrs if name.startswith("aria-"))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def pages_that_differ(site_dir) -> list[str]:
    """The fewest pages whose articles, together, hold every kind of element the site uses.

    A page joins when it has something no page chosen so far has, so any new construct on any
    page (a table, a form, a widget) brings that page into the browser checks.
    """
    parts = {
        path: Markup((site_dir / path / "index.html").read_text("utf-8")).parts
        for path in html_pages()
    }
    chosen, covered = [], set()
    while True:
        path = max(parts, key=lambda p: (len(parts[p] - covered), p == ""))
        if not parts[path] - covered:
            return sorted(chosen)
        chosen.append(path)
        covered |= parts[path]


def test_page_reads_without_javascript(site_dir, site_path):
    html = (site_dir / site_path / "index.html").read_text("utf-8")
    assert sitecheck.nojs_problems(html) == []


CHUNKS = 4


@pytest.mark.browser
@pytest.mark.search_index
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_pages_that_differ_pass_axe_and_settle_with_nothing_off_the_site(
    page, site_dir, base_url, chunk
):
    visitor = sitecheck.Visitor(page)
    problems = {}
    for path in pages_that_differ(site_dir)[chunk::CHUNKS]:
        found = visitor.visit(base_url + path, accessibility=True)
        if found:
            problems[path] = found
    assert problems == {}


def search_index_as_served(base_url) -> dict:
    """The search index as the test server sends it now."""
    with urllib.request.urlopen(base_url + "search/search_index.json") as response:
        return json.load(response)


@pytest.mark.search_index
def test_tests_marked_search_index_get_the_whole_index(base_url, site_dir):
    whole = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert len(whole["docs"]) > 100 and search_index_as_served(base_url) == whole


def test_other_tests_get_an_index_with_the_same_settings_and_no_pages(base_url, site_dir):
    whole = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert search_index_as_served(base_url) == {"config": whole["config"], "docs": []}


@pytest.mark.browser
def test_search_dialog_has_a_name(page, base_url):
    page.goto(base_url)
    assert page.get_by_role("dialog", name="Search", include_hidden=True).count() == 1


# Dark mode and a phone-sized screen, on one page of each kind (the palette is site-wide).
DARK_PAGES = [
    "",
    "understand/signs/",
    "cards/",
    "cards/print/",
    "questions/",
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
    found = sitecheck.visit(page, broken_site[1] + "unlabelled-input/", accessibility=True)
    assert any(v.startswith("label:") for v in found), found  # axe
    codesniffer = [v for v in found if v.startswith("HTML_CodeSniffer:")]
    assert any(code in v for v in codesniffer for code in ("F68", "H44", "H65")), found


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
