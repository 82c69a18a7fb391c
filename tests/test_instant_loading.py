"""Feature scripts load with the pages that use them, and still start when reached by instant navigation."""

import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from closer import site
from closer.pages import KINDS
from conftest import ROOT, html_pages, url_path
from playwright.sync_api import expect


class Assets(HTMLParser):
    """Collect the stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.urls.append(attrs["href"])


def assets_of(site_dir, rel):
    parser = Assets()
    parser.feed((site_dir / rel / "index.html").read_text(encoding="utf-8"))
    return parser.urls


def test_every_stylesheet_and_script_a_page_names_exists(site_dir):
    for rel in html_pages():
        for url in assets_of(site_dir, rel):
            path = urlsplit(urljoin(f"http://x/{rel}", url)).path
            assert (site_dir / path.lstrip("/")).is_file(), f"{rel}: {url} is missing"


def test_every_page_script_says_when_it_has_run():
    """closer.feature waits until every script a page names has run, so each must say so."""
    for path in sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js")):
        if path.name == "closer.js":
            continue
        text = path.read_text(encoding="utf-8")
        says = "window.closer.feature(" in text or "window.closer.scriptRan()" in text
        assert says, f"{path.name}: call window.closer.feature or window.closer.scriptRan"


def test_feature_files_load_only_where_they_are_used(site_dir):
    """Each kind of page loads the files its kind names (hooks/closer/pages.py), and no other."""

    def names(rel):
        return {u.rsplit("/", 1)[-1] for u in assets_of(site_dir, rel) if "assets/" in u}

    features = {f for kind in KINDS for f in kind.css + kind.js}
    features |= {"self-check.js", "self-check.css", "privacy.js"}
    site_wide = {"closer.css", "closer.js"}
    for page in site.generate(ROOT, ROOT / "docs"):
        kind = next(k for k in KINDS if k.name == page.kind)
        loaded = names(url_path(page.src_uri)) & (features | site_wide)
        assert loaded == set(kind.css) | set(kind.js) | site_wide, page.src_uri
    assert names("") & features == set()
    assert names("understand/signs/") & features == {"self-check.js", "self-check.css"}
    assert names("about/privacy/") & features == {"privacy.js", "offline.js"}


def arrive_by_instant_navigation(page, link_name, url_glob):
    """Click a link and check the page was swapped in place, not loaded afresh."""
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=link_name, exact=True).first.click()
    page.wait_for_url(url_glob)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument === true"), (
        "expected instant navigation, got a full load"
    )


TOUCH_CARDS = sum(
    1
    for card in yaml.safe_load((ROOT / "data/exercises.yml").read_text("utf-8"))["exercises"]
    if card["theme"] == "touch"
)


@pytest.mark.browser
def test_deck_and_print_sheet_start_after_instant_navigation(page, base_url):
    page.goto(base_url)
    arrive_by_instant_navigation(page, "See the cards", "**/cards/")
    expect(page.locator("article[data-closer-set-up~=deck]")).to_have_count(1)
    page.get_by_label("Theme").select_option("touch")
    expect(page.locator(".closer-deck__item:visible")).to_have_count(TOUCH_CARDS)
    arrive_by_instant_navigation(page, "print the deck", "**/cards/print/")
    expect(page.locator("article[data-closer-set-up~=print]")).to_have_count(1)


@pytest.mark.browser
def test_challenge_starts_after_instant_navigation_and_saves_ticks(page, base_url):
    page.goto(base_url)
    arrive_by_instant_navigation(page, "Start the challenge", "**/challenge/")
    expect(page.locator("[data-page-kind=challenge][data-challenge-ready]")).to_have_count(1)
    arrive_by_instant_navigation(page, "Start with day 1", "**/challenge/day-1/")
    expect(page.locator("[data-page-kind=day][data-challenge-ready]")).to_have_count(1)
    box = page.locator("[data-task]").first
    box.check(force=True)
    saved = page.evaluate("() => JSON.parse(localStorage.getItem('closer.challenge'))")
    task = box.get_attribute("data-task")
    assert saved["days"]["1"]["tasks"][task] is True


@pytest.mark.browser
def test_self_check_starts_after_instant_navigation(page, base_url):
    page.goto(base_url)
    arrive_by_instant_navigation(page, "Signs it has faded", "**/understand/signs/")
    expect(page.locator("[data-self-check] input[type=checkbox]").first).to_be_visible()


# After instant navigation Material runs the new page's scripts as they arrive, in any order.
LATE_SCRIPT_CASES = {
    # page reached from the home page: (link, address, a script it uses, what says it is set up)
    "challenge": (
        "Start the challenge",
        "**/challenge/",
        "challenge-state.js",
        "[data-page-kind=challenge][data-challenge-ready]",
    ),
    "deck": (
        "See the cards",
        "**/cards/",
        "favourites.js",
        "article[data-closer-set-up~=deck]",
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", LATE_SCRIPT_CASES)
def test_a_feature_waits_for_a_script_it_uses_that_arrives_last(page, base_url, case):
    link, address, late, ready = LATE_SCRIPT_CASES[case]
    # `page` runs without the service worker (conftest), whose own fetches the route would not see.

    def arrive_late(route):
        time.sleep(0.8)
        route.continue_()

    page.route(f"**/assets/javascripts/{late}", arrive_late)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url)
    arrive_by_instant_navigation(page, link, address)
    expect(page.locator(ready)).to_have_count(1)
    assert errors == []
