"""The quick exit: a tap, or Escape twice, leaves for a neutral site and takes the page out of the
tab's history; without JavaScript it is a plain link that still leaves."""

import re
import time

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

NEUTRAL = re.search(r"^\s*quick_exit:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
SAFETY = "help/safety/"


def stand_in_for_the_neutral_site(page):
    """Answer for the neutral site here: the tests reach no other origin."""
    page.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(content_type="text/html", body="<title>Elsewhere</title>"),
    )


@pytest.mark.parametrize("how", ["escape twice", "safety line", "safety page button"])
def test_quick_exit_leaves_and_back_does_not_return(page, base_url, how):
    stand_in_for_the_neutral_site(page)
    page.goto(base_url)
    page.goto(base_url + SAFETY)
    page.wait_for_function("() => !!window.closer")
    if how == "escape twice":
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    elif how == "safety line":
        line = page.locator(".closer-safety-line")
        line.get_by_role("link", name="Leave this site quickly").click()
    else:
        page.get_by_role("link", name="Leave this site now").click()
    page.wait_for_url(NEUTRAL + "**")
    # The safety page was replaced in the tab's history: Back goes to the page before it.
    page.go_back()
    assert page.url == base_url


def test_one_escape_or_two_far_apart_stay(page, base_url):
    stand_in_for_the_neutral_site(page)
    page.goto(base_url + SAFETY)
    page.wait_for_function("() => !!window.closer")
    page.keyboard.press("Escape")
    time.sleep(1.2)
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    assert page.url == base_url + SAFETY
    # The same page does leave on the next Escape, within a second of the last one.
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL + "**")


def test_without_javascript_the_quick_exit_is_a_plain_link_that_leaves(nojs_page, base_url):
    stand_in_for_the_neutral_site(nojs_page)
    nojs_page.goto(base_url + SAFETY)
    nojs_page.get_by_role("link", name="Leave this site now").click()
    nojs_page.wait_for_url(NEUTRAL + "**")
    assert nojs_page.title() == "Elsewhere"
