"""The five-day challenge in a real browser, the way a reader uses it.

Ticks and notes that last through reloads and instant navigation, the start page's resume
button, the together/alone switch, export, clear and import, the calendar file, damaged or
blocked storage, "don't save anything", no-JavaScript and print.
"""

import datetime as dt
import json
import re

import icalendar
import pytest
import sitecheck
import yaml
from conftest import ROOT
from pdfsheets import read_pdf
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KEY = "closer.challenge"
CHALLENGE = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text(encoding="utf-8"))
TASKS = {day["day"]: [task["id"] for task in day["tasks"]] for day in CHALLENGE["days"]}
DAY_NAMES = {day["day"]: f"Day {day['day']}: {day['title']}" for day in CHALLENGE["days"]}
# A task on day 1 with a separate "on my own" version, and one without.
TWO_VERSIONS = next(t["id"] for t in CHALLENGE["days"][0]["tasks"] if t.get("alone"))
ONE_VERSION = next(t["id"] for t in CHALLENGE["days"][0]["tasks"] if not t.get("alone"))
ALONE_TEXT = next(t["alone"] for t in CHALLENGE["days"][0]["tasks"] if t["id"] == TWO_VERSIONS)

BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Storage is blocked for this test", "SecurityError"); },
});
"""
# Every write to storage, by key, so a test can say nothing was written.
RECORD_WRITES = """
window.__writes = [];
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (key, ...rest) {
    window.__writes.push(name + " " + key);
    return original.call(this, key, ...rest);
  };
}
"""
# Not data: Material stores the colour palette on every full load, and storage.js checks that
# storage works by writing and at once removing "closer.probe".
NOT_DATA = (".__palette", " closer.probe")


@pytest.fixture
def errors(page):
    """Collect uncaught script errors; the test fails at the end if there were any."""
    seen = []
    page.on("pageerror", lambda err: seen.append(str(err)))
    yield seen
    assert seen == [], seen


@pytest.fixture
def start(base_url):
    return base_url + "challenge/"


def stored(page):
    """The challenge's saved data, parsed, or None when nothing is saved."""
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return None if raw is None else json.loads(raw)


def storage_snapshot(page):
    return page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")


def our_writes(page):
    """Writes to storage since the page loaded or the last reset, leaving out NOT_DATA."""
    return [w for w in page.evaluate("window.__writes") if not w.endswith(NOT_DATA)]


def ready(page, day=None):
    """Wait until challenge.js has set up the page (the start page, or day N)."""
    if day is None:
        selector = "[data-page-kind=challenge][data-challenge-ready]"
    else:
        selector = f'[data-page-kind=day][data-challenge-ready] .closer-day[data-day="{day}"]'
    expect(page.locator(selector)).to_have_count(1)


def open_page(page, url, day=None):
    """A full page load."""
    page.goto(url)
    ready(page, day)


def instant(page, link_name, day=None):
    """Click an in-page link and check the page was swapped, not reloaded."""
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=link_name, exact=True).click()
    if day is None:
        expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(CHALLENGE["title"])))
    else:
        expect(page.locator("h1")).to_have_text(re.compile(rf"^Day {day}:"))
    ready(page, day)
    assert page.evaluate("window.__sameDocument === true"), "the page fully reloaded"


def box(page, task_id):
    return page.locator(f'[data-task="{task_id}"]')


def of(day: int, ticked: int) -> str:
    """What the start page says of a day with some of its tasks ticked."""
    return f"{ticked} of {len(TASKS[day])} tasks"


def day_states(page):
    return [page.locator(f'[data-day-state="{n}"]').inner_text() for n in range(1, 6)]


def resume(page):
    return page.locator("[data-resume]")


def notice(page):
    return page.locator("[data-challenge-notice]")


def settings_status(page):
    return page.locator("[data-settings-status]")


# ---------- a reader's five days ----------


def test_walk_all_five_days_through_reloads_and_instant_navigation(page, start, errors):
    open_page(page, start)
    assert day_states(page) == ["Not started"] * 5
    expect(resume(page)).to_have_text("Start with day 1")

    # Day 1 from the start page's button, without a reload.
    instant(page, "Start with day 1", 1)
    for task in TASKS[1]:
        box(page, task).check()
    page.locator("[data-note]").fill("I felt noticed when you made tea, and I said so.")
    page.get_by_role("button", name="Mark day 1 done").click()
    expect(page.locator("[data-day-status]")).to_contain_text("Day 1 is marked done")
    expect(page.get_by_role("button", name="Mark day 1 done")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.reload()
    ready(page, 1)
    for task in TASKS[1]:
        expect(box(page, task)).to_be_checked()
    expect(page.locator("[data-note]")).to_have_value(
        "I felt noticed when you made tea, and I said so."
    )

    # Days 2 to 5, each reached by the in-page "On to day N" link.
    notes = {}
    for day in range(2, 6):
        instant(page, f"On to day {day}", day)
        # Nothing from the day before shows on this one.
        expect(page.locator("[data-task]:checked")).to_have_count(0)
        expect(page.locator("[data-note]")).to_have_value("")
        ticks = TASKS[day] if day in (2, 4) else TASKS[day][:1]
        for task in ticks:
            box(page, task).check()
        notes[day] = f"Day {day}: one line,\nand a second; with care."
        page.locator("[data-note]").fill(notes[day])
        if day in (2, 4):
            page.get_by_role("button", name=f"Mark day {day} done").click()

    # Back to day 3 by a full load: its tick and note are still there.
    open_page(page, start + "day-3/", 3)
    expect(box(page, TASKS[3][0])).to_be_checked()
    expect(box(page, TASKS[3][1])).not_to_be_checked()
    expect(page.locator("[data-note]")).to_have_value(notes[3])

    # Untick and tick again: the change is saved as you go.
    box(page, TASKS[3][0]).uncheck()
    assert stored(page)["days"]["3"]["tasks"] == {}
    box(page, TASKS[3][0]).check()

    assert stored(page) == {
        "version": 1,
        "mode": "together",
        "days": {
            "1": {
                "tasks": dict.fromkeys(TASKS[1], True),
                "note": "I felt noticed when you made tea, and I said so.",
                "done": True,
            },
            "2": {"tasks": dict.fromkeys(TASKS[2], True), "note": notes[2], "done": True},
            "3": {"tasks": {TASKS[3][0]: True}, "note": notes[3], "done": False},
            "4": {"tasks": dict.fromkeys(TASKS[4], True), "note": notes[4], "done": True},
            "5": {"tasks": {TASKS[5][0]: True}, "note": notes[5], "done": False},
        },
    }

    # The start page, by instant navigation: each day's state, and resume at day 3.
    instant(page, "All five days")
    assert day_states(page) == ["Done", "Done", of(3, 1), "Done", of(5, 1)]
    expect(resume(page)).to_have_text("Continue at day 3")
    assert resume(page).get_attribute("href").endswith("day-3/")
    expect(page.locator("article")).to_contain_text("Missed a day? Just carry on.")

    # And by a full load, after finishing day 3: resume moves on to day 5.
    instant(page, "Continue at day 3", 3)
    page.get_by_role("button", name="Mark day 3 done").click()
    open_page(page, start)
    assert day_states(page) == ["Done", "Done", "Done", "Done", of(5, 1)]
    expect(resume(page)).to_have_text("Continue at day 5")
    instant(page, "Continue at day 5", 5)

    # No time locks: a done day can be opened and undone.
    open_page(page, start + "day-1/", 1)
    page.get_by_role("button", name="Mark day 1 done").click()
    assert stored(page)["days"]["1"]["done"] is False
    open_page(page, start)
    expect(resume(page)).to_have_text("Continue at day 1")


def test_together_or_alone_shows_the_matching_steps_and_is_remembered(page, start, errors):
    open_page(page, start + "day-1/", 1)
    together = page.locator(f'[data-task="{TWO_VERSIONS}"] + label .closer-together')
    alone = page.locator(f'[data-task="{TWO_VERSIONS}"] + label .closer-alone')
    only = page.locator(f'[data-task="{ONE_VERSION}"] + label')
    switch = page.get_by_role("group", name="Show the steps for")

    expect(switch).to_be_visible()
    expect(switch.get_by_label("Doing this together")).to_be_checked()
    expect(together).to_be_visible()
    expect(alone).to_be_hidden()

    switch.get_by_label("On my own").check()
    expect(alone).to_be_visible()
    expect(alone).to_contain_text(" ".join(ALONE_TEXT.split()[:6]))
    expect(together).to_be_hidden()
    expect(only).to_be_visible()  # a task with one version shows it either way
    assert stored(page)["mode"] == "alone"

    page.reload()
    ready(page, 1)
    expect(alone).to_be_visible()
    expect(together).to_be_hidden()

    # The start page shows the same choice, and changing it there changes the days.
    instant(page, "About the challenge")
    expect(page.get_by_label("On my own for now")).to_be_checked()
    page.get_by_label("Together with my partner").check()
    expect(settings_status(page)).to_contain_text("together")
    instant(page, DAY_NAMES[1], 1)
    expect(together).to_be_visible()
    expect(alone).to_be_hidden()
    assert stored(page)["mode"] == "together"


# ---------- export, clear, import ----------


def make_progress(page, start):
    """Some progress on two days, in "alone" mode; return what was stored."""
    open_page(page, start + "day-1/", 1)
    page.get_by_label("On my own").check()
    box(page, TASKS[1][0]).check()
    box(page, TASKS[1][2]).check()
    page.get_by_role("button", name="Mark day 1 done").click()
    instant(page, "On to day 2", 2)
    page.locator("[data-note]").fill(
        "Café talk \u2013 \u201cwhat's new?\u201d\nSecond line, \\ too."
    )
    box(page, TASKS[2][3]).check()
    saved = stored(page)
    assert saved["days"]["2"]["note"].startswith("Café")
    return saved


def test_export_clear_and_import_give_back_exactly_what_was_there(page, start, errors, tmp_path):
    before = make_progress(page, start)
    marks = {"version": 1, "talked": ["song-of-us"], "favourites": ["song-of-us", "tiny-shop"]}
    page.evaluate("m => localStorage.setItem('closer.questions', JSON.stringify(m))", marks)
    open_page(page, start)
    states = day_states(page)
    assert states[:2] == ["Done", of(2, 1)]

    with page.expect_download() as download:
        page.get_by_role("button", name="Save my progress to a file").click()
    assert download.value.suggested_filename.endswith(".json")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["app"] == "closer-challenge"
    assert {k: data[k] for k in ("version", "mode", "days")} == before
    # The question deck's marks travel with the challenge.
    assert data["questions"] == marks
    page.evaluate("() => localStorage.removeItem('closer.questions')")

    # Saying no to the confirmation changes nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear my challenge progress").click()
    assert stored(page) == before
    assert day_states(page) == states

    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Clear my challenge progress").click()
    expect(settings_status(page)).to_contain_text("cleared")
    assert messages and "cannot be undone" in messages[0]
    assert stored(page) is None
    assert day_states(page) == ["Not started"] * 5
    expect(resume(page)).to_have_text("Start with day 1")
    expect(page.get_by_label("Together with my partner")).to_be_checked()

    page.locator("[data-import]").set_input_files(exported)
    expect(settings_status(page)).to_contain_text("loaded from the file")
    assert stored(page) == before
    assert page.evaluate("() => JSON.parse(localStorage.getItem('closer.questions'))") == marks
    assert day_states(page) == states
    expect(page.get_by_label("On my own for now")).to_be_checked()

    open_page(page, start + "day-2/", 2)
    expect(page.locator("[data-note]")).to_have_value(before["days"]["2"]["note"])
    expect(box(page, TASKS[2][3])).to_be_checked()


BAD_IMPORTS = {
    "not JSON": ("this is not JSON {", "could not be read"),
    "an old version": (json.dumps({"version": 0, "progress": [1, 2]}), "Closer can read"),
    "a list": (json.dumps([1, 2, 3]), "not a Closer challenge progress file"),
    "days that are not a map": (json.dumps({"version": 1, "days": "all"}), "cannot use"),
    "a note that is not text": (
        json.dumps({"version": 1, "days": {"1": {"note": 42}}}),
        "cannot use",
    ),
    "another app's file": (json.dumps({"app": "something-else", "version": 1}), "not a Closer"),
    "a newer version": (json.dumps({"version": 7, "days": {}}), "newer version"),
}


def test_a_bad_import_file_says_why_and_changes_nothing(page, start, errors, tmp_path):
    before = make_progress(page, start)
    open_page(page, start)
    states = day_states(page)
    for name, (content, why) in BAD_IMPORTS.items():
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        say(page, "[data-settings-status]", "")
        page.locator("[data-import]").set_input_files(bad)
        expect(settings_status(page), name).to_contain_text("Nothing was changed.")
        expect(settings_status(page), name).to_contain_text(why)
        assert stored(page) == before, name
        assert day_states(page) == states, name


def say(page, selector, text):
    """Clear a status line, so the next message is seen to be new."""
    page.evaluate("([s, t]) => { document.querySelector(s).textContent = t; }", [selector, text])


# ---------- calendar ----------


def test_calendar_file_has_five_daily_reminders_by_rfc_5545(page, start, base_url, errors):
    open_page(page, start)
    today = page.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, local
    expect(page.get_by_label("First day")).to_have_value(today)
    expect(page.get_by_label("Time")).to_have_value("20:00")
    page.get_by_label("First day").fill("2030-03-30")
    page.get_by_label("Time").fill("07:45")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    raw = download.value.path().read_bytes()

    # CRLF line endings only, and no line longer than 75 octets (long ones are folded).
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    assert any(line.startswith(b" ") for line in lines), "expected at least one folded line"
    # Commas in text are escaped.
    assert f"SUMMARY:Closer challenge\\, {DAY_NAMES[1]}".encode() in raw

    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0"
    assert calendar.get("PRODID")
    events = calendar.walk("VEVENT")
    assert len(events) == len(TASKS)
    first = dt.datetime(2030, 3, 30, 7, 45)
    uids = set()
    for n, event in enumerate(events, start=1):
        when = event.decoded("DTSTART")
        assert when == first + dt.timedelta(days=n - 1)
        assert when.tzinfo is None  # floating local time
        assert event.decoded("DTSTAMP").tzinfo is not None
        uids.add(str(event["UID"]))
        day_url = f"{base_url}challenge/day-{n}/"
        assert str(event["URL"]) == day_url
        assert day_url in str(event["DESCRIPTION"])
        assert f"Day {n}:" in str(event["SUMMARY"])
        assert "\n" in str(event["DESCRIPTION"])  # the escaped line break comes back
    assert len(uids) == len(TASKS)


def test_calendar_file_with_plain_titles_says_nothing_about_closer(page, start, errors):
    open_page(page, start)
    page.get_by_label("First day").fill("2030-03-30")
    page.get_by_label('Give every reminder the plain title "Reminder"').check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(TASKS)
    shown = [str(calendar["X-WR-CALNAME"])]
    for event in events:
        assert "DESCRIPTION" not in event
        shown += [str(event["SUMMARY"]), str(event.walk("VALARM")[0]["DESCRIPTION"])]
    assert set(shown) == {"Reminders", "Reminder"}


def test_calendar_needs_a_date(page, start, errors):
    open_page(page, start)
    page.get_by_label("First day").fill("")
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Download calendar file (.ics)").click()
    expect(settings_status(page)).to_contain_text("pick the date")
    assert downloads == []


# ---------- damaged, old or blocked storage ----------


STALE = {
    "version": 1,
    "mode": "alone",
    "days": {
        "1": {
            "tasks": {TASKS[1][0]: True, "a-task-that-was-renamed": True},
            "note": "Still here.",
            "done": False,
        },
        "9": {"tasks": {"x": True}, "note": "", "done": False},
    },
}


@pytest.mark.parametrize(
    ("saved", "said"),
    [
        ("{not json at all", "could not be read"),
        (json.dumps({"version": 0, "ticks": [TASKS[1][0]]}), "older version"),
        (json.dumps([TASKS[1][0]]), "older version"),
        (json.dumps(STALE), "old ticks were removed"),
    ],
    ids=["corrupt-json", "version-0", "unknown-shape", "stale-task-ids"],
)
def test_damaged_saved_data_leaves_a_working_page_and_a_notice(page, start, errors, saved, said):
    open_page(page, start)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, saved])
    open_page(page, start + "day-1/", 1)

    status = page.get_by_role("status").filter(has_text=said)
    expect(status).to_be_visible()
    # Near the top: above the tasks.
    tasks_top = page.locator("#todays-tasks").bounding_box()["y"]
    assert status.bounding_box()["y"] < tasks_top

    # What could be kept is kept (only stale ids lose something), and it was saved cleanly.
    if saved == json.dumps(STALE):
        expect(box(page, TASKS[1][0])).to_be_checked()
        expect(page.locator("[data-note]")).to_have_value("Still here.")
        assert stored(page) == {
            "version": 1,
            "mode": "alone",
            "days": {"1": {"tasks": {TASKS[1][0]: True}, "note": "Still here.", "done": False}},
        }
    else:
        expect(page.locator("[data-task]:checked")).to_have_count(0)
        assert stored(page) == {"version": 1, "mode": "together", "days": {}}

    # The page works: a tick is saved and the start page counts it.
    box(page, TASKS[1][1]).check()
    assert stored(page)["days"]["1"]["tasks"][TASKS[1][1]] is True
    instant(page, "About the challenge")
    assert day_states(page)[0].endswith(f"of {len(TASKS[1])} tasks")
    # The notice was said once; the repaired data needs none.
    expect(notice(page)).to_have_text("")


def test_blocked_storage_gives_a_working_page_that_says_nothing_is_saved(page, start):
    # Material's own inline palette script reads localStorage unguarded and throws here; any
    # error from the site's own scripts (with a stack in /assets/javascripts/) fails the test.
    errors = []
    page.on("pageerror", lambda err: errors.append(f"{err.message} {err.stack}"))
    page.add_init_script(BLOCK_STORAGE)
    open_page(page, start)
    assert page.evaluate(
        "(() => { try { localStorage; return false } catch (e) { return true } })()"
    )

    expect(notice(page)).to_contain_text("will not be saved")
    expect(notice(page)).to_be_visible()
    instant(page, "Start with day 1", 1)
    expect(notice(page)).to_contain_text("will not be saved")
    box(page, TASKS[1][0]).check()
    page.locator("[data-note]").fill("Kept for now.")
    page.get_by_label("On my own").check()
    expect(page.locator(f'[data-task="{TWO_VERSIONS}"] + label .closer-alone')).to_be_visible()

    # Progress lasts across instant navigation, in memory.
    instant(page, "On to day 2", 2)
    instant(page, "Back to day 1", 1)
    expect(box(page, TASKS[1][0])).to_be_checked()
    expect(page.locator("[data-note]")).to_have_value("Kept for now.")
    instant(page, "About the challenge")
    assert day_states(page)[0] == of(1, 1)
    assert [e for e in errors if "/assets/javascripts/" in e or "blocked" not in e] == []


def test_dont_save_mode_writes_nothing(page, start, errors):
    page.add_init_script(RECORD_WRITES)
    open_page(page, start)
    before = storage_snapshot(page)
    assert "closer." not in before
    page.get_by_label("Don't save anything on this device").check()
    expect(settings_status(page)).to_contain_text("nothing is saved on this device")
    expect(page.locator("article")).to_contain_text("gone when you reload or close the tab")
    page.evaluate("window.__writes = []")

    instant(page, "Start with day 1", 1)
    expect(notice(page)).to_contain_text("Saving is off")
    for task in TASKS[1]:
        box(page, task).check()
        assert our_writes(page) == []
    page.locator("[data-note]").press_sequentially("Only in this tab.")
    page.get_by_label("On my own").check()
    page.get_by_role("button", name="Mark day 1 done").click()
    assert our_writes(page) == []
    instant(page, "On to day 2", 2)
    box(page, TASKS[2][0]).check()
    assert our_writes(page) == []
    assert storage_snapshot(page) == before

    # It lasts across instant navigation...
    instant(page, "All five days")
    assert day_states(page)[:2] == ["Done", of(2, 1)]
    expect(page.get_by_label("Don't save anything on this device")).to_be_checked()
    expect(page.get_by_label("On my own for now")).to_be_checked()
    assert our_writes(page) == []
    assert storage_snapshot(page) == before

    # ...but not a reload.
    page.reload()
    ready(page)
    expect(page.get_by_label("Don't save anything on this device")).not_to_be_checked()
    assert day_states(page) == ["Not started"] * 5
    assert "closer." not in storage_snapshot(page)


def test_dont_save_mode_leaves_what_was_saved_alone(page, start, errors):
    open_page(page, start + "day-1/", 1)
    box(page, TASKS[1][0]).check()
    before = stored(page)

    instant(page, "About the challenge")
    page.get_by_label("Don't save anything on this device").check()
    expect(settings_status(page)).to_contain_text("What was saved before is still here")
    instant(page, "Continue at day 1", 1)
    box(page, TASKS[1][1]).check()
    page.locator("[data-note]").fill("Not saved.")
    assert stored(page) == before

    # Turning saving back on saves what is on screen.
    instant(page, "About the challenge")
    page.get_by_label("Don't save anything on this device").uncheck()
    expect(settings_status(page)).to_contain_text("Saving is on again")
    assert stored(page)["days"]["1"]["note"] == "Not saved."


# ---------- without JavaScript, on paper, and for everyone ----------


@pytest.mark.parametrize("day", range(1, 6))
def test_each_day_is_complete_without_javascript(nojs_page, start, day):
    page = nojs_page
    page.goto(f"{start}day-{day}/")
    boxes = page.locator("[data-task]")
    expect(boxes).to_have_count(len(TASKS[day]))
    boxes.first.check()  # a reader can still tick on screen
    expect(page.get_by_role("textbox", name=re.compile(r"\?"))).to_be_visible()
    # Both versions of each task show, and nothing that needs a script.
    expect(page.locator(".closer-alone").first).to_be_visible()
    expect(page.locator(".closer-together").first).to_be_visible()
    expect(page.locator("[data-mode-switch]")).to_be_hidden()
    expect(page.locator("[data-day-done]")).to_be_hidden()
    # Playwright's "no JavaScript" still parses <noscript> as text, so read it as HTML.
    assert "JavaScript turned off" in page.locator("noscript").first.inner_html()
    expect(page.locator("article")).to_contain_text("Missed a day? Just carry on.")
    assert page.locator(".closer-card").count() >= 1


def test_the_start_page_works_without_javascript(nojs_page, start):
    page = nojs_page
    page.goto(start)
    expect(page.locator("[data-resume]")).to_have_text("Start with day 1")
    expect(page.locator("[data-challenge-settings]")).to_be_hidden()
    page.locator("[data-resume]").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Day 1:"))


def test_a_day_prints_with_empty_boxes_and_space_to_write(page, start, errors):
    open_page(page, start + "day-2/", 2)
    box(page, TASKS[2][0]).check()
    page.locator("[data-note]").fill("On screen only.")
    page.emulate_media(media="print")

    for hidden in ["[data-day-done]", "[data-mode-switch]", "[data-note]", ".closer-day__nav"]:
        expect(page.locator(hidden).first).to_be_hidden()
    assert page.locator("article .md-button:visible").count() == 0
    boxes = page.locator("[data-task]")
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_visible()
        assert boxes.nth(i).evaluate("el => getComputedStyle(el).appearance") == "none"
    expect(page.get_by_text(re.compile(r"What did you learn about your partner"))).to_be_visible()
    lines = page.locator(".closer-day__lines span")
    assert lines.count() >= 4
    expect(lines.first).to_be_visible()
    assert lines.first.bounding_box()["height"] > 20

    # A real PDF, with no blank sheet at the end.
    sheets = read_pdf(page.pdf(format="A4"))
    assert "Tick each task" in sheets[0].text
    assert sheets[-1].text != ""
    page.emulate_media(media="screen")
    expect(page.locator("[data-day-done]")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_challenge_pages_with_notices_pass_axe(page, start, scheme):
    page.emulate_media(color_scheme=scheme)
    page.add_init_script(BLOCK_STORAGE)  # so the notice line shows
    for url in (start, start + "day-4/"):
        page.goto(url)
        found = sitecheck.axe_violations(page)
        assert found == [], (url, found)
        expect(notice(page)).not_to_have_text("")


def test_controls_work_from_the_keyboard(page, start, errors):
    open_page(page, start + "day-1/", 1)
    box(page, TASKS[1][0]).focus()
    page.keyboard.press("Space")
    expect(box(page, TASKS[1][0])).to_be_checked()
    outline = box(page, TASKS[1][0]).evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.get_by_role("button", name="Mark day 1 done").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Mark day 1 done")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert stored(page)["days"]["1"]["done"] is True
