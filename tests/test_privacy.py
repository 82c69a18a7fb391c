"""The privacy page's one-click clear: it removes everything Closer keeps, and nothing else."""

import pytest


@pytest.mark.browser
def test_clear_everything_removes_closer_keys_and_keeps_other_sites_keys(page, base_url):
    page.goto(base_url + "about/privacy/")
    page.evaluate(
        """() => {
        localStorage.setItem('closer.challenge', '{"version": 1}');
        localStorage.setItem('closer.favourites', '{"version": 1, "ids": ["appreciation"]}');
        localStorage.setItem('/.__palette', '{"index": 1}');
        localStorage.setItem('someone-else', 'keep me');
    }"""
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything Closer saved on this device").click()
    assert page.get_by_role("status").filter(has_text="Done").is_visible()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert keys == ["someone-else"]


@pytest.mark.browser
def test_clear_asks_first_and_keeps_everything_when_the_reader_says_no(page, base_url):
    page.goto(base_url + "about/privacy/")
    page.evaluate("() => localStorage.setItem('closer.challenge', '{}')")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear everything Closer saved on this device").click()
    assert page.evaluate("() => localStorage.getItem('closer.challenge')") == "{}"


@pytest.mark.browser
def test_clear_button_is_hidden_without_javascript(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + "about/privacy/")
    assert (
        page.get_by_role("button", name="Clear everything Closer saved on this device").count() == 0
    )
