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
from closer import challenge, deck
from closer.errors import DataError
from conftest import ROOT, free_port
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build import copy_project

DECK_SCHEMA = ROOT / "data" / "schemas" / "exercises.schema.json"
CHALLENGE_SCHEMA = ROOT / "data" / "schemas" / "challenge.schema.json"
PAGES = {"rebuild/index.md", "understand/what-it-is.md"}
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
    """Load text; return the model, or the DataError's message, which must be one line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        return load(path)
    except DataError as err:
        assert ONE_LINE.match(str(err)), repr(str(err))
        return str(err)


def load_deck(path):
    return deck.load(path, "data/exercises.yml", DECK_SCHEMA, PAGES)


ALL_PAGES = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
CARDS = deck.load(ROOT / "data" / "exercises.yml", "data/exercises.yml", DECK_SCHEMA, ALL_PAGES)


def load_challenge(path):
    return challenge.load(path, "data/challenge.yml", CHALLENGE_SCHEMA, ALL_PAGES, CARDS)


FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(text=st.text(max_size=400))
def test_any_text_as_the_deck_gives_a_deck_or_one_line(tmp_path, text):
    outcome(load_deck, text, tmp_path, "exercises.yml")


@FAST
@given(
    index=st.integers(0, 42),
    field=st.sampled_from(sorted(REAL_DECK["exercises"][0]) + ["extra"]),
    value=values,
)
def test_any_value_in_any_card_field_gives_a_deck_or_one_line(tmp_path, index, field, value):
    data = {"exercises": [dict(card) for card in REAL_DECK["exercises"]]}
    data["exercises"][index % len(data["exercises"])][field] = value
    result = outcome(load_deck, yaml.safe_dump(data), tmp_path, "exercises.yml")
    assert isinstance(result, (deck.Deck, str))


@FAST
@given(text=st.text(max_size=400))
def test_any_text_as_the_challenge_gives_a_challenge_or_one_line(tmp_path, text):
    outcome(load_challenge, text, tmp_path, "challenge.yml")


@FAST
@given(
    day=st.integers(0, 4),
    field=st.sampled_from(sorted(REAL_CHALLENGE["days"][0]) + ["extra"]),
    value=values,
)
def test_any_value_in_any_day_field_gives_a_challenge_or_one_line(tmp_path, day, field, value):
    data = yaml.safe_load(yaml.safe_dump(REAL_CHALLENGE))
    data["days"][day][field] = value
    result = outcome(load_challenge, yaml.safe_dump(data), tmp_path, "challenge.yml")
    assert isinstance(result, (challenge.Challenge, str))


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


@pytest.fixture
def served_copy(tmp_path):
    """A copy of the project under `mkdocs serve`; yield (project, url, log path)."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_updates_a_card_keeps_the_last_good_site_on_bad_yaml_and_recovers(served_copy):
    project, url, log = served_copy
    card = REAL_DECK["exercises"][0]
    page = f"{url}cards/{card['id']}/"
    wait_for(lambda: card["title"] in fetch(page), "the first build")
    data = project / "data" / "exercises.yml"
    original = data.read_text(encoding="utf-8")

    data.write_text(
        original.replace(f"title: {card['title']}", "title: A title changed while serving", 1),
        encoding="utf-8",
    )
    wait_for(lambda: "A title changed while serving" in fetch(page), "the edited title")

    broken = original.replace(f"minutes: {card['minutes']}", "minutes: ten", 1)
    data.write_text(broken, encoding="utf-8")
    wait_for(
        lambda: "exercises[0].minutes: expected a whole number" in log.read_text(),
        "the one-line error",
    )
    assert "Traceback" not in log.read_text()
    assert "A title changed while serving" in fetch(page), "the last good site is still served"

    data.write_text(
        original.replace(f"title: {card['title']}", "title: Fixed and served again", 1),
        encoding="utf-8",
    )
    wait_for(lambda: "Fixed and served again" in fetch(page), "the fixed site")
