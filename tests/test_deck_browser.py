"""The deck (cards/) in a real browser: filters, draw a card, favourites, and bad saved data."""

import json
from pathlib import Path

import pytest
import sitecheck
import yaml
from playwright.sync_api import expect as expect_that

ROOT = Path(__file__).resolve().parent.parent
CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))["exercises"]
IDS = [card["id"] for card in CARDS]
THEMES = sorted({card["theme"] for card in CARDS})

pytestmark = pytest.mark.browser


@pytest.fixture
def errors(page):
    """Script errors the page throws during a test."""
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def open_deck(page, base_url):
    page.goto(base_url + "cards/")
    page.locator("article[data-closer-set-up~=deck]").wait_for()


def shown(page) -> list[str]:
    return page.locator(".closer-deck__item:visible").evaluate_all(
        "els => els.map(e => e.dataset.card)"
    )


def shown_groups(page) -> set[str]:
    return set(
        page.locator("h2[data-deck-group]:visible").evaluate_all("els => els.map(e => e.id)")
    )


def expect(**rules) -> list[str]:
    """The ids the filters should show, worked out from the YAML, not from the page."""
    out = []
    for card in CARDS:
        if rules.get("theme") and card["theme"] != rules["theme"]:
            continue
        if rules.get("who") and card["with"] not in (rules["who"], "either"):
            continue
        if rules.get("time") and card["minutes"] > rules["time"]:
            continue
        out.append(card["id"])
    return out


def check_shown(page, wanted):
    assert sorted(shown(page)) == sorted(wanted)
    assert shown_groups(page) == {c["theme"] for c in CARDS if c["id"] in wanted}
    status = page.locator("[data-deck-count]").inner_text()
    if len(wanted) == len(IDS):
        assert status == f"Showing all {len(IDS)} cards."
    elif wanted:
        assert status == f"Showing {len(wanted)} of {len(IDS)} cards."
    else:
        assert status.startswith(("No cards match", "You have no favourites"))


def saved(page):
    return page.evaluate("() => JSON.parse(localStorage.getItem('closer.favourites'))")


def test_all_cards_show_at_first(page, base_url, errors):
    open_deck(page, base_url)
    assert sorted(shown(page)) == sorted(IDS)
    assert page.locator("[data-deck-count]").inner_text() == f"Showing all {len(IDS)} cards."
    assert errors == []


def test_each_theme_and_who_filter_shows_exactly_its_cards(page, base_url):
    open_deck(page, base_url)
    for theme in THEMES:
        page.select_option("#filter-theme", theme)
        check_shown(page, expect(theme=theme))
        # The table of contents lists only the groups on show.
        toc = page.locator(".md-sidebar--secondary .md-nav--secondary a:visible")
        assert [h.split("#")[-1] for h in toc.evaluate_all("as => as.map(a => a.href)")] == [theme]
    page.select_option("#filter-theme", "")
    for who in ("together", "solo"):
        page.select_option("#filter-with", who)
        wanted = expect(who=who)
        check_shown(page, wanted)
        # Cards for one or two count for both.
        assert any(c["with"] == "either" and c["id"] in wanted for c in CARDS)


def test_every_time_limit_shows_cards_that_fit_it(page, base_url):
    open_deck(page, base_url)
    limits = page.locator("#filter-time option").evaluate_all("os => os.map(o => o.value)")
    limits = [int(v) for v in limits if v]
    assert limits
    for limit in limits:
        page.select_option("#filter-time", str(limit))
        check_shown(page, expect(time=limit))


def test_filters_combine_and_show_all_resets_them(page, base_url):
    open_deck(page, base_url)
    page.select_option("#filter-theme", "repair")
    page.select_option("#filter-with", "solo")
    page.select_option("#filter-time", "20")
    check_shown(page, expect(theme="repair", who="solo", time=20))
    page.select_option("#filter-theme", "touch")
    page.select_option("#filter-time", "5")
    check_shown(page, expect(theme="touch", who="solo", time=5))
    page.get_by_role("button", name="Show all").click()
    expect_that(page.locator(".closer-deck__item:not([hidden])")).to_have_count(len(IDS))
    check_shown(page, IDS)


DRAW_RULES = [
    {},
    {"theme": "listen"},
    {"who": "solo", "time": 10},
    {"theme": "talk", "who": "together"},
]


def test_draw_a_card_picks_a_matching_card_and_focuses_it(page, base_url):
    open_deck(page, base_url)
    titles = {c["id"]: c["title"] for c in CARDS}
    summaries = {c["id"]: " ".join(c["summary"].split()) for c in CARDS}
    for rules in DRAW_RULES:
        page.get_by_role("button", name="Show all").click()
        if "theme" in rules:
            page.select_option("#filter-theme", rules["theme"])
        if "who" in rules:
            page.select_option("#filter-with", rules["who"])
        if "time" in rules:
            page.select_option("#filter-time", str(rules["time"]))
        wanted = expect(**rules)
        drawn = set()
        for _ in range(8):
            page.click("[data-draw]")
            card = page.locator("[data-drawn]").get_attribute("data-card")
            assert card in wanted, rules
            drawn.add(card)
            box = page.locator("[data-drawn]")
            assert box.is_visible()
            assert page.evaluate(
                "document.activeElement === document.querySelector('[data-drawn]')"
            )
            link = box.get_by_role("link", name=titles[card])
            assert link.evaluate("a => a.href") == f"{base_url}cards/{card}/"
            assert summaries[card] in " ".join(box.inner_text().split())
        if len(wanted) > 3:
            assert len(drawn) > 1, f"eight draws all gave the same card ({rules})"


def test_draw_with_no_match_draws_nothing(page, base_url):
    open_deck(page, base_url)
    page.check("#filter-fav")
    page.click("[data-draw]")
    assert page.locator("[data-drawn]").inner_text() == ""
    assert "no favourites" in page.locator("[data-deck-count]").inner_text()


def test_drawn_card_link_opens_its_page(page, base_url):
    open_deck(page, base_url)
    page.click("[data-draw]")
    card = page.locator("[data-drawn]").get_attribute("data-card")
    page.locator("[data-drawn] a").click()
    page.wait_for_url(f"**/cards/{card}/")
    # Instant navigation changes the address before it swaps the content: wait for the new title.
    title = next(c["title"] for c in CARDS if c["id"] == card)
    expect_that(page.get_by_role("heading", level=1, name=title, exact=True)).to_be_visible()


def test_favourites_from_deck_and_card_page_show_and_survive_a_reload(page, base_url, errors):
    deck_pick, card_pick = IDS[3], IDS[-2]
    open_deck(page, base_url)
    button = page.locator(f'.closer-deck__item [data-fav="{deck_pick}"]')
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert saved(page) == {"version": 1, "ids": [deck_pick]}

    page.goto(base_url + f"cards/{card_pick}/")
    on_card = page.locator(f'[data-fav="{card_pick}"]')
    assert on_card.is_visible()
    on_card.click()
    assert on_card.get_attribute("aria-pressed") == "true"

    for _ in range(2):  # once as it is, once after a reload
        open_deck(page, base_url)
        page.check("#filter-fav")
        check_shown(page, [deck_pick, card_pick])
        assert page.locator('[data-fav][aria-pressed="true"]').count() == 2
        page.reload()

    # Un-favourite one: under "only my favourites" it goes, and focus is not lost.
    open_deck(page, base_url)
    page.check("#filter-fav")
    page.locator(f'[data-fav="{deck_pick}"]').click()
    check_shown(page, [card_pick])
    assert page.evaluate("document.activeElement.matches('[data-deck-count]')")
    assert saved(page) == {"version": 1, "ids": [card_pick]}
    assert errors == []


def test_favourites_work_after_instant_navigation(page, base_url, errors):
    # Material swaps pages without reloading scripts: setup must rerun, listeners must not double.
    page.goto(base_url + f"cards/{IDS[0]}/")
    page.get_by_role("link", name="Back to the deck").click()
    page.wait_for_url("**/cards/")
    page.locator("article[data-closer-set-up~=deck]").wait_for()
    page.locator(f'.closer-deck__item [data-fav="{IDS[1]}"]').click()
    assert saved(page) == {"version": 1, "ids": [IDS[1]]}
    page.select_option("#filter-theme", CARDS[1]["theme"])
    check_shown(page, expect(theme=CARDS[1]["theme"]))
    page.locator(f".closer-deck__item[data-card='{IDS[1]}'] a").click()
    # Instant navigation changes the address before it swaps the page: wait for the card itself.
    expect_that(
        page.get_by_role("heading", level=1, name=CARDS[1]["title"], exact=True)
    ).to_be_visible()
    expect_that(page.locator(f'[data-fav="{IDS[1]}"]')).to_have_attribute("aria-pressed", "true")
    assert errors == []


BAD_FAVOURITES = [
    "{not json",
    json.dumps({"version": 2, "ids": [IDS[0]]}),
    json.dumps([IDS[0]]),
    json.dumps({"version": 1, "ids": "everything"}),
    json.dumps({"version": 1, "ids": [None, 7, {"id": IDS[0]}]}),
    json.dumps("favourites"),
    json.dumps(None),
]


def test_corrupt_or_foreign_favourites_leave_a_working_deck(page, base_url, errors):
    play = expect(theme="play")
    page.goto(base_url + "cards/")
    for raw in BAD_FAVOURITES:
        page.evaluate("raw => localStorage.setItem('closer.favourites', raw)", raw)
        open_deck(page, base_url)
        check_shown(page, IDS)
        assert page.locator('[data-fav][aria-pressed="true"]').count() == 0, raw
        page.check("#filter-fav")
        check_shown(page, [])
        page.uncheck("#filter-fav")
        page.select_option("#filter-theme", "play")
        check_shown(page, play)
        # Saving a favourite replaces the bad data with good data.
        page.locator(f'.closer-deck__item [data-fav="{play[0]}"]').click()
        assert saved(page) == {"version": 1, "ids": [play[0]]}, raw
    assert errors == []


def test_favourites_no_longer_in_the_deck_are_ignored_and_dropped(page, base_url, errors):
    page.goto(base_url + "cards/")
    stale = {"version": 1, "ids": ["a-card-that-was-removed", IDS[5]]}
    page.evaluate("v => localStorage.setItem('closer.favourites', JSON.stringify(v))", stale)
    open_deck(page, base_url)
    page.check("#filter-fav")
    check_shown(page, [IDS[5]])
    page.uncheck("#filter-fav")
    page.locator(f'.closer-deck__item [data-fav="{IDS[6]}"]').click()
    assert saved(page) == {"version": 1, "ids": [IDS[5], IDS[6]]}
    assert errors == []


def test_without_storage_the_deck_still_filters(new_context, base_url):
    context = new_context()
    # Storage that refuses writes, as in some private browsing modes.
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    try:
        page = context.new_page()
        found = []
        page.on("pageerror", lambda error: found.append(str(error)))
        open_deck(page, base_url)
        assert not page.locator("#filter-fav").is_visible()
        assert page.locator("[data-fav]:visible").count() == 0
        page.select_option("#filter-theme", "ritual")
        check_shown(page, expect(theme="ritual"))
        assert found == []
    finally:
        context.close()


def test_without_javascript_the_deck_is_a_complete_list(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + "cards/")
    assert not page.locator("[data-deck-filters]").is_visible()
    assert sorted(shown(page)) == sorted(IDS)
    assert page.locator("[data-fav]:visible").count() == 0
    for card in CARDS:
        link = page.locator(f".closer-deck__item[data-card='{card['id']}'] a")
        assert link.inner_text() == card["title"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_deck_in_use_has_no_axe_violations(new_context, base_url, scheme):
    context = new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_deck(page, base_url)
        page.locator(f'.closer-deck__item [data-fav="{IDS[0]}"]').click()
        page.select_option("#filter-with", "together")
        page.click("[data-draw]")
        assert sitecheck.axe_violations(page) == []
    finally:
        context.close()


# ---------- sets of cards by link ----------


def make_set(page, base_url, ids, title=""):
    """On the deck, make a set of these cards; return its link."""
    open_deck(page, base_url)
    page.get_by_role("button", name="Make a set to share").click()
    for card_id in ids:
        page.check(f'[data-set-pick="{card_id}"]')
    if title:
        page.fill("[data-set-title]", title)
    expect_that(page.locator("[data-set-count]")).to_have_text(f"{len(ids)} cards in the set.")
    return page.input_value("[data-set-link]")


def test_a_set_link_opens_just_its_cards_for_someone_who_never_visited(page, new_context, base_url):
    chosen = [IDS[2], IDS[9], IDS[20]]
    link = make_set(page, base_url, chosen, "This week: small steps")
    assert link.startswith(base_url + "cards/#set=")
    assert saved(page) is None, "making a set saves nothing"

    client = new_context().new_page()
    client.goto(link)
    client.locator("article[data-closer-set-up~=card-sets]").wait_for()
    expect_that(client.locator("[data-set-heading]")).to_have_text("This week: small steps")
    check_shown(client, chosen)
    assert client.evaluate("Object.keys(localStorage).filter(k => k.startsWith('closer.'))") == []

    # "Print this set": the print sheet with just those cards.
    client.get_by_role("link", name="Print this set").click()
    client.locator("article[data-closer-set-up~=print]").wait_for()
    assert client.locator("#print-which").input_value() == "set"
    faces = client.locator(".closer-face[data-face=front]").evaluate_all(
        "fs => fs.map(f => f.dataset.card)"
    )
    assert faces == [i for i in IDS if i in chosen] or faces == chosen
    assert client.locator("[data-print-status]").inner_text().startswith("3 cards on 2 sheets.")


def test_a_set_link_with_an_unknown_card_says_so_and_shows_the_rest(page, base_url):
    page.goto(f"{base_url}cards/#set={IDS[0]},retired-card,{IDS[1]}")
    page.locator("article[data-closer-set-up~=card-sets]").wait_for()
    notice = page.locator("[data-set-notice]").inner_text()
    assert '"retired-card"' in notice and "The other 2 cards are shown." in notice
    check_shown(page, [IDS[0], IDS[1]])
    # Leaving the set shows the whole deck again.
    page.get_by_role("link", name="Show the whole deck").click()
    expect_that(page.locator(".closer-deck__item:not([hidden])")).to_have_count(len(IDS))


def test_favourites_and_sets_leave_each_other_alone(new_context, base_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_deck(page, base_url)
    page.locator(f'.closer-deck__item [data-fav="{IDS[4]}"]').click()
    before = saved(page)
    link = make_set(page, base_url, [IDS[7], IDS[8]], "Homework")
    page.get_by_role("button", name="Copy as a message").click()
    expect_that(page.locator("[data-set-status]")).to_contain_text("copied")
    message = page.evaluate("navigator.clipboard.readText()")
    titles = [c["title"] for c in CARDS if c["id"] in (IDS[7], IDS[8])]
    assert message.startswith("Cards from Closer: Homework") and link in message
    assert all(f"- {t}" in message for t in titles)
    # In a new tab, as the person it is for will see it; the set being made stays in this one.
    with context.expect_page() as opened:
        page.get_by_role("link", name="Open the set in a new tab").click()
    shown_set = opened.value
    shown_set.locator("article[data-closer-set-up~=card-sets]").wait_for()
    expect_that(shown_set.locator("[data-set-heading]")).to_have_text("Homework")
    check_shown(shown_set, [IDS[7], IDS[8]])
    assert page.input_value("[data-set-title]") == "Homework"
    assert saved(shown_set) == before, "the set did not touch the favourites"
    # The favourite's button still shows it, even though that card is not in the set on show.
    expect_that(shown_set.locator(f'[data-fav="{IDS[4]}"]')).to_have_attribute(
        "aria-pressed", "true"
    )
