"""Valid markup (the Nu Html Checker) on every page.

vnu comes from package.json (npm). Material's own markup has a few errors on every page; README
lists them with the reason they stay, and MATERIAL below names each one so precisely that an
error of Closer's own can never hide behind it. (HTML_CodeSniffer, a second set of accessibility
rules, runs beside axe on the pages that differ: test_sitewide.py.)
"""

import json
import re
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

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
