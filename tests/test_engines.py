"""The core reader journeys, each run in Chromium, Firefox and WebKit (tests/engines.py).

The `tab` fixture runs every test once per engine, and the test id names it (test_x[webkit]).
Expectations come from data/exercises.yml and data/challenge.yml, never from the page.
"""

import json
import math
import re
import time
from pathlib import Path

import pytest
import yaml
from engines import ENGINES, NotSupported
from pdfsheets import MM, PAPERS, SLOT_W, flat, ids_in, read_pdf

ROOT = Path(__file__).resolve().parent.parent
CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))["exercises"]
IDS = [card["id"] for card in CARDS]
THEMES = sorted({card["theme"] for card in CARDS})
DAYS = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text(encoding="utf-8"))["days"]

pytestmark = pytest.mark.browser

# One page of each kind. Each kind's "ready" says, about a document `doc`, that its scripts
# have done their work (a page without a feature script is ready once it has loaded).
KINDS = {
    "home": "",
    "reading": "understand/what-it-is/",
    "self-check": "understand/signs/",
    "deck": "cards/",
    "card": f"cards/{IDS[0]}/",
    "print sheet": "cards/print/",
    "challenge start": "challenge/",
    "challenge day": "challenge/day-1/",
    "workbook": "challenge/print/",
    "question deck": "questions/",
    "question cards": "questions/print/",
    "situation guide": "situations/long-distance/",
    "privacy": "about/privacy/",
    "offline": "offline/",
    "404": "no-such-page/",
}
READY = {
    "self-check": "doc.querySelector('[data-self-check-ready]')",
    "deck": "doc.querySelector('article[data-closer-set-up~=deck]')",
    "card": "doc.querySelector('article[data-closer-set-up~=favourites]')",
    "print sheet": "doc.querySelector('article[data-closer-set-up~=print]')",
    "challenge start": "doc.querySelector('[data-page-kind=challenge][data-challenge-ready]')",
    "challenge day": "doc.querySelector('[data-page-kind=day][data-challenge-ready]')",
    "workbook": "doc.querySelector('article[data-closer-set-up~=workbook]')",
    "question deck": "doc.querySelector('article[data-closer-set-up~=questions]')",
    "question cards": "doc.querySelector('article[data-closer-set-up~=questions-print]')",
    "privacy": "doc.querySelector('article[data-closer-set-up~=privacy]')",
    "offline": "doc.querySelector('article[data-closer-set-up~=offline]')",
}


def ready(kind: str) -> str:
    """A predicate body: the page on show has loaded and its scripts are set up."""
    return (
        "const doc = document; return doc.readyState === 'complete' && !!("
        + READY.get(kind, "true")
        + ")"
    )


# JSON with object keys in order, the same in the page as json.dumps(sort_keys=True) here.
SORTED_JSON = (
    "JSON.stringify(value, (key, v) => v && typeof v === 'object' && !Array.isArray(v)"
    " ? Object.fromEntries(Object.entries(v).sort()) : v)"
)


def shows(tab, read: str, expected, what: str, timeout: float = 5):
    """Wait until `read` (a function body) gives `expected`; fail saying what the page showed."""
    wanted = json.dumps(expected, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    try:
        tab.wait_for(
            f"const value = (function () {{ {read} }})(); return {SORTED_JSON} === arguments[0]",
            wanted,
            timeout=timeout,
            what=what,
        )
    except AssertionError:
        seen = tab.js(read)
        assert seen == expected, f"[{tab.engine}] {what}: expected {expected!r}, saw {seen!r}"


def printed_in(cases: list[tuple[str, ...]], in_firefox: list[tuple[str, ...]]) -> list:
    """Parameters for `tab` and a print case: every case in Chromium and WebKit, some in Firefox.

    Firefox takes about three times as long as Chromium to write a PDF, so there each paper and
    each layout prints once, not every pair of them; Chromium prints every pair, and WebKit,
    which cannot print over WebDriver, checks every pair's sheets on screen.
    """
    return [
        pytest.param(engine, *case, id="-".join([engine, *case]))
        for engine in ENGINES
        for case in cases
        if engine != "firefox" or case in in_firefox
    ]


# ---------- the harness itself: each engine reports what it must ----------


def test_harness_reports_uncaught_errors_and_rejections(tab, base_url):
    tab.goto(base_url + "__closer_test/throws.html")
    deadline = time.monotonic() + 5
    while len(tab.errors()) < 2 and time.monotonic() < deadline:
        tab.js("return 1")  # a round trip, so late events arrive
    found = " | ".join(tab.errors())
    assert "thrown on purpose" in found and "rejected on purpose" in found, found


@pytest.mark.back_forward_cache
def test_back_shows_the_page_from_the_back_forward_cache(tab, base_url, other_base_url):
    # The challenge journeys below must meet Back as readers do: the page kept in memory, with
    # its scripts' state, shown again (the headless shell, for one, never keeps it). A plain page,
    # so nothing of the page's own can keep it out of the cache: Firefox never keeps a Closer page
    # (something on it, not found yet, is not allowed in its cache), and there Back is a new load.
    tab.goto(base_url + "__closer_test/blank.html")
    tab.js("window.addEventListener('pageshow', (e) => { window.restored = e.persisted; })")
    tab.goto(other_base_url + "__closer_test/blank.html")
    tab.back()
    tab.wait_for(
        "return location.href === arguments[0]", base_url + "__closer_test/blank.html", what="Back"
    )
    assert tab.js("return window.restored") is True, f"[{tab.engine}] Back loaded the page again"


# ---------- the print sheet ----------

STATUS = re.compile(r"^(\d+) cards? on (\d+) sheets?\.")
SHEET_FACES = """return [...document.querySelectorAll('[data-print-sheets] > .closer-sheet')]
  .map(sheet => [...sheet.querySelectorAll('.closer-face')]
    .map(face => face.dataset.card + ' ' + face.dataset.face));"""
# Where each face's mark starts, as a share of the face's width (the same on screen and paper).
MARK_OFFSETS = """return [...document.querySelectorAll('.closer-face')].map(face => {
  const mark = face.querySelector('[data-mark]').getBoundingClientRect();
  const box = face.getBoundingClientRect();
  return (mark.left - box.left) / box.width;
});"""


@pytest.mark.parametrize(
    ("tab", "paper", "layout"),
    printed_in(
        [("a4", "fold"), ("a4", "duplex"), ("letter", "fold"), ("letter", "duplex")],
        in_firefox=[("a4", "fold"), ("letter", "duplex")],
    ),
    indirect=["tab"],
)
def test_print_sheet_prints_the_sheets_it_announces(tab, base_url, paper, layout):
    tab.goto(base_url + "cards/print/")
    tab.wait_for(ready("print sheet"), what="the print sheet's controls")
    tab.check(f"#layout-{layout}")
    tab.check(f"#paper-{paper}")
    tab.select("#print-which", "all")
    status = tab.wait_for(
        """const sheets = document.querySelector('[data-print-sheets]').dataset;
        return sheets.layout === arguments[0] && sheets.paper === arguments[1]
          && document.querySelector('[data-print-status]').textContent;""",
        layout,
        paper,
        what=f"the sheets laid out for {layout} on {paper}",
    )
    announced = STATUS.match(status)
    assert announced, f"status line: {status!r}"
    n = len(CARDS)
    assert int(announced[1]) == n
    sheet_count = int(announced[2])
    assert sheet_count == (math.ceil(n / 2) if layout == "fold" else 2 * math.ceil(n / 4))

    # On screen: that many sheets, every card's front and back on them once.
    on_screen = tab.js(SHEET_FACES)
    assert len(on_screen) == sheet_count
    faces = sorted(face for sheet in on_screen for face in sheet)
    assert faces == sorted(f"{i} {side}" for i in IDS for side in ("front", "back"))

    if not tab.prints_pdf:
        with pytest.raises(NotSupported):
            tab.pdf(paper)
        return
    sheets = read_pdf(tab.pdf(paper))
    width, height = PAPERS[paper]
    for number, sheet in enumerate(sheets, 1):
        assert abs(sheet.width - width) < 1 and abs(sheet.height - height) < 1, (
            f"page {number} is {sheet.width:.1f} x {sheet.height:.1f} pt, not {paper}"
        )
    assert len(sheets) == sheet_count, (
        f"{len(sheets)} PDF pages for the {sheet_count} sheets the page announces"
    )
    assert sorted(ids_in(sheets)) == sorted(IDS * 2)
    fronts = sheets if layout == "fold" else sheets[::2]
    for card in CARDS:
        on = [k + 1 for k, sheet in enumerate(fronts) if flat(card["title"]) in sheet.text]
        assert len(on) == 1, f"{card['title']!r} is on front pages {on}"
    if layout == "duplex":
        check_backs_behind_fronts(tab, sheets)


def check_backs_behind_fronts(tab, sheets):
    """Each back sits on the next page, in the mirrored slot: flipped on the long edge, it lands behind."""
    shares = tab.js(MARK_OFFSETS)
    assert max(shares) - min(shares) < 0.005, "marks start at different places in their faces"
    offset = shares[0] * SLOT_W
    checked = []
    for k in range(0, len(sheets), 2):
        fronts = {card: (x, y) for card, x, y in sheets[k].marks}
        backs = {card: (x, y) for card, x, y in sheets[k + 1].marks}
        assert sorted(fronts) == sorted(backs), f"page {k + 2} does not back page {k + 1}"
        width = sheets[k].width
        for card, (fx, fy) in fronts.items():
            bx, by = backs[card]
            front_centre = fx - offset + SLOT_W / 2
            back_centre = bx - offset + SLOT_W / 2
            assert abs((width - front_centre) - back_centre) < 1.5, (card, fx, bx)
            assert abs(fy - by) < 1.5, (card, fy, by)
            checked.append(card)
    assert sorted(checked) == sorted(IDS)


# ---------- the question cards ----------

QUESTIONS = yaml.safe_load((ROOT / "data" / "questions.yml").read_text(encoding="utf-8"))[
    "questions"
]
QUESTION_W = 63 * MM
QUESTION_STATUS = re.compile(r"^(\d+) questions? on (\d+) sheets?\.")
QUESTION_OFFSETS = """return [...document.querySelectorAll('.closer-qcard')].map(card => {
  const mark = card.querySelector('[data-mark]').getBoundingClientRect();
  const box = card.getBoundingClientRect();
  return (mark.left - box.left) / box.width;
});"""


@pytest.mark.parametrize(
    ("tab", "paper"), printed_in([("a4",), ("letter",)], in_firefox=[("letter",)]), indirect=["tab"]
)
def test_question_cards_print_nine_to_a_sheet_with_backs_behind(tab, base_url, paper):
    tab.goto(base_url + "questions/print/")
    tab.wait_for(
        "return !!document.querySelector('article[data-closer-set-up~=questions-print]')",
        what="the question print sheet",
    )
    tab.check("#layout-duplex")
    tab.check(f"#paper-{paper}")
    status = tab.wait_for(
        """const sheets = document.querySelector('[data-print-sheets]').dataset;
        return sheets.layout === 'duplex' && sheets.paper === arguments[0]
          && document.querySelector('[data-print-status]').textContent;""",
        paper,
        what=f"the question sheets laid out on {paper}",
    )
    announced = QUESTION_STATUS.match(status)
    assert announced and int(announced[1]) == len(QUESTIONS), status
    sheet_count = int(announced[2])
    assert sheet_count == 2 * math.ceil(len(QUESTIONS) / 9)
    if not tab.prints_pdf:
        return
    sheets = read_pdf(tab.pdf(paper))
    assert len(sheets) == sheet_count, f"{len(sheets)} PDF pages for {sheet_count} sheets"
    width, height = PAPERS[paper]
    assert all(abs(s.width - width) < 1 and abs(s.height - height) < 1 for s in sheets)
    fronts = [mark[0] for sheet in sheets[::2] for mark in sheet.marks]
    assert fronts == [q["id"] for q in QUESTIONS], "every question once, in order"
    shares = tab.js(QUESTION_OFFSETS)
    assert max(shares) - min(shares) < 0.01, "marks start at different places in their cards"
    offset = shares[0] * QUESTION_W
    for k in range(0, len(sheets), 2):
        front = {q: (x, y) for q, x, y in sheets[k].marks}
        back = {q: (x, y) for q, x, y in sheets[k + 1].marks}
        assert sorted(front) == sorted(back), f"page {k + 2} does not back page {k + 1}"
        for question, (fx, fy) in front.items():
            bx, by = back[question]
            front_centre = fx - offset + QUESTION_W / 2
            back_centre = bx - offset + QUESTION_W / 2
            assert abs((sheets[k].width - front_centre) - back_centre) < 1.5, (question, fx, bx)
            assert abs(fy - by) < 1.5, (question, fy, by)


# ---------- the challenge workbook ----------

WORKBOOK_READY = "return !!document.querySelector('article[data-closer-set-up~=workbook]')"
SAVED_FOR_PRINT = {
    "version": 1,
    "mode": "together",
    "days": {
        "2": {
            "tasks": {DAYS[1]["tasks"][0]["id"]: True},
            "note": "Paper note, day two.",
            "done": False,
        }
    },
}


@pytest.mark.parametrize(
    ("tab", "paper"), printed_in([("a4",), ("letter",)], in_firefox=[("a4",)]), indirect=["tab"]
)
def test_workbook_prints_each_day_on_its_own_pages_with_or_without_what_i_wrote(
    tab, base_url, paper
):
    tab.goto(base_url + "challenge/print/")
    tab.js("localStorage.setItem('closer.challenge', arguments[0])", json.dumps(SAVED_FOR_PRINT))
    tab.reload()
    tab.wait_for(WORKBOOK_READY, what="the workbook set up")
    tab.check(f"#paper-{paper}")
    tab.wait_for(
        "return document.querySelector('[data-print-sheets]').dataset.paper === arguments[0]",
        paper,
        what=f"the workbook on {paper}",
    )
    # Off by default: empty boxes and lines.
    assert tab.js("return document.querySelectorAll('.closer-wb-box:not(:empty)').length") == 0
    tab.check("#include-mine")
    shows(
        tab,
        "return document.querySelectorAll('.closer-wb-box:not(:empty)').length",
        1,
        "one tick from what was saved",
    )
    if not tab.prints_pdf:
        return
    pages = read_pdf(tab.pdf(paper))
    # A cover, how to use it, and three pages a day, each day starting a page of its own.
    assert len(pages) == 2 + 3 * len(DAYS), [p.text[:30] for p in pages]
    for n, day in enumerate(DAYS):
        first = pages[2 + 3 * n].text
        assert first.startswith(flat(f"Day {day['day']}: {day['title']}")), first[:60]
        for task in day["tasks"]:
            assert flat(task["text"]) in first, task["id"]
        exercises = pages[3 + 3 * n].text
        for card_id in day["exercises"]:
            title = next(c["title"] for c in CARDS if c["id"] == card_id)
            assert flat(title) in exercises, card_id
    mine = " ".join(p.text for p in pages)
    assert "Paper note, day two." in pages[2 + 3 * 1 + 2].text
    assert mine.count("\u2713") == 1
    # And off again: nothing of the reader's prints.
    tab.js("document.querySelector('#include-mine').click()")
    shows(
        tab, "return document.querySelectorAll('.closer-wb-box:not(:empty)').length", 0, "no ticks"
    )
    plain = " ".join(p.text for p in read_pdf(tab.pdf(paper)))
    assert "Paper note, day two." not in plain and "\u2713" not in plain


# ---------- the five-day challenge ----------

DAY_ONE = DAYS[0]
FIRST_TASK = DAY_ONE["tasks"][0]["id"]
# A task with its own "on my own" wording shows which steps are on show.
TWO_WORDINGS = next((t["id"] for t in DAY_ONE["tasks"] if t.get("alone")), None)
NOTE = "Tea on the back step. I said thank you, and meant it."
DAY_STATE = """const root = document.querySelector('[data-page-kind=day]');
const shown = el => !!el && el.getClientRects().length > 0;
const task = arguments[0] && root.querySelector('[data-task="' + arguments[0] + '"] + label');
return {
  ticked: [...root.querySelectorAll('[data-task]')].filter(b => b.checked).map(b => b.dataset.task),
  note: root.querySelector('[data-note]').value,
  mode: [...root.querySelectorAll('[data-mode-choice]')].filter(r => r.checked).map(r => r.value),
  steps: task ? (shown(task.querySelector('.closer-alone')) ? 'alone' : 'together') : undefined,
};"""
SAVED = {"ticked": [FIRST_TASK], "note": NOTE, "mode": ["alone"]}
if TWO_WORDINGS:
    SAVED["steps"] = "alone"


def day_ready(day: int) -> str:
    """A predicate body: challenge day N is on show and challenge.js has set it up."""
    return (
        f"return document.readyState === 'complete' && /^Day {day}:/.test("
        "document.querySelector('h1').textContent) && !!document.querySelector("
        f"'[data-page-kind=day][data-challenge-ready] .closer-day[data-day=\"{day}\"]')"
    )


START_READY = (
    "return document.readyState === 'complete' && "
    "!!document.querySelector('[data-page-kind=challenge][data-challenge-ready]')"
)


def day_one_shows_what_was_saved(tab, when: str):
    """Day 1 shows the tick, the note and "On my own" exactly as the reader left them."""
    body = DAY_STATE.replace("arguments[0]", json.dumps(TWO_WORDINGS))
    shows(tab, body, SAVED, f"day 1 {when} shows the tick, the note and 'On my own'")


@pytest.mark.back_forward_cache
@pytest.mark.parametrize("address", ["site-url", "other-address"])
def test_challenge_walk_keeps_what_the_reader_saved(tab, base_url, other_base_url, address):
    # At the address the site was built for, instant navigation swaps pages in place; on another
    # port it is silently off and every link is a full load, so the back-forward cache matters.
    root = base_url if address == "site-url" else other_base_url
    instant = address == "site-url"
    day_state = "return document.querySelector('[data-day-state=\"1\"]').textContent"

    # The reader starts on the start page and follows "Start with day 1".
    tab.goto(root + "challenge/")
    tab.wait_for(START_READY, what="the start page")
    shows(tab, day_state, "Not started", "day 1 on the start page at first")
    tab.js("window.__closerSamePage = true")
    tab.click("[data-resume]")
    tab.wait_for(day_ready(1), what="day 1, from the start page")
    same_page = tab.js("return window.__closerSamePage === true")
    assert same_page == instant, f"instant navigation should be {'on' if instant else 'off'}"

    tab.check(f'[data-task="{FIRST_TASK}"]')
    tab.fill("[data-note]", NOTE)
    tab.check('[data-page-kind=day] [data-mode-choice][value="alone"]')
    day_one_shows_what_was_saved(tab, "as just saved")

    tab.reload()
    tab.wait_for(day_ready(1), what="day 1 after a reload")
    day_one_shows_what_was_saved(tab, "after a reload")

    # On to day 2 by its link, then Back.
    tab.click('.closer-day__nav a[href$="day-2/"]')
    tab.wait_for(day_ready(2), what="day 2, reached by its link")
    tab.back()
    tab.wait_for(day_ready(1), what="day 1 after Back")
    day_one_shows_what_was_saved(tab, "after Back from day 2")

    # A full load of another page, then Back.
    tab.goto(root)
    tab.back()
    tab.wait_for(day_ready(1), what="day 1 after Back from the home page")
    day_one_shows_what_was_saved(tab, "after Back from a full load of the home page")

    # Day 1 done, then Back to the start page the reader came from: day 1 is "Done" there.
    tab.click("[data-day-done]")
    shows(
        tab,
        "return document.querySelector('[data-day-done]').getAttribute('aria-pressed')",
        "true",
        "the day 1 done button pressed",
    )
    tab.back()
    tab.wait_for(START_READY, what="the start page after Back from day 1")
    shows(tab, day_state, "Done", "day 1 on the start page after Back from day 1 marked done")

    # On to day 2 from the start page, and Back: still "Done".
    tab.click('[data-day="2"] a')
    tab.wait_for(day_ready(2), what="day 2, from the start page")
    tab.back()
    tab.wait_for(START_READY, what="the start page after Back from day 2")
    shows(tab, day_state, "Done", "day 1 on the start page after Back from day 2")


# Catch what "Save my progress to a file" would download; the saving itself is the browser's.
CATCH_EXPORT = """window.__closerExported = null;
const make = URL.createObjectURL;
URL.createObjectURL = (blob) => {
  blob.text().then((text) => { window.__closerExported = text; });
  return make.call(URL, blob);
};
HTMLAnchorElement.prototype.click = function () {};"""
# Choose a file in the import field, as the file picker would.
CHOOSE_FILE = """const input = document.querySelector('[data-import]');
const chosen = new DataTransfer();
chosen.items.add(new File([arguments[0]], 'progress.json', { type: 'application/json' }));
input.files = chosen.files;
input.dispatchEvent(new Event('change', { bubbles: true }));"""


def test_export_and_import_carry_the_challenge_and_the_question_marks(tab, base_url):
    marks = {
        "version": 1,
        "talked": [QUESTIONS[0]["id"]],
        "favourites": [QUESTIONS[0]["id"], QUESTIONS[-1]["id"]],
    }
    tab.goto(base_url + "challenge/day-1/")
    tab.wait_for(day_ready(1), what="day 1")
    tab.check(f'[data-task="{FIRST_TASK}"]')
    tab.fill("[data-note]", NOTE)
    tab.js("localStorage.setItem('closer.questions', JSON.stringify(arguments[0]))", marks)
    saved = tab.js("return JSON.parse(localStorage.getItem('closer.challenge'))")
    assert saved["days"]["1"]["note"] == NOTE

    tab.goto(base_url + "challenge/")
    tab.wait_for(START_READY, what="the start page")
    tab.js(CATCH_EXPORT)
    tab.click("[data-export]")
    exported = json.loads(tab.wait_for("return window.__closerExported", what="the file"))
    assert exported["days"] == saved["days"] and exported["questions"] == marks

    tab.js(
        "localStorage.removeItem('closer.challenge'); localStorage.removeItem('closer.questions')"
    )
    tab.reload()
    tab.wait_for(START_READY, what="the start page, emptied")
    tab.js(CHOOSE_FILE, json.dumps(exported))
    shows(
        tab,
        "return document.querySelector('[data-settings-status]').textContent.includes('loaded')",
        True,
        "the import saying it loaded the file",
    )
    assert tab.js("return JSON.parse(localStorage.getItem('closer.questions'))") == marks
    restored = tab.js("return JSON.parse(localStorage.getItem('closer.challenge'))")
    assert restored["days"] == saved["days"]


# ---------- the deck ----------

VISIBLE_CARDS = """return [...document.querySelectorAll('.closer-deck__item')]
  .filter(item => item.getClientRects().length > 0).map(item => item.dataset.card).sort();"""
PRESSED = """return [...document.querySelectorAll('.closer-deck__item [data-fav]')]
  .filter(b => b.getAttribute('aria-pressed') === 'true').map(b => b.dataset.fav);"""


def test_deck_filters_draws_and_keeps_a_favourite(tab, base_url):
    tab.goto(base_url + "cards/")
    tab.wait_for(ready("deck"), what="the deck's filters")
    shows(tab, VISIBLE_CARDS, sorted(IDS), "every card at first")
    for theme in THEMES:
        tab.select("#filter-theme", theme)
        wanted = sorted(card["id"] for card in CARDS if card["theme"] == theme)
        shows(tab, VISIBLE_CARDS, wanted, f"the {theme} cards only")

    theme = max(THEMES, key=lambda t: sum(card["theme"] == t for card in CARDS))
    wanted = sorted(card["id"] for card in CARDS if card["theme"] == theme)
    tab.select("#filter-theme", theme)
    shows(tab, VISIBLE_CARDS, wanted, f"the {theme} cards only")
    tab.click("[data-draw]")
    drawn = tab.wait_for(
        """const box = document.querySelector('[data-drawn]');
        return box.dataset.card && box.getClientRects().length > 0
          && [box.dataset.card, box.querySelectorAll('a').length, box.textContent];""",
        what="a drawn card",
    )
    card, links, text = drawn
    assert card in wanted and links == 1
    assert next(c["title"] for c in CARDS if c["id"] == card) in text

    favourite = wanted[-1]
    tab.click(f'.closer-deck__item[data-card="{favourite}"] [data-fav]')
    shows(tab, PRESSED, [favourite], "the favourite pressed")
    tab.reload()
    tab.wait_for(ready("deck"), what="the deck after a reload")
    shows(tab, PRESSED, [favourite], "the favourite still pressed after a reload")
    tab.select("#filter-theme", "")
    tab.check("#filter-fav")
    shows(tab, VISIBLE_CARDS, [favourite], "only the favourite under 'Only my favourites'")


# ---------- the privacy page ----------


QUESTIONS_READY = "return !!document.querySelector('article[data-closer-set-up~=questions]')"
SHOWN_QUESTION = "return document.querySelector('[data-question-shown]').dataset.question || null"
MARK_PRESSED = "return document.querySelector('[data-question-mark=' + arguments[0] + ']').getAttribute('aria-pressed')"


def test_question_deck_draws_goes_back_marks_and_suggests_a_set(tab, base_url):
    by_id = {q["id"]: q for q in QUESTIONS}
    tab.goto(base_url + "questions/")
    tab.wait_for(QUESTIONS_READY, what="the question page set up")
    tab.select("#question-depth", "deep")
    tab.select("#question-theme", "values")
    wanted = {q["id"] for q in QUESTIONS if q["depth"] == "deep" and q["theme"] == "values"}
    drawn = []
    for _ in range(3):
        tab.click("[data-question-next]")
        drawn.append(
            tab.wait_for(
                f"const id = (function () {{ {SHOWN_QUESTION} }})(); return id !== arguments[0] && id",
                drawn[-1] if drawn else None,
                what="a new question",
            )
        )
    assert set(drawn) <= wanted and len(set(drawn)) == 3 and drawn[0] != drawn[1]
    text = tab.js("return document.querySelector('[data-question-text]').textContent")
    assert text == by_id[drawn[-1]]["text"]
    # Back to the one before, then mark it talked about and a favourite.
    tab.click("[data-question-back]")
    shows(tab, SHOWN_QUESTION, drawn[1], "the question before, after Back")
    tab.click("[data-question-mark=talked]")
    tab.click("[data-question-mark=favourites]")
    shows(
        tab, MARK_PRESSED.replace("arguments[0]", "'favourites'"), "true", "the favourite pressed"
    )
    # After a reload the marks are still there: only favourites draws just that one.
    tab.reload()
    tab.wait_for(QUESTIONS_READY, what="the question page after a reload")
    tab.check("#question-favourites")
    tab.click("[data-question-next]")
    shows(tab, SHOWN_QUESTION, drawn[1], "the one favourite, drawn")
    shows(
        tab,
        MARK_PRESSED.replace("arguments[0]", "'talked'"),
        "true",
        "talked about, after a reload",
    )
    # A set for tonight: five questions, from light to deep.
    tab.click("[data-question-set]")
    depths = tab.wait_for(
        "const items = [...document.querySelectorAll('[data-question-set-list] li')];"
        " return items.length && items.map(li => li.dataset.depth)",
        what="the set for tonight",
    )
    assert depths == ["light", "light", "deeper", "deeper", "deep"]
    # Clear everything on the privacy page takes the marks too.
    tab.goto(base_url + "about/privacy/")
    tab.wait_for(ready("privacy"), what="the clear button")
    assert tab.js("return localStorage.getItem('closer.questions')")
    tab.click("[data-closer-clear]", dialog="accept")
    shows(tab, "return localStorage.getItem('closer.questions')", None, "the marks cleared")


def test_privacy_page_clears_closer_keys_and_keeps_others(tab, base_url):
    tab.goto(base_url + "about/privacy/")
    tab.wait_for(ready("privacy"), what="the clear button")
    tab.js(
        """localStorage.setItem('closer.challenge', '{"version": 1}');
        localStorage.setItem('closer.favourites', '{"version": 1, "ids": []}');
        localStorage.setItem('someone-else', 'keep me');"""
    )
    message = tab.click("[data-closer-clear]", dialog="accept")
    assert "cannot be undone" in message
    shows(
        tab,
        "return document.querySelector('[data-closer-clear-status]').textContent.startsWith('Done')",
        True,
        "the status line saying it is done",
        # It waits for the service worker and its caches to go: slow in WebKit on a busy machine.
        timeout=20,
    )
    kept = tab.js("return Object.fromEntries(Object.entries(localStorage))")
    assert [key for key in kept if key.startswith("closer.")] == []
    assert kept.get("someone-else") == "keep me"


# ---------- every kind of page: no script errors, and no sideways scroll at 320 px ----------


@pytest.mark.search_index
def test_no_script_errors_on_any_kind_of_page(tab, base_url):
    by_page = {}
    for kind, path in KINDS.items():
        before = len(tab.errors())
        tab.goto(base_url + path)
        tab.wait_for(ready(kind), what=f"the {kind} page to be set up")
        by_page[kind] = tab.errors()[before:]
    tab.js("return 1")  # one more round trip for late reports
    assert tab.errors() == [], {kind: found for kind, found in by_page.items() if found}


# In the test server's 320 px frame: make the frame's own viewport exactly 320 CSS px wide (a
# scrollbar would take some), then measure. The culprits are the innermost elements past the edge.
REFLOW = """const frame = document.getElementById('frame');
const doc = frame.contentDocument;
const root = doc.documentElement;
frame.style.width = (320 + frame.clientWidth - root.clientWidth) + 'px';
const edge = root.clientWidth;
const past = [...doc.body.querySelectorAll('*')].filter(el => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.right > edge + 0.5;
});
const innermost = past.filter(el => !past.some(other => other !== el && el.contains(other)));
return {
  width: edge,
  scroll: root.scrollWidth,
  culprits: innermost.slice(0, 4).map(el => el.tagName.toLowerCase()
    + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
    + ' right=' + Math.round(el.getBoundingClientRect().right)),
};"""


def test_harness_sees_a_sideways_scroll_at_320_px(tab, base_url):
    tab.goto(base_url + "__closer_test/frame.html?src=/__closer_test/wide.html")
    tab.wait_for(
        "const doc = document.getElementById('frame').contentDocument;"
        " return doc && doc.readyState === 'complete' && !!doc.body",
        what="the wide page in the frame",
    )
    found = tab.js(REFLOW)
    assert found["width"] == 320 and found["scroll"] >= 400, found
    assert [c.split()[0] for c in found["culprits"]] == ["p.too-wide"], found


@pytest.mark.search_index
def test_no_sideways_scroll_at_320_px_on_any_kind_of_page(tab, base_url):
    wide = {}
    tab.goto(f"{base_url}__closer_test/frame.html?src=/__closer_test/blank.html")
    for kind, path in KINDS.items():
        # Each page in turn into the same frame, by the frame's own navigation. (Loading a new
        # frame page for each, Firefox under load once in ten runs never finished the top page.)
        # The page itself, not the document before it (complete, and ready at once).
        frame_ready = ready(kind).replace(
            "const doc = document;",
            "const doc = document.getElementById('frame').contentDocument;"
            f" if (!doc || !doc.body || doc.location.pathname !== '/{path}') return false;",
        )
        # Firefox under load, once in a few dozen runs, never finishes a frame's navigation: the
        # frame keeps the page before. Asked again, it loads. (This pass measures widths; that
        # every kind loads and runs without errors is the top-level pass's job, above.)
        for attempt in (1, 2):
            tab.js("document.getElementById('frame').src = arguments[0]", f"/{path}")
            try:
                tab.wait_for(frame_ready, timeout=15, what=f"the {kind} page in the 320 px frame")
                break
            except AssertionError:
                if attempt == 2:
                    raise
        found = tab.js(REFLOW)
        assert found["width"] == 320, found
        if found["scroll"] > found["width"]:
            wide[kind] = found
    assert wide == {}, f"[{tab.engine}] sideways scroll at 320 px: {wide}"


@pytest.fixture(scope="module")
def phone_page(browser):
    """One Chromium tab with a 320 x 640 CSS px window, shared by the every-page pass.

    JavaScript is off: the width comes from the words and the markup, which differ from page to
    page; what the scripts add is the same on every page of a kind, and measured above in every
    engine. (Playwright's evaluate still runs with the page's scripts off.)
    """
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def page_width(phone_page, url: str) -> tuple[int, int]:
    """Open a page in the 320 px tab; return its scroll width and its window's width."""
    phone_page.goto(url, wait_until="load")
    return phone_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_every_page_pass_sees_a_page_too_wide_for_a_phone(phone_page, base_url):
    scroll, client = page_width(phone_page, base_url + "__closer_test/wide.html")
    assert client == 320 and scroll >= 400, (scroll, client)


def test_page_reflows_at_320_px_in_chromium(phone_page, base_url, site_path):
    scroll, client = page_width(phone_page, base_url + site_path)
    assert client == 320
    assert scroll <= client, f"{site_path} is {scroll} CSS px wide in a 320 px window"
