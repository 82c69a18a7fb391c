"""Feature scripts load with the pages that use them, and still start when reached by instant navigation."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import html_pages
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


def test_feature_files_load_only_where_they_are_used(site_dir):
    def names(rel):
        return {
            re.sub(r".*/", "", u)
            for u in assets_of(site_dir, rel)
            if "closer" in u or "assets/" in u
        }

    assert not names("") & {
        "deck.js",
        "challenge.js",
        "print.js",
        "self-check.js",
        "cards.css",
        "print.css",
        "challenge.css",
    }
    assert {"deck.js", "print.js", "print.css"} <= names("cards/print/")
    assert {"challenge.js", "challenge.css"} <= names("challenge/day-3/")
    assert {"self-check.js", "self-check.css"} <= names("understand/signs/")


def arrive_by_instant_navigation(page, link_name, url_glob):
    """Click a link and check the page was swapped in place, not loaded afresh."""
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=link_name, exact=True).first.click()
    page.wait_for_url(url_glob)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument === true"), (
        "expected instant navigation, got a full load"
    )


@pytest.mark.browser
def test_deck_and_print_sheet_start_after_instant_navigation(page, base_url):
    page.goto(base_url)
    arrive_by_instant_navigation(page, "See the cards", "**/cards/")
    expect(page.locator("[data-deck-filters]")).to_be_visible()
    page.get_by_label("Theme").select_option("touch")
    expect(page.locator(".closer-deck__item:visible")).to_have_count(2)
    arrive_by_instant_navigation(page, "print the deck", "**/cards/print/")
    expect(page.locator("[data-print-controls]")).to_be_visible()


@pytest.mark.browser
def test_challenge_starts_after_instant_navigation_and_saves_ticks(page, base_url):
    page.goto(base_url)
    arrive_by_instant_navigation(page, "Start the challenge", "**/challenge/")
    expect(page.locator("[data-challenge-settings]")).to_be_visible()
    arrive_by_instant_navigation(page, "Start with day 1", "**/challenge/day-1/")
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
