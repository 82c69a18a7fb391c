"""Every built page: accessible (axe, WCAG 2.2 AA), no request off the site, readable without JS."""

import shutil

import pytest
import sitecheck


@pytest.mark.browser
def test_page_has_no_axe_violations(page, base_url, site_path):
    assert sitecheck.axe_violations(page, base_url + site_path) == []


@pytest.mark.browser
def test_page_requests_nothing_from_other_origins(page, base_url, site_path):
    assert sitecheck.offsite_requests(page, base_url + site_path) == []


@pytest.mark.browser
def test_page_reads_without_javascript(browser, base_url, site_path):
    assert sitecheck.nojs_problems(browser, base_url + site_path) == []


# The checks must catch what they are for: each one, on a page broken on purpose.


@pytest.fixture(scope="module")
def broken_site(site_dir, tmp_path_factory):
    """A copy of the built site with three pages broken on purpose; yield its URL."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(site_dir, root, dirs_exist_ok=True)
    page = (root / "about" / "index.html").read_text(encoding="utf-8")
    breaks = {
        "outside-image": (
            "</article>",
            '<img src="http://example.invalid/x.png" alt="A photo"></article>',
        ),
        "unlabelled-input": ("</article>", '<input type="text" name="secret"></article>'),
    }
    for name, (old, new) in breaks.items():
        (root / name).mkdir()
        (root / name / "index.html").write_text(page.replace(old, new, 1), encoding="utf-8")
    # A page whose text is put in by a script: empty without JavaScript.
    start, end = page.index("<article"), page.index("</article>")
    article = page[start:end]
    body_start = article.index(">") + 1
    scripted = (
        article[:body_start]
        + "<h1>About</h1><div id='later'></div>"
        + "<script>document.getElementById('later').textContent = "
        + repr("Words that only a script can show. " * 10)
        + "</script>"
    )
    (root / "scripted-text").mkdir()
    (root / "scripted-text" / "index.html").write_text(
        page[:start] + scripted + page[end:], encoding="utf-8"
    )
    with sitecheck.serve(root) as url:
        yield url


@pytest.mark.browser
def test_axe_check_catches_an_unlabelled_form_control(page, broken_site):
    found = sitecheck.axe_violations(page, broken_site + "unlabelled-input/")
    assert any(v.startswith("label:") for v in found), found


@pytest.mark.browser
def test_request_check_catches_an_image_from_another_origin(page, broken_site):
    found = sitecheck.offsite_requests(page, broken_site + "outside-image/")
    assert found == ["http://example.invalid/x.png"]


@pytest.mark.browser
def test_nojs_check_catches_text_that_only_a_script_shows(browser, page, broken_site):
    url = broken_site + "scripted-text/"
    assert sitecheck.nojs_problems(browser, url) != []
    page.goto(url)
    assert "Words that only a script can show" in page.locator("article").inner_text()


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
def test_page_kind_has_no_axe_violations_in_dark_mode_on_a_phone(browser, base_url, path):
    context = browser.new_context(color_scheme="dark", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert sitecheck.axe_violations(page, base_url + path) == []
    finally:
        context.close()
