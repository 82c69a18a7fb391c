"""What the pages say, checked on the built site: each card's "More on this idea" and the safety page."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import yaml
from conftest import ROOT

CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text("utf-8"))["exercises"]
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Sections(HTMLParser):
    """A page's article, cut into sections: {heading id: (level, text, link targets)} in order."""

    def __init__(self, html: str):
        super().__init__()
        self.sections, self._current, self._in_article = {}, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article = True
        if not self._in_article:
            return
        if tag in HEADINGS and attrs.get("id"):
            self._current = attrs["id"]
            self.sections[self._current] = [int(tag[1]), [], []]
        elif tag == "a" and self._current and attrs.get("href"):
            self.sections[self._current][2].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False

    def handle_data(self, data):
        if self._in_article and self._current:
            self.sections[self._current][1].append(data)

    def section(self, anchor: str) -> tuple[str, list[str]]:
        """The text and links from a heading to the next heading of the same or a higher level."""
        ids = list(self.sections)
        level = self.sections[anchor][0]
        text, links = [], []
        for other in ids[ids.index(anchor) :]:
            other_level, words, hrefs = self.sections[other]
            if other != anchor and other_level <= level:
                break
            text += words
            links += hrefs
        return " ".join(" ".join(text).split()), links


def built(site_dir, page: str) -> str:
    """The built HTML of a docs page, by its source path ('rebuild/index.md')."""
    rel = re.sub(r"(^|/)index\.md$", r"\1", page).removesuffix(".md")
    return (site_dir / rel / "index.html").read_text("utf-8")


def test_every_more_on_this_idea_link_lands_on_a_section_that_offers_the_card(site_dir):
    for card in CARDS:
        page, anchor = card["learn_more"].split("#")
        sections = Sections(built(site_dir, page))
        assert anchor in sections.sections, f"{card['id']}: no section #{anchor} on {page}"
        text, links = sections.section(anchor)
        base = "http://x/" + re.sub(r"(^|/)index\.md$", r"\1", page).removesuffix(".md") + "/"
        targets = {urlsplit(urljoin(base, href)).path for href in links}
        assert f"/cards/{card['id']}/" in targets, (
            f"{card['id']}: {page}#{anchor} does not offer the card ({text[:80]!r})"
        )


SAFETY_NUMBERS = {
    "988": "US and Canada",
    "116 123": "Samaritans",
    "13 11 14": "Lifeline",
    "14416": "Tele-MANAS",
    "0808 801 0327": "Men's Advice Line",
    "0800 999 5428": "Galop",
}


def test_the_safety_page_lists_crisis_lines_for_everyone_it_names(site_dir):
    page = Sections(built(site_dir, "help/safety.md"))
    text = " ".join(" ".join(words) for _, words, _ in page.sections.values())
    text = " ".join(text.split())
    for number, who in SAFETY_NUMBERS.items():
        assert number in text, f"{who} ({number}) is missing"
    assert "findahelpline.com" in text
    assert re.search(r"checked these numbers on \d{1,2} \w+ 20\d\d", text), (
        "no date they were checked"
    )
    for country in ("Canada", "Ireland", "New Zealand"):
        assert country in text


# Words that show a card assumes you share a room or a home, or that you look at each other.
SAME_PLACE = re.compile(
    r"\b(dinner|bedtime|before (you )?sleep|at the door|hugs?|kiss|couch|sofa|sit together|"
    r"cuddle|hold hands|walk together|coffee|come home|get home)\b",
    re.I,
)
EYES = re.compile(
    r"\blook at (them|each other|your partner|me)\b|\beye contact\b|\binto .* eyes\b", re.I
)
OFFERS_DISTANCE = re.compile(r"\b(video|call|apart)\b", re.I)


def test_cards_that_assume_a_shared_room_or_eye_contact_show_another_way():
    for card in CARDS:
        if card["with"] == "solo":
            continue
        text = " ".join([card["title"], card["summary"], *card["steps"], *card.get("prompts", [])])
        if SAME_PLACE.search(text) and not OFFERS_DISTANCE.search(text):
            assert "living_apart" in card, f"{card['id']} assumes you live together"
        if EYES.search(text):
            assert "without_eye_contact" in card, f"{card['id']} assumes eye contact"


def test_no_theme_has_fewer_than_five_cards():
    themes = [card["theme"] for card in CARDS]
    assert min(themes.count(t) for t in set(themes)) >= 5
