"""Robustness: any YAML text gives a model or the one-line error, and `mkdocs serve` survives bad data."""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from closer import challenge, deck, pages, questions
from closer.errors import DataError
from conftest import ROOT, free_port
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build import copy_project

DECK_SCHEMA = ROOT / "data" / "schemas" / "exercises.schema.json"
CHALLENGE_SCHEMA = ROOT / "data" / "schemas" / "challenge.schema.json"
REAL_DECK = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text(encoding="utf-8"))
REAL_CHALLENGE = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text(encoding="utf-8"))
ONE_LINE = re.compile(r"^data/\w+\.yml(:\d+)?: [^\n]+$")

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def outcome(load, text: str, tmp_path: Path, name: str):
    """Load text; return the model, or the DataError, whose message must be one line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        return load(path)
    except DataError as err:
        assert ONE_LINE.match(str(err)), repr(str(err))
        return err


ALL_PAGES = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
ALL_PAGES |= pages.fixed_paths()


def load_deck(path):
    return deck.load(path, "data/exercises.yml", DECK_SCHEMA, ALL_PAGES)


CARDS = load_deck(ROOT / "data" / "exercises.yml")
QUESTIONS = questions.load(
    ROOT / "data" / "questions.yml",
    "data/questions.yml",
    ROOT / "data" / "schemas" / "questions.schema.json",
    CARDS,
)


def load_challenge(path):
    return challenge.load(path, "data/challenge.yml", CHALLENGE_SCHEMA, ALL_PAGES, CARDS, QUESTIONS)


def as_loaded(value):
    """A YAML value as the model keeps it (lists become tuples)."""
    return tuple(value) if isinstance(value, list) else value


FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(text=st.text(max_size=400))
def test_any_text_as_the_deck_gives_a_deck_or_one_line(tmp_path, text):
    outcome(load_deck, text, tmp_path, "exercises.yml")


def cards_with_every_field(cards: list[dict]) -> list[dict]:
    """The fewest real cards that between them have every field any card has.

    A card's fields are checked the same way whatever the deck around it, and loading a few
    cards instead of the whole deck lets each example run about twenty times faster.
    """
    chosen, seen = [], set()
    fields = {key for card in cards for key in card}
    while seen != fields:
        card = max(cards, key=lambda c: len(set(c) - seen))
        chosen.append(card)
        seen |= set(card)
    return chosen


SAMPLE_CARDS = cards_with_every_field(REAL_DECK["exercises"])


@FAST
@given(
    index=st.integers(0, len(SAMPLE_CARDS) - 1),
    field=st.sampled_from(sorted({k for card in SAMPLE_CARDS for k in card}) + ["extra"]),
    value=values,
)
def test_any_value_in_any_card_field_is_kept_or_named_in_one_line(tmp_path, index, field, value):
    data = {"exercises": [dict(card) for card in SAMPLE_CARDS]}
    data["exercises"][index][field] = value
    result = outcome(load_deck, yaml.safe_dump(data), tmp_path, "exercises.yml")
    if isinstance(result, DataError):
        # The error names the card that was changed (a duplicate id may name its twin instead).
        assert result.field.startswith(f"exercises[{index}]") or "duplicate id" in result.message, (
            str(result)
        )
    else:
        assert field != "extra", "an unknown field was let through"
        card = result.exercises[index]
        assert getattr(card, "with_" if field == "with" else field) == as_loaded(value)


@FAST
@given(text=st.text(max_size=400))
def test_any_text_as_the_challenge_gives_a_challenge_or_one_line(tmp_path, text):
    outcome(load_challenge, text, tmp_path, "challenge.yml")


@FAST
@given(
    day=st.integers(0, len(REAL_CHALLENGE["days"]) - 1),
    field=st.sampled_from(sorted(REAL_CHALLENGE["days"][0]) + ["extra"]),
    value=values,
)
def test_any_value_in_any_day_field_is_kept_or_named_in_one_line(tmp_path, day, field, value):
    data = yaml.safe_load(yaml.safe_dump(REAL_CHALLENGE))
    data["days"][day][field] = value
    result = outcome(load_challenge, yaml.safe_dump(data), tmp_path, "challenge.yml")
    if isinstance(result, DataError):
        assert result.field.startswith(f"days[{day}]") or "duplicate task id" in result.message, (
            str(result)
        )
    else:
        assert field != "extra", "an unknown field was let through"
        kept = result.days[day]
        if field in ("day", "title", "focus", "reflect", "alone"):
            assert getattr(kept, field) == value
        elif field == "exercises":
            assert [card.id for card in kept.exercises] == value
        elif field == "tasks":
            assert [task.id for task in kept.tasks] == [task["id"] for task in value]
        elif field == "read":
            assert (kept.read_page, kept.read_text) == (value["page"], value["text"])
        elif field == "question":
            assert kept.question.id == value


# mkdocs serve: edit, break and fix the deck while it runs.


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def start_serving(project: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start `mkdocs serve` on a copy of the project; return the process and its URL."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return server, f"http://127.0.0.1:{port}/"


@pytest.fixture
def serve(tmp_path):
    """Start `mkdocs serve` on a copy of the project, once `prepare(project)` has run on it."""
    servers = []

    def start(prepare=lambda project: None):
        project = copy_project(tmp_path / "project")
        prepare(project)
        log = tmp_path / "serve.log"
        server, url = start_serving(project, log)
        servers.append(server)
        return project, url, log

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=20)


CARD = REAL_DECK["exercises"][0]
ERROR = "exercises[0].minutes: expected a whole number from 1 to 120, got"


def break_minutes(project: Path) -> str:
    """Put a word where the first card's minutes go; return the file's good text."""
    data = project / "data" / "exercises.yml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace(f"minutes: {CARD['minutes']}", "minutes: ten", 1), "utf-8")
    return good


def error_lines(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if ERROR in line]


def test_serve_started_on_bad_data_shows_the_error_then_the_site_and_follows_edits(serve):
    good = {}
    project, url, log = serve(lambda project: good.setdefault("text", break_minutes(project)))
    # Every page answers, and says what is wrong: the home page, and where the deck would be.
    wait_for(lambda: ERROR in fetch(url), "the home page showing the error")
    deck = fetch(url + "cards/")
    assert ERROR in deck and "waiting for the data to be fixed" in deck
    assert ERROR in fetch(url + "challenge/")
    lines = error_lines(log)
    assert lines and lines[0].startswith("ERROR   -  data/exercises.yml:")
    assert lines[0].endswith("(every page shows this until the file is fixed)")
    assert "Traceback" not in log.read_text()

    # Fixed: the real site, with no error left on it.
    (project / "data" / "exercises.yml").write_text(good["text"], encoding="utf-8")
    wait_for(lambda: CARD["title"] in fetch(url + "cards/"), "the deck after the fix")
    assert ERROR not in fetch(url)
    assert CARD["summary"].split()[0] in fetch(f"{url}cards/{CARD['id']}/")

    # And an edit to a hand-written page still shows: serve is watching docs/.
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nA line added while serving.\n", "utf-8")
    wait_for(lambda: "A line added while serving." in fetch(url + "about/"), "the edited page")


def test_serve_shows_a_mistake_made_while_serving_and_recovers(serve):
    project, url, log = serve()
    page = f"{url}cards/{CARD['id']}/"
    wait_for(lambda: CARD["title"] in fetch(page), "the first build")
    data = project / "data" / "exercises.yml"
    original = data.read_text(encoding="utf-8")
    data.write_text(
        original.replace(f"title: {CARD['title']}", "title: A title changed while serving", 1),
        encoding="utf-8",
    )
    wait_for(lambda: "A title changed while serving" in fetch(page), "the edited title")

    break_minutes(project)
    wait_for(lambda: ERROR in fetch(url), "the error on the home page")
    assert len(error_lines(log)) == 1
    assert "Traceback" not in log.read_text()

    data.write_text(
        original.replace(f"title: {CARD['title']}", "title: Fixed and served again", 1),
        encoding="utf-8",
    )
    wait_for(lambda: "Fixed and served again" in fetch(page), "the fixed site")
    assert ERROR not in fetch(url)
