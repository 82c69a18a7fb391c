"""Valid markup (the Nu Html Checker) on every page, and a second set of accessibility rules.

vnu and HTML_CodeSniffer come from package.json (npm). Material's own markup has a few errors
on every page; README lists them with the reason they stay, and MATERIAL below names each one
so precisely that an error of Closer's own can never hide behind it.
"""

import json
import re
import shutil
import subprocess

import pytest
import sitecheck
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"

# (message, the markup it is about): Material 9.8's templates, not Closer's.
MATERIAL = [
    # partials/nav-item.html: section labels get tabindex="" when navigation.sections is on.
    (r"Bad value “” for attribute “tabindex” on element “label”", r'<label class="md-nav__link'),
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    (r"Attribute “autocomplete” is only allowed when", r'<input class="md-toggle" data-md-toggle='),
    # partials/toc.html: on a section's index page the table of contents' title points at a
    # toggle that only nav-item.html draws, and it does not draw it there.
    (
        r"“for” attribute of the “label” element must be the ID",
        r'<label class="md-nav__title" for="__toc">',
    ),
]


def vnu_errors(*folders) -> list[dict]:
    """Run the Nu Html Checker over every HTML file in the folders; return its errors."""
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            *map(str, folders),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def ours(errors: list[dict]) -> list[str]:
    """The errors that are not one of Material's, one line each."""
    left = []
    for error in errors:
        text, extract = error.get("message", ""), error.get("extract", "")
        if any(re.search(m, text) and re.search(e, extract) for m, e in MATERIAL):
            continue
        left.append(
            f"{error.get('url', '').rsplit('/site', 1)[-1]}: {text} [{extract.strip()[:80]}]"
        )
    return left


@pytest.fixture(scope="module")
def checked(site_dir, tmp_path_factory):
    """vnu's errors on the site and on a copy of its home page with an error of our own in it.

    One run for both: starting Java costs about as much as checking a hundred pages.
    """
    assert VNU.exists(), "vnu.jar is missing: run `npm ci` (make test does)"
    broken = tmp_path_factory.mktemp("broken")
    html = (site_dir / "index.html").read_text("utf-8")
    (broken / "index.html").write_text(
        html.replace("</article>", '<p><input type="checkbox" autocomplete="off"></p></article>', 1)
    )
    errors = vnu_errors(site_dir, broken)
    in_broken = [e for e in errors if f"{broken.as_posix()}/" in e.get("url", "")]
    return [e for e in errors if e not in in_broken], in_broken


@pytest.fixture(scope="module")
def site_errors(checked):
    return checked[0]


def test_every_page_is_valid_html_apart_from_materials_known_errors(site_errors):
    assert ours(site_errors) == []


def test_each_known_material_error_is_still_there(site_errors):
    # When Material fixes one, it leaves this list (and README's).
    for message, extract in MATERIAL:
        assert any(
            re.search(message, e["message"]) and re.search(extract, e.get("extract", ""))
            for e in site_errors
        ), message


def test_the_check_catches_an_error_of_our_own(checked):
    assert len(ours(checked[1])) == 1


# One page of each kind, plus the pages whose markup is their own (reading pages with widgets).
KINDS = ["", "understand/signs/", "about/privacy/", "help/safety/", "cards/", "cards/print/"]
KINDS += ["challenge/", "challenge/day-1/", "questions/", "questions/print/"]


# Material's search and palette forms have no submit button (a script acts on each change).
MATERIAL_FORMS = re.compile(r"H32\.2 .*<form class=\"md-(header__option|search__form)")


def codesniffer_errors(page, url: str) -> list[str]:
    """Open a page and return HTML_CodeSniffer's WCAG 2 AA errors, one line each."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate(HTMLCS.read_text("utf-8") + "\n;window.HTMLCS = HTMLCS;")
    messages = page.evaluate(
        """() => new Promise((done) => HTMLCS.process("WCAG2AA", document, () =>
            done(HTMLCS.getMessages().filter((m) => m.type === HTMLCS.ERROR).map((m) =>
              m.code + " | " + m.msg.slice(0, 120) + " | " + m.element.outerHTML.slice(0, 100)))))"""
    )
    return [m for m in messages if not MATERIAL_FORMS.search(m)]


@pytest.mark.browser
@pytest.mark.parametrize("path", KINDS)
def test_html_codesniffer_finds_no_wcag_aa_error(page, base_url, path):
    assert codesniffer_errors(page, base_url + path) == []


@pytest.mark.browser
def test_html_codesniffer_catches_an_unlabelled_control(page, base_url, tmp_path, site_dir):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    about = site / "about" / "index.html"
    about.write_text(
        about.read_text("utf-8").replace("</article>", '<input type="text"></article>', 1)
    )
    with sitecheck.serve(site) as url:
        found = codesniffer_errors(page, url + "about/")
    assert any("F68" in line or "H44" in line or "H65" in line for line in found), found
