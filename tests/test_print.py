"""The print sheet (cards/print/): real PDFs from Chromium, read back with PDFium."""

import json
import math
from pathlib import Path

import pytest
import sitecheck
import yaml
from closer.deck import BACK_ITEMS
from pdfsheets import PAPERS, SLOT_W, Sheet, ids_in, read_pdf

ROOT = Path(__file__).resolve().parent.parent
CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))["exercises"]
IDS = [card["id"] for card in CARDS]

pytestmark = pytest.mark.browser


def open_print(page, base_url, layout="fold", paper="a4", which="all"):
    page.goto(base_url + "cards/print/")
    page.locator("article[data-closer-set-up~=print]").wait_for()
    page.check(f"#layout-{layout}")
    page.check(f"#paper-{paper}")
    page.select_option("#print-which", which)


def make_pdf(page, fallback_format="Letter") -> list[Sheet]:
    return read_pdf(
        page.pdf(prefer_css_page_size=True, print_background=True, format=fallback_format)
    )


# Page counts, titles and backs for each paper and layout are in test_engines.py, in Chromium and
# Firefox. Here: what only Chromium's print settings can show, and what each choice prints.


@pytest.mark.parametrize(("layout", "paper"), [("duplex", "a4"), ("fold", "letter")])
def test_the_chosen_paper_size_comes_from_the_page_itself(page, base_url, layout, paper):
    open_print(page, base_url, layout, paper)
    # The print dialog's paper is the other size: the chosen one must come from the page's CSS.
    sheets = make_pdf(page, "Letter" if paper == "a4" else "A4")
    width, height = PAPERS[paper]
    for number, sheet in enumerate(sheets, 1):
        assert abs(sheet.width - width) < 1 and abs(sheet.height - height) < 1, (
            f"page {number} is {sheet.width} x {sheet.height} pt"
        )
    n = len(CARDS)
    assert len(sheets) == (math.ceil(n / 2) if layout == "fold" else 2 * math.ceil(n / 4))
    assert sorted(ids_in(sheets)) == sorted(IDS * 2)


def test_only_the_sheets_print(page, base_url):
    open_print(page, base_url, "fold", "a4")
    text = " ".join(sheet.text for sheet in make_pdf(page))
    for chrome in (
        "Print the cards at 100%",
        "Cut along the light grey lines",
        "long-edge binding",
        "Which cards",
        "My printer's paper",
        "Skip to content",
        "Not feeling safe with your partner",
    ):
        assert chrome not in text


@pytest.mark.parametrize("layout", ["fold", "duplex"])
def test_faces_fit_their_slots_and_slots_fit_their_sheets(page, base_url, layout):
    open_print(page, base_url, layout, "a4")
    page.emulate_media(media="print")
    report = page.evaluate(
        """() => [...document.querySelectorAll('.closer-sheet')].map(sheet => {
          const s = sheet.getBoundingClientRect();
          return {
            sheet: [s.width, s.height],
            faces: [...sheet.querySelectorAll('.closer-face')].map(face => {
              const r = face.getBoundingClientRect();
              const sizes = [...face.querySelectorAll('*')]
                .filter(el => el.textContent.trim())
                .map(el => parseFloat(getComputedStyle(el).fontSize));
              return {
                id: face.dataset.card + ' ' + face.dataset.face,
                box: [r.left - s.left, r.top - s.top, r.right - s.left, r.bottom - s.top],
                size: [r.width, r.height],
                scroll: [face.scrollWidth, face.scrollHeight, face.clientWidth, face.clientHeight],
                smallest: Math.min(...sizes),
              };
            }),
          };
        })"""
    )
    px_per_mm = 96 / 25.4
    faces = [face for sheet in report for face in sheet["faces"]]
    assert len(faces) == 2 * len(CARDS)
    for sheet in report:
        assert sheet["sheet"] == pytest.approx([190 * px_per_mm, 250 * px_per_mm], abs=1)
        for face in sheet["faces"]:
            left, top, right, bottom = face["box"]
            w, h = sheet["sheet"]
            assert left >= -0.5 and top >= -0.5 and right <= w + 0.5 and bottom <= h + 0.5, face
            assert face["size"] == pytest.approx([95 * px_per_mm, 125 * px_per_mm], abs=1), face
            sw, sh, cw, ch = face["scroll"]
            assert sh <= ch and sw <= cw, f"{face['id']} overflows its slot: {face['scroll']}"
            # Never smaller than 8 pt (8 pt = 10.67 CSS px).
            assert face["smallest"] >= 8 * 96 / 72 - 0.01, face


# "My printer's paper": one page box that fits both A4 and Letter, whichever the printer has.
@pytest.mark.parametrize(("paper", "fmt"), [("auto", "A4"), ("auto", "Letter")])
def test_duplex_backs_land_behind_their_fronts(page, base_url, paper, fmt):
    open_print(page, base_url, "duplex", paper)
    page.emulate_media(media="print")
    # Where the mark starts inside its face, so the PDF's mark positions give the slot's centre.
    offsets = page.evaluate(
        """() => [...document.querySelectorAll('.closer-face')].map(face => {
          const m = face.querySelector('[data-mark]').getBoundingClientRect();
          return m.left - face.getBoundingClientRect().left;
        })"""
    )
    assert max(offsets) - min(offsets) < 0.5
    offset = offsets[0] * 0.75  # CSS px to points
    sheets = make_pdf(page, fmt)
    assert len(sheets) == 2 * math.ceil(len(CARDS) / 4)
    width, height = PAPERS[fmt.lower()]
    for sheet in sheets:
        # Playwright's A4 is 8.27 x 11.7 in, a hair off 210 x 297 mm.
        assert abs(sheet.width - width) < 2 and abs(sheet.height - height) < 2
    width = sheets[0].width
    pages = []
    for sheet in sheets:
        assert len({m[0] for m in sheet.marks}) == len(sheet.marks), "a card twice on one side"
        pages.append({card_id: (x, y) for card_id, x, y in sheet.marks})
    checked = []
    for k in range(0, len(pages), 2):
        fronts, backs = pages[k], pages[k + 1]
        assert sorted(fronts) == sorted(backs), f"sheet {k + 2} does not back sheet {k + 1}"
        assert 1 <= len(fronts) <= 4
        for card_id, (fx, fy) in fronts.items():
            bx, by = backs[card_id]
            front_centre = fx - offset + SLOT_W / 2
            back_centre = bx - offset + SLOT_W / 2
            assert abs((width - front_centre) - back_centre) < 1.5, (card_id, fx, bx)
            assert abs(fy - by) < 1.5, (card_id, fy, by)
            checked.append(card_id)
    assert sorted(checked) == sorted(IDS)
    # Fronts come in deck order, so a cut stack reads like the deck.
    assert [i for p in pages[::2] for i in sorted(p, key=lambda c: (-p[c][1], p[c][0]))] == IDS


SHEETS = """() => [...document.querySelectorAll('[data-print-sheets] .closer-sheet')].map(sheet =>
  [...sheet.querySelectorAll('.closer-face')].map(face => face.dataset.card + ' ' + face.dataset.face))"""


def sheets_on_screen(page) -> list[list[str]]:
    """The sheets as laid out for printing: each a list of 'card-id front|back'."""
    return page.evaluate(SHEETS)


@pytest.mark.parametrize("layout", ["fold", "duplex"])
def test_each_theme_prints_only_its_cards(page, base_url, layout):
    open_print(page, base_url, layout, "a4")
    for theme in sorted({card["theme"] for card in CARDS}):
        page.select_option("#print-which", f"theme:{theme}")
        wanted = [card["id"] for card in CARDS if card["theme"] == theme]
        sheets = sheets_on_screen(page)
        n = len(wanted)
        assert len(sheets) == (math.ceil(n / 2) if layout == "fold" else 2 * math.ceil(n / 4))
        faces = sorted(face for sheet in sheets for face in sheet)
        assert faces == sorted(f"{i} {side}" for i in wanted for side in ("front", "back"))
        assert (
            page.locator("[data-print-status]")
            .inner_text()
            .startswith(f"{n} card{'s' if n != 1 else ''} on {len(sheets)} sheet")
        )


def test_favourites_print_only_saved_cards_that_still_exist(page, base_url):
    page.goto(base_url + "cards/print/")
    page.evaluate(
        """() => localStorage.setItem('closer.favourites', JSON.stringify(
          {version: 1, ids: ['appreciation', 'no-such-card', 'long-hug', 42]}))"""
    )
    open_print(page, base_url, "fold", "a4", "fav")
    assert page.locator("[data-print-status]").inner_text().startswith("2 cards on 1 sheet")
    assert sheets_on_screen(page) == [
        ["appreciation front", "appreciation back", "long-hug front", "long-hug back"]
    ]


def test_favourites_with_nothing_saved_prints_nothing_and_says_so(page, base_url):
    open_print(page, base_url, "fold", "a4", "fav")
    assert "no favourites" in page.locator("[data-print-status]").inner_text()
    assert page.locator("[data-print-button]").is_disabled()
    assert page.locator(".closer-face").count() == 0


def test_print_button_opens_the_print_dialog(page, base_url):
    open_print(page, base_url)
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("[data-print-button]")
    assert page.evaluate("window.printed") == 1


def test_without_javascript_all_cards_print_as_fold_cards(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + "cards/print/")
    assert not page.locator("[data-print-controls]").is_visible()
    sheets = make_pdf(page, "A4")
    assert len(sheets) == math.ceil(len(CARDS) / 2)
    assert sorted(ids_in(sheets)) == sorted(IDS * 2)
    # Each fold sheet holds two cards, each a row: front on the left, back beside it.
    for number, sheet in enumerate(sheets, 1):
        rows = {}
        for card_id, x, y in sheet.marks:
            rows.setdefault(card_id, []).append((x, y))
        assert len(rows) == min(2, len(IDS) - 2 * (number - 1))
        for (front_x, front_y), (back_x, back_y) in rows.values():
            assert abs(front_y - back_y) < 1
            assert back_x - front_x == pytest.approx(SLOT_W, abs=1.5)


def test_fold_rows_keep_front_and_back_side_by_side(page, base_url):
    open_print(page, base_url, "fold", "a4")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.closer-pair')].map(pair =>
          [...pair.children].map(f => f.dataset.card + ':' + f.dataset.face))"""
    )
    assert rows == [[f"{i}:front", f"{i}:back"] for i in IDS]
    fold = page.evaluate(
        """() => getComputedStyle(document.querySelector('.closer-pair .closer-face--back'))
          .borderLeftStyle"""
    )
    assert fold == "dotted"


def test_screen_preview_fits_a_phone(new_context, base_url):
    context = new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(base_url + "cards/print/")
        sizes = page.evaluate(
            """() => {
              const sheet = document.querySelector('.closer-sheet').getBoundingClientRect();
              const face = document.querySelector('.closer-face');
              return {sheet: [sheet.left, sheet.right, sheet.width / sheet.height],
                      page: document.documentElement.scrollWidth, view: window.innerWidth,
                      fits: face.scrollHeight <= face.clientHeight};
            }"""
        )
        left, right, ratio = sizes["sheet"]
        assert left >= 0 and right <= sizes["view"]
        assert sizes["page"] <= sizes["view"]
        assert ratio == pytest.approx(190 / 250, abs=0.01)
        assert sizes["fits"]
    finally:
        context.close()


@pytest.mark.parametrize("ways_to_adapt", [0, 1, 2])
def test_a_card_at_every_schema_limit_still_fits(page, base_url, ways_to_adapt):
    schema = json.loads((ROOT / "data" / "schemas" / "exercises.schema.json").read_text("utf-8"))
    fields = schema["properties"]["exercises"]["items"]["properties"]

    def text(limit):
        words = "Tell your partner one small thing you noticed today and how it felt to you. "
        return (words * (limit // len(words) + 1))[:limit].strip()

    limits = {
        "title": text(fields["title"]["maxLength"]),
        "summary": text(fields["summary"]["maxLength"]),
        "steps": [text(fields["steps"]["items"]["maxLength"])] * fields["steps"]["maxItems"],
        # Prompts and ways to adapt the card share its back, up to a limit the loader enforces.
        "prompts": [text(fields["prompts"]["items"]["maxLength"])]
        * min(fields["prompts"]["maxItems"], BACK_ITEMS - ways_to_adapt),
        "why": text(fields["why"]["maxLength"]),
        "source": text(fields["source"]["maxLength"]),
        "adapt": [
            "Living apart? " + text(fields["living_apart"]["maxLength"]),
            "If eye contact is hard: " + text(fields["without_eye_contact"]["maxLength"]),
        ][:ways_to_adapt],
        "id": "a" * fields["id"]["maxLength"],
    }
    # Fill a real card that has every part (prompts and a source) up to the limits.
    limits["card"] = next(c["id"] for c in CARDS if c.get("prompts") and c.get("source"))
    open_print(page, base_url, "duplex", "a4")
    page.emulate_media(media="print")
    fits = page.evaluate(
        """(c) => {
          const front = document.querySelector(`[data-face="front"][data-card="${c.card}"]`);
          const back = document.querySelector(`[data-face="back"][data-card="${c.card}"]`);
          const list = (el, items) => {
            el.textContent = '';
            for (const item of items) el.appendChild(document.createElement('li')).textContent = item;
          };
          front.querySelector('.closer-face__meta').textContent =
            'On your own · For one or two · about 120 min';
          front.querySelector('.closer-face__title').textContent = c.title;
          front.querySelector('.closer-face__summary').textContent = c.summary;
          list(front.querySelector('ol'), c.steps);
          back.querySelector('.closer-face__title').textContent = c.title;
          list(back.querySelector('ul'), c.prompts);
          back.querySelectorAll('.closer-face__adapt').forEach(p => p.remove());
          const why = back.querySelector('.closer-face__why');
          for (const line of c.adapt) {
            const p = document.createElement('p');
            p.className = 'closer-face__adapt';
            p.textContent = line;
            why.previousElementSibling.before(p);
          }
          why.textContent = c.why;
          back.querySelector('.closer-face__source').textContent = 'Based on: ' + c.source;
          for (const face of [front, back]) {
            face.querySelector('[data-mark]').textContent = 'Closer · ' + c.id;
          }
          return [front, back].map(f => f.scrollHeight <= f.clientHeight && f.scrollWidth <= f.clientWidth);
        }""",
        limits,
    )
    assert fits == [True, True]


def test_print_page_in_use_has_no_axe_violations(page, base_url):
    open_print(page, base_url, "duplex", "letter", "theme:talk")
    assert sitecheck.axe_violations(page) == []
