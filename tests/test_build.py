"""Build tests: a real `mkdocs build --strict`, and what the built HTML holds."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml
from closer import offline
from conftest import ROOT, html_pages, mkdocs_build

CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))["exercises"]
DAYS = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text(encoding="utf-8"))["days"]


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


def test_the_site_has_exactly_the_pages_the_tests_expect(site_dir):
    built = {
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
    }
    assert built == set(html_pages())


def test_every_page_has_language_title_and_description(site_dir):
    for rel in html_pages():
        html = (site_dir / rel / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en"' in html, rel
        assert re.search(r"<title>[^<]+</title>", html), rel
        match = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert match and len(match.group(1)) >= 30, f"{rel}: meta description missing or too short"


def test_every_page_footer_links_to_the_safety_page_and_a_quick_exit(site_dir, base_url):
    exits = set()
    for rel in html_pages():
        tags = parse(site_dir / rel / "index.html")
        html = (site_dir / rel / "index.html").read_text(encoding="utf-8")
        assert "Not feeling safe with your partner?" in html, rel
        hrefs = {urljoin(base_url + rel, a.get("href", "")) for tag, a in tags if tag == "a"}
        assert base_url + "help/safety/" in hrefs, rel
        found = [a["href"] for tag, a in tags if tag == "a" and "data-quick-exit" in a]
        assert found, f"{rel}: no quick exit"
        exits.update(found)
    # One neutral site, somewhere else.
    assert len(exits) == 1 and next(iter(exits)).startswith("https://"), exits


def test_no_page_loads_anything_from_another_origin(site_dir):
    for rel in html_pages():
        for tag, attrs in parse(site_dir / rel / "index.html"):
            url = attrs.get("src") if tag in ("script", "img", "iframe", "source") else None
            if tag == "link" and attrs.get("rel") not in ("canonical",):
                url = attrs.get("href")
            assert not (url and re.match(r"^(https?:)?//", url)), f"{rel}: {tag} loads {url}"
    for sheet in site_dir.rglob("*.css"):
        outside = re.findall(
            r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)",
            sheet.read_text("utf-8"),
        )
        assert outside == [], f"{sheet.relative_to(site_dir)} loads {outside}"


def test_every_file_a_page_loads_is_in_the_site(site_dir):
    # Static, for every page: a script, style sheet or image the page names but the build did not
    # write would fail only in a browser, and the browser visits one page of each kind.
    for rel in html_pages():
        html = (site_dir / rel / "index.html").read_text("utf-8")
        refs = offline.references(html, rel)
        missing = sorted(ref for ref in refs if not (site_dir / offline.file_of(ref)).is_file())
        assert missing == [], f"{rel} loads files the site does not have: {missing}"


def test_every_card_has_a_page_and_a_place_in_the_deck_and_print_sheet(site_dir):
    deck = {a.get("href") for tag, a in parse(site_dir / "cards" / "index.html") if tag == "a"}
    sheet = parse(site_dir / "cards" / "print" / "index.html")
    faces = [(a["data-card"], a["data-face"]) for _, a in sheet if "data-face" in a]
    assert sorted(faces) == sorted((c["id"], f) for c in CARDS for f in ("front", "back"))
    for card in CARDS:
        assert (site_dir / "cards" / card["id"] / "index.html").exists(), card["id"]
        assert f"{card['id']}/" in deck, card["id"]


def test_card_pages_stay_out_of_the_sidebar(site_dir):
    links = {a.get("href") for tag, a in parse(site_dir / "index.html") if tag == "a"}
    assert "cards/" in links and "cards/print/" in links
    assert not [card["id"] for card in CARDS if f"cards/{card['id']}/" in links]
    # ... while the days, which are in the nav, are there, so the check above could fail.
    assert {f"challenge/day-{d['day']}/" for d in DAYS} <= links


def test_challenge_has_a_start_page_and_each_day_links_the_next(site_dir):
    start = {a.get("href") for tag, a in parse(site_dir / "challenge" / "index.html") if tag == "a"}
    last = len(DAYS)
    for day in DAYS:
        n = day["day"]
        assert f"day-{n}/" in start
        links = {
            a.get("href")
            for tag, a in parse(site_dir / f"challenge/day-{n}/index.html")
            if tag == "a"
        }
        assert (f"../day-{n + 1}/" in links) == (n < last), n
        assert (f"../day-{n - 1}/" in links) == (n > 1), n


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
