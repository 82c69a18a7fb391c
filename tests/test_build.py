"""Build tests: a real `mkdocs build --strict`, and what the built HTML holds."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, html_pages, mkdocs_build

CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))["exercises"]


class Links(HTMLParser):
    """Collect the attributes of the tags a test cares about."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(path: Path) -> list[tuple[str, dict]]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def copy_project(dest: Path) -> Path:
    """Copy what a build reads into a temporary folder, to break it on purpose."""
    for name in ("docs", "data", "overrides", "hooks"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def test_every_page_has_language_title_and_description(site_dir):
    for rel in html_pages():
        html = (site_dir / rel / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en"' in html, rel
        assert re.search(r"<title>[^<]+</title>", html), rel
        match = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert match and len(match.group(1)) >= 30, f"{rel}: meta description missing or too short"


def test_every_page_footer_links_to_the_safety_page(site_dir, base_url):
    for rel in html_pages():
        tags = parse(site_dir / rel / "index.html")
        html = (site_dir / rel / "index.html").read_text(encoding="utf-8")
        assert "Not feeling safe with your partner?" in html, rel
        hrefs = {urljoin(base_url + rel, a.get("href", "")) for tag, a in tags if tag == "a"}
        assert base_url + "help/safety/" in hrefs, rel


def test_no_page_loads_anything_from_another_origin(site_dir):
    for rel in html_pages():
        for tag, attrs in parse(site_dir / rel / "index.html"):
            url = attrs.get("src") if tag in ("script", "img", "iframe", "source") else None
            if tag == "link" and attrs.get("rel") not in ("canonical",):
                url = attrs.get("href")
            assert not (url and re.match(r"^(https?:)?//", url)), f"{rel}: {tag} loads {url}"


def test_search_dialog_has_a_name(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="md-search"[^>]*role="dialog"[^>]*aria-label="Search"', html)


def test_every_card_has_a_page_and_a_place_in_the_deck_and_print_sheet(site_dir):
    deck = (site_dir / "cards" / "index.html").read_text(encoding="utf-8")
    sheet = (site_dir / "cards" / "print" / "index.html").read_text(encoding="utf-8")
    for card in CARDS:
        page = site_dir / "cards" / card["id"] / "index.html"
        assert page.exists(), card["id"]
        assert f'href="{card["id"]}/"' in deck, card["id"]
        assert f'data-card="{card["id"]}" data-face="front"' in sheet, card["id"]


def test_card_pages_stay_out_of_the_sidebar(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "cards/turn-toward-bids/" not in html
    assert 'href="cards/"' in html


def test_challenge_has_a_start_page_and_five_linked_days(site_dir):
    assert (site_dir / "challenge" / "index.html").exists()
    for n in range(1, 6):
        html = (site_dir / "challenge" / f"day-{n}" / "index.html").read_text(encoding="utf-8")
        assert f"Day {n}:" in html
        if n < 5:
            assert f'href="../day-{n + 1}/"' in html
        if n > 1:
            assert f'href="../day-{n - 1}/"' in html


def test_a_broken_link_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[Gone](../no-such-page.md)\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[Gone](../help/faq.md#no-such-heading)\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-heading" in result.stderr


def test_bad_yaml_stops_the_build_with_one_line_and_leaves_the_site_alone(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    data = project / "data" / "exercises.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("minutes:"))
    lines[number] = re.sub(r"minutes: \d+", "minutes: ten", lines[number])
    data.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        f"ERROR   -  data/exercises.yml:{number + 1}: exercises[0].minutes: "
        "expected a whole number from 1 to 120, got 'ten'"
    ]
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


@pytest.mark.parametrize("field", ["summary", "title"])
def test_html_in_yaml_text_is_shown_as_text(tmp_path, field):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "exercises.yml"
    cards = yaml.safe_load(data.read_text(encoding="utf-8"))
    cards["exercises"][0][field] = "<script>alert(1)</script> & <b>x</b>"
    data.write_text(yaml.safe_dump(cards, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    card_id = cards["exercises"][0]["id"]
    for page in (
        site / "cards" / card_id / "index.html",
        site / "cards" / "index.html",
        site / "cards" / "print" / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page


@pytest.mark.parametrize("where", ["title", "days.0.title"])
def test_html_in_challenge_text_is_shown_as_text(tmp_path, where):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "challenge.yml"
    challenge = yaml.safe_load(data.read_text(encoding="utf-8"))
    target = challenge["days"][0] if where.startswith("days") else challenge
    target["title"] = "<script>alert(1)</script>"
    data.write_text(yaml.safe_dump(challenge, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for page in (site / "challenge" / "index.html", site / "challenge" / "day-1" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
    shown = site / ("challenge/index.html" if where == "title" else "challenge/day-1/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.read_text(encoding="utf-8")
