"""The question deck: its data, the page without JavaScript, and the printed cards."""

import itertools
import json
import math
import re
from html.parser import HTMLParser

import pytest
import sitecheck
import yaml
from conftest import ROOT
from pdfsheets import MM, read_pdf

DATA = yaml.safe_load((ROOT / "data" / "questions.yml").read_text("utf-8"))
QUESTIONS = DATA["questions"]
IDS = [q["id"] for q in QUESTIONS]
SCHEMA = json.loads((ROOT / "data" / "schemas" / "questions.schema.json").read_text("utf-8"))
FIELDS = SCHEMA["properties"]["questions"]["items"]["properties"]
STOP = set(
    [
        "what",
        "which",
        "when",
        "where",
        "about",
        "would",
        "your",
        "that",
        "with",
        "this",
        "have",
        "there",
        "their",
        "they",
        "them",
    ]
)


def words(text: str) -> set[str]:
    """A question's content words: lower-case, four letters or more, common words left out."""
    return {
        w for w in re.findall(r"[a-z]+", text.lower().replace("\u2019", "'")) if len(w) >= 4
    } - STOP


# ---------- the data ----------


def test_enough_questions_at_every_depth_and_in_every_theme():
    assert len(QUESTIONS) >= 180
    for depth in (o["const"] for o in FIELDS["depth"]["oneOf"]):
        assert sum(q["depth"] == depth for q in QUESTIONS) >= 40, depth
    for theme in (o["const"] for o in FIELDS["theme"]["oneOf"]):
        assert sum(q["theme"] == theme for q in QUESTIONS) >= 15, theme


def test_no_two_questions_share_most_of_their_words():
    close = []
    for a, b in itertools.combinations(QUESTIONS, 2):
        wa, wb = words(a["text"]), words(b["text"])
        if wa and wb and len(wa & wb) / len(wa | wb) > 0.5:
            close.append((a["id"], b["id"], sorted(wa & wb)))
    assert close == []


def test_near_duplicate_check_catches_a_reworded_copy():
    a = "What small moment today would you happily live again?"
    b = "What small moment today would you gladly live again?"
    wa, wb = words(a), words(b)
    assert len(wa & wb) / len(wa | wb) > 0.5


# Words that would leave some couples out, or go where this deck does not.
NOT_FOR_EVERY_COUPLE = re.compile(
    r"\b(husband|wife|boyfriend|girlfriend|marriage|married|wedding|kids?|children|baby|"
    r"money|salary|pay ?rise|boss|job|church|christmas|sex|sexy|naked|body|weight)\b",
    re.I,
)


def test_questions_fit_any_couple():
    found = [
        (q["id"], m.group(0))
        for q in QUESTIONS
        for m in [NOT_FOR_EVERY_COUPLE.search(q["text"] + " " + q.get("follow_up", ""))]
        if m
    ]
    assert found == []


# ---------- the page without JavaScript ----------


class QuestionList(HTMLParser):
    """The questions listed on the built page: {id: text}."""

    def __init__(self, html: str):
        super().__init__()
        self.found, self._id, self._in_q = {}, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "data-question" in attrs:
            self._id = attrs["data-question"]
            self.found[self._id] = ""
        self._in_q = self._id is not None and "closer-questions__q" in (attrs.get("class") or "")

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_q = False
        if tag == "li":
            self._id = None

    def handle_data(self, data):
        if self._in_q:
            self.found[self._id] += data


def test_without_javascript_the_page_lists_every_question_as_written(site_dir):
    html = (site_dir / "questions" / "index.html").read_text("utf-8")
    listed = QuestionList(html).found
    assert list(listed) == [
        q["id"]
        for t in FIELDS["theme"]["oneOf"]
        for d in FIELDS["depth"]["oneOf"]
        for q in QUESTIONS
        if q["theme"] == t["const"] and q["depth"] == d["const"]
    ]
    for q in QUESTIONS:
        assert listed[q["id"]] == q["text"], q["id"]


def test_question_page_and_cards_link_each_other(site_dir):
    page = (site_dir / "questions" / "index.html").read_text("utf-8")
    for card_id in DATA["cards"]:
        assert f'href="../cards/{card_id}/"' in page, card_id
        card = (site_dir / "cards" / card_id / "index.html").read_text("utf-8")
        assert 'href="../../questions/"' in card, card_id


# ---------- printed cards (Chromium; Firefox in test_engines.py) ----------

CARD_W, CARD_H = 63 * MM, 88 * MM


def open_question_print(page, base_url, layout="fronts", paper="a4", which="all"):
    page.goto(base_url + "questions/print/")
    page.locator("article[data-closer-set-up~=questions-print]").wait_for()
    page.check(f"#layout-{layout}")
    page.check(f"#paper-{paper}")
    page.select_option("#print-which", which)


@pytest.mark.browser
def test_the_longest_question_the_schema_allows_fits_its_card(page, base_url):
    open_question_print(page, base_url, "duplex")
    page.emulate_media(media="print")
    text = ("Which small kindness from someone you barely knew still makes you smile today " * 3)[
        : FIELDS["text"]["maxLength"] - 1
    ] + "?"
    follow = ("And what did you do next, and how did it feel " * 3)[
        : FIELDS["follow_up"]["maxLength"]
    ]
    fits = page.evaluate(
        """([text, follow]) => {
          const card = document.querySelector('.closer-qcard[data-depth="deep"]');
          card.querySelector('.closer-qcard__meta').textContent = 'Deep · Play and imagination';
          card.querySelector('.closer-qcard__text').textContent = text;
          let then = card.querySelector('.closer-qcard__then');
          if (!then) {
            then = document.createElement('p');
            then.className = 'closer-qcard__then';
            card.querySelector('.closer-qcard__text').after(then);
          }
          then.textContent = 'Then: ' + follow;
          card.querySelector('[data-mark]').textContent = 'Closer · ' + 'a'.repeat(40);
          return [card.scrollHeight <= card.clientHeight, card.scrollWidth <= card.clientWidth,
                  Math.min(...[...card.querySelectorAll('*')].map(e => parseFloat(getComputedStyle(e).fontSize)))];
        }""",
        [text, follow],
    )
    assert fits[:2] == [True, True]
    assert fits[2] >= 8 * 96 / 72 - 0.01, "text under 8 pt"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("which", "paper"), [("depth:light", "a4"), ("theme:hard-times", "letter")]
)
def test_a_depth_or_theme_prints_just_its_questions_nine_to_a_sheet(page, base_url, which, paper):
    open_question_print(page, base_url, "duplex", paper, which)
    field, value = which.split(":")
    wanted = [q["id"] for q in QUESTIONS if q[field] == value]
    sheets = read_pdf(page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(sheets) == 2 * math.ceil(len(wanted) / 9)
    status = page.locator("[data-print-status]").inner_text()
    assert status.startswith(f"{len(wanted)} questions on {len(sheets)} sheets.")
    fronts = [m[0] for s in sheets[::2] for m in s.marks]
    assert fronts == wanted
    assert sorted(m[0] for s in sheets[1::2] for m in s.marks) == sorted(wanted)


@pytest.mark.browser
def test_favourite_questions_print_and_none_says_so(page, base_url):
    open_question_print(page, base_url, which="fav")
    assert "no favourite questions" in page.locator("[data-print-status]").inner_text()
    assert page.locator("[data-print-button]").is_disabled()
    marks = {"version": 1, "talked": [], "favourites": [IDS[5], "gone-question", IDS[2]]}
    page.evaluate("m => localStorage.setItem('closer.questions', JSON.stringify(m))", marks)
    open_question_print(page, base_url, which="fav")
    assert page.locator("[data-print-status]").inner_text().startswith("2 questions on 1 sheet.")
    shown = page.locator(".closer-qcard[data-face=front]").evaluate_all(
        "cs => cs.map(c => c.dataset.question)"
    )
    assert shown == [IDS[2], IDS[5]]


@pytest.mark.browser
def test_without_javascript_every_question_prints_fronts_only(nojs_page, base_url):
    nojs_page.goto(base_url + "questions/print/")
    sheets = read_pdf(nojs_page.pdf(prefer_css_page_size=True, print_background=True, format="A4"))
    assert len(sheets) == math.ceil(len(QUESTIONS) / 9)
    assert [m[0] for s in sheets for m in s.marks] == IDS


@pytest.mark.browser
def test_the_question_page_in_use_has_no_axe_violations(page, base_url):
    page.goto(base_url + "questions/")
    page.locator("article[data-closer-set-up~=questions]").wait_for()
    page.select_option("#question-depth", "deeper")
    page.click("[data-question-next]")
    page.click("[data-question-mark=favourites]")
    page.click("[data-question-set]")
    assert sitecheck.axe_violations(page) == []
