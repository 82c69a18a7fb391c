"""Text from data/*.yml reaches every page exactly as typed: it never becomes a link, an element or markup."""

import json
import re
from html.parser import HTMLParser

import pytest
import yaml
from closer.pages import environment
from closer.text import as_path, as_text
from conftest import ROOT, mkdocs_build
from test_build import copy_project

# Markdown, HTML, extension syntax and a script URL, in pieces so that a field of any length gets
# as much of it as fits. Each field's text starts with its own tag (P01, P02, ...).
PIECES = [
    "*a*",
    "[c](https://x.invalid/)",
    "<b>d</b>",
    "_u_",
    "1st (c) -->",
    "`e` &amp; #f",
    "[j](javascript:alert(1))",
    "<script>x()</script>",
    "{: .k }",
]
DECK_SCHEMA = json.loads((ROOT / "data/schemas/exercises.schema.json").read_text("utf-8"))
CHALLENGE_SCHEMA = json.loads((ROOT / "data/schemas/challenge.schema.json").read_text("utf-8"))
CARD_FIELDS = DECK_SCHEMA["properties"]["exercises"]["items"]["properties"]
DAY_FIELDS = CHALLENGE_SCHEMA["properties"]["days"]["items"]["properties"]


class Page(HTMLParser):
    """A built page's visible text, its <title>, meta description, and every tag with attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.title, self.description = [], [], "", ""
        self._in = []
        self.feed(html)
        self.text = " ".join(" ".join(self.text).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content", "")
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        elif not (self._in and self._in[-1] in ("script", "style")):
            self.text.append(data)


def poison(tag: str, limit: int) -> str:
    """The tag and as many pieces of markup as fit in `limit` characters."""
    text = tag
    for piece in PIECES:
        if len(text) + 1 + len(piece) <= limit:
            text += " " + piece
    return text


class Poisoner:
    """Hands out tagged markup strings, and remembers which tag went into which field."""

    def __init__(self):
        self.by_field = {}

    def __call__(self, field: str, schema: dict) -> str:
        text = poison(f"P{len(self.by_field):02d}", schema["maxLength"])
        self.by_field[field] = text
        return text


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    """Build a copy of the site with markup in every text field of one card and the challenge."""
    tmp = tmp_path_factory.mktemp("poisoned")
    project = copy_project(tmp / "project")
    deck_file = project / "data" / "exercises.yml"
    challenge_file = project / "data" / "challenge.yml"
    deck = yaml.safe_load(deck_file.read_text("utf-8"))
    challenge = yaml.safe_load(challenge_file.read_text("utf-8"))
    give = Poisoner()
    # The first card of day 1, so it shows on its page, the deck, the print sheet and day 1.
    card_id = challenge["days"][0]["exercises"][0]
    card = next(c for c in deck["exercises"] if c["id"] == card_id)
    for field in ("title", "summary", "why", "source", "living_apart", "without_eye_contact"):
        card[field] = give(f"card.{field}", CARD_FIELDS[field])
    card["steps"] = [give(f"card.steps[{i}]", CARD_FIELDS["steps"]["items"]) for i in range(2)]
    # Prompts and ways to adapt the card share its back: two of each.
    card["prompts"] = [
        give(f"card.prompts[{i}]", CARD_FIELDS["prompts"]["items"]) for i in range(2)
    ]
    for field in ("title", "summary"):
        challenge[field] = give(f"challenge.{field}", CHALLENGE_SCHEMA["properties"][field])
    asks = CHALLENGE_SCHEMA["properties"]["asks"]["items"]
    challenge["asks"][0] = give("challenge.asks[0]", asks)
    link_text = CHALLENGE_SCHEMA["$defs"]["link_text"]
    challenge.setdefault("next_steps", [{"page": "help/faq.md", "text": "x"}])
    challenge["next_steps"][0]["text"] = give("challenge.next_steps[0].text", link_text)
    for n, day in enumerate(challenge["days"], 1):
        for field in ("title", "focus", "reflect", "alone"):
            day[field] = give(f"day{n}.{field}", DAY_FIELDS[field])
        day["read"]["text"] = give(f"day{n}.read.text", link_text)
        task = DAY_FIELDS["tasks"]["items"]["properties"]
        day["tasks"][0]["text"] = give(f"day{n}.tasks[0].text", task["text"])
        day["tasks"][0]["alone"] = give(f"day{n}.tasks[0].alone", task["alone"])
    deck_file.write_text(yaml.safe_dump(deck, sort_keys=False), encoding="utf-8")
    challenge_file.write_text(yaml.safe_dump(challenge, sort_keys=False), encoding="utf-8")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site, card_id, give.by_field


def read_page(site, rel):
    return Page((site / rel / "index.html").read_text("utf-8"))


def test_every_field_shows_as_typed_wherever_it_appears(poisoned_site):
    site, card_id, fields = poisoned_site
    day_fields = {n: [f for f in fields if f.startswith(f"day{n}.")] for n in range(1, 6)}
    card_fields = [f for f in fields if f.startswith("card.")]
    challenge_fields = [f for f in fields if f.startswith("challenge.")]
    # Which fields each page must show (in its visible text).
    expected = {
        f"cards/{card_id}": card_fields,
        "cards": ["card.title", "card.summary"],
        "cards/print": card_fields,
        "challenge": challenge_fields
        + [f"day{n}.{f}" for n in range(1, 6) for f in ("title", "focus")],
    }
    for n in range(1, 6):
        expected[f"challenge/day-{n}"] = day_fields[n]
    expected["challenge/day-1"] += card_fields
    expected["challenge/day-5"] += ["challenge.next_steps[0].text"]
    expected["challenge"].remove("challenge.next_steps[0].text")
    for rel, wanted in expected.items():
        page = read_page(site, rel)
        for field in wanted:
            assert fields[field] in page.text, f"{rel}: {field} is not shown as typed"


def test_no_field_makes_a_link_an_element_or_markup(poisoned_site):
    site, card_id, _ = poisoned_site
    pages = ["cards", "cards/print", f"cards/{card_id}", "challenge"]
    pages += [f"challenge/day-{n}" for n in range(1, 6)]
    for rel in pages:
        page = read_page(site, rel)
        for tag, attrs in page.tags:
            for name in ("href", "src", "action", "formaction"):
                link = attrs.get(name) or ""
                assert not re.search(r"x\.invalid|javascript:", link), f"{rel}: <{tag} {attrs}>"
            assert tag != "sup", f"{rel}: an ordinal became superscript"
            assert "k" not in (attrs.get("class") or "").split(), f"{rel}: attr_list ran"
        html = (site / rel / "index.html").read_text("utf-8")
        assert "<script>x()" not in html and "<b>d</b>" not in html, rel


def test_titles_and_descriptions_show_as_typed(poisoned_site):
    site, card_id, fields = poisoned_site
    checks = [
        (f"cards/{card_id}", "card.title", "card.summary"),
        ("challenge", "challenge.title", "challenge.summary"),
    ] + [(f"challenge/day-{n}", f"day{n}.title", f"day{n}.focus") for n in range(1, 6)]
    for rel, title, description in checks:
        page = read_page(site, rel)
        assert fields[title] in page.title, rel
        assert page.description == fields[description], rel
    # The search index holds the same text, as text.
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == f"cards/{card_id}/")
    assert Page(entry["title"]).text == fields["card.title"]
    assert fields["card.summary"] in Page(entry["text"]).text
    assert not any("x.invalid" in (a.get("href") or "") for _, a in Page(entry["text"]).tags)


def test_the_page_environment_shows_every_value_as_text():
    env = environment()
    value = "<b>*a*</b> [c](https://x.invalid/) 1st"
    out = env.from_string("{{ value }}").render(value=value)
    assert re.fullmatch(r"[A-Za-z ]*(?:&#\d+;[A-Za-z ]*)*", out), out
    assert Page(out).text == value
    # A checked link target passes unchanged; anything else is refused.
    assert env.from_string("[x]({{ p | path }})").render(p="rebuild/index.md#a") == (
        "[x](rebuild/index.md#a)"
    )
    with pytest.raises(ValueError):
        as_path("javascript:alert(1)")
    assert as_text("a\n  b") == "a b"
