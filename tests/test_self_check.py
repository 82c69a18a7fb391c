"""The private self-check on "Signs it has faded": ticks show matching reflections, nothing is stored."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "understand/signs/"
GROUPS = ["talk", "life", "touch", "conflict", "feel", "future"]
# The 21 SIGN items of the content brief, as 22 list items (SIGN-04 has two sides: you and your partner).
SIGN_COUNT = 22

TALK_SIGN = "Most of your talk is about plans, chores and bills"
CONFLICT_SIGN = "You snap at each other more, or argue often"
FEEL_SIGN = "Some days your partner feels like a stranger"


# Records every write to localStorage, sessionStorage and document.cookie, from the first script on.
WATCH_WRITES = """
(() => {
  const writes = [];
  window.__closerWrites = writes;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    writes.push((this === window.sessionStorage ? "session:" : "local:") + key);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(value) { writes.push("cookie:" + value); cookie.set.call(this, value); },
  });
})();
"""


def lasting_writes(page):
    """Storage and cookie writes, leaving out two that are not the check's and keep nothing about you.

    Material saves its colour scheme under '<path>.__palette' on every load; the site's storage
    module tests that storage works by writing 'closer.probe' and removing it at once.
    """
    writes = page.evaluate("() => window.__closerWrites")
    return [
        w
        for w in writes
        if not (w.startswith("local:") and w.endswith(".__palette")) and w != "local:closer.probe"
    ]


def reflection(page, group):
    return page.locator(f'[data-self-check] [data-reflection="{group}"]')


def open_check(page, base_url):
    page.goto(base_url + PAGE, wait_until="load")
    expect(page.locator("[data-self-check][data-self-check-ready]")).to_have_count(1)


def expect_only_visible(page, visible):
    for group in [*GROUPS, "none"]:
        if group in visible:
            expect(reflection(page, group)).to_be_visible()
        else:
            expect(reflection(page, group)).to_be_hidden()


def test_ticks_show_matching_reflections_and_store_nothing(page, context, base_url):
    page.add_init_script(WATCH_WRITES)
    open_check(page, base_url)
    # Material saves its colour scheme in localStorage on every load (the theme, not the check).
    # Start from empty storage, so whatever the check might save afterwards would show.
    page.evaluate("() => localStorage.clear()")

    # Every sign became a real, labelled checkbox inside its list item.
    items = page.locator("[data-self-check] [data-group] li")
    boxes = page.locator('[data-self-check] input[type="checkbox"]')
    expect(items).to_have_count(SIGN_COUNT)
    expect(boxes).to_have_count(SIGN_COUNT)
    expect(page.get_by_role("checkbox")).to_have_count(SIGN_COUNT)
    for i in range(SIGN_COUNT):
        expect(items.nth(i).locator('input[type="checkbox"]')).to_have_count(1)
        box_id = boxes.nth(i).get_attribute("id")
        expect(page.locator(f'label[for="{box_id}"]')).not_to_be_empty()

    # The reflections sit in a polite live region; with nothing ticked, only the general message shows.
    expect(page.locator("[data-self-check] [data-reflections]")).to_have_attribute(
        "aria-live", "polite"
    )
    expect_only_visible(page, {"none"})
    expect(reflection(page, "none")).to_contain_text("Nothing ticked")

    talk = page.get_by_role("checkbox", name=TALK_SIGN)
    conflict = page.get_by_role("checkbox", name=CONFLICT_SIGN)

    # Tick one sign with the mouse and one from another group with the keyboard.
    talk.check()
    conflict.focus()
    page.keyboard.press("Space")
    expect(talk).to_be_checked()
    expect(conflict).to_be_checked()

    expect_only_visible(page, {"talk", "conflict"})
    expect(reflection(page, "talk")).to_contain_text("Talking and sharing")
    expect(reflection(page, "talk").get_by_role("link", name="Get curious again")).to_be_visible()
    expect(reflection(page, "conflict")).to_contain_text("Fights that never settle")
    expect(
        reflection(page, "conflict").get_by_role("link", name="Start a hard talk softly")
    ).to_be_visible()

    # Untick them again: their reflections go, and the general message returns.
    talk.uncheck()
    expect_only_visible(page, {"conflict"})
    conflict.focus()
    page.keyboard.press("Space")
    expect(conflict).not_to_be_checked()
    expect_only_visible(page, {"none"})

    # Clicking the words of a sign ticks it too (the label belongs to the box).
    page.locator("label", has_text=FEEL_SIGN).click()
    expect(page.get_by_role("checkbox", name=FEEL_SIGN)).to_be_checked()
    expect_only_visible(page, {"feel"})

    # "Clear all ticks" is a real button that empties the check.
    page.get_by_role("button", name="Clear all ticks").click()
    expect(page.locator('[data-self-check] input[type="checkbox"]:checked')).to_have_count(0)
    expect_only_visible(page, {"none"})

    # Nothing was kept anywhere, during setup or after.
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert lasting_writes(page) == []
    assert context.cookies() == []


def test_ticks_are_not_restored_after_reload(page, base_url):
    open_check(page, base_url)
    page.get_by_role("checkbox", name=TALK_SIGN).check()
    page.reload(wait_until="load")
    expect(page.locator("[data-self-check][data-self-check-ready]")).to_have_count(1)
    expect(page.locator('[data-self-check] input[type="checkbox"]:checked')).to_have_count(0)
    expect_only_visible(page, {"none"})


def test_self_check_works_after_instant_navigation(page, base_url):
    # Arrive from another page through Material's instant navigation (no full reload).
    page.goto(base_url + "understand/why-it-fades/", wait_until="load")
    page.evaluate("() => { window.__closerNoReload = true; }")
    page.locator("article").get_by_role("link", name="Signs it has faded").first.click()
    expect(page).to_have_url(re.compile(r"/understand/signs/(#.*)?$"))
    expect(page.locator("[data-self-check][data-self-check-ready]")).to_have_count(1)
    assert page.evaluate("() => window.__closerNoReload === true"), "page fully reloaded"

    # Leave and come back: the setup runs once per page, never twice on the same list.
    page.locator("article").get_by_role("link", name="Why it fades").first.click()
    expect(page).to_have_url(re.compile(r"/understand/why-it-fades/(#.*)?$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/understand/signs/(#.*)?$"))
    expect(page.locator("[data-self-check][data-self-check-ready]")).to_have_count(1)
    expect(page.locator('[data-self-check] input[type="checkbox"]')).to_have_count(SIGN_COUNT)
    expect(page.get_by_role("button", name="Clear all ticks")).to_have_count(1)
    assert page.evaluate("() => window.__closerNoReload === true"), "page fully reloaded"

    # Material may announce the same page again; a second setup must change nothing.
    page.evaluate("() => document$.next(document)")
    expect(page.locator('[data-self-check] input[type="checkbox"]')).to_have_count(SIGN_COUNT)
    expect(page.locator("[data-self-check] label")).to_have_count(SIGN_COUNT)
    expect(page.get_by_role("button", name="Clear all ticks")).to_have_count(1)

    page.get_by_role("checkbox", name=FEEL_SIGN).check()
    expect_only_visible(page, {"feel"})


def test_without_javascript_the_signs_are_a_plain_list(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + PAGE, wait_until="load")

    items = page.locator("[data-self-check] [data-group] ul > li")
    expect(items).to_have_count(SIGN_COUNT)
    for i in range(SIGN_COUNT):
        expect(items.nth(i)).to_be_visible()
        assert items.nth(i).inner_text().strip().endswith(".")
    expect(items.filter(has_text=TALK_SIGN)).to_be_visible()
    expect(page.locator("[data-self-check] input")).to_have_count(0)

    # The group reflections read as plain advice; the "nothing ticked" message stays out of the way.
    for group in GROUPS:
        expect(reflection(page, group)).to_be_visible()
    expect(reflection(page, "none")).to_be_hidden()
    expect(page.locator("[data-self-check] [data-js-only]")).to_be_hidden()
