"""Unit tests of the content core: each mistake in the YAML gives one line naming file, line, field."""

import json
from pathlib import Path

import pytest
import yaml
from closer import challenge, deck, navigation, pages, questions, site
from closer.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DECK_SCHEMA = ROOT / "data" / "schemas" / "exercises.schema.json"
CHALLENGE_SCHEMA = ROOT / "data" / "schemas" / "challenge.schema.json"
PAGES = {"rebuild/index.md", "understand/what-it-is.md"}

CARD = """\
  - id: {id}
    title: A small card
    theme: talk
    with: together
    minutes: {minutes}
    summary: Ask one question about your partner's day.
    steps:
      - Ask the question.
      - Listen to the answer.
    why: Small questions keep you in touch with each other.
    learn_more: rebuild/index.md#small-steps
"""


def deck_text(*cards: str) -> str:
    return "exercises:\n" + "".join(cards)


def load_deck(tmp_path: Path, text: str) -> deck.Deck:
    path = tmp_path / "exercises.yml"
    path.write_text(text, encoding="utf-8")
    return deck.load(path, "data/exercises.yml", DECK_SCHEMA, PAGES)


def error_of(tmp_path: Path, text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load_deck(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message, "the error must be one line"
    return caught.value


def test_a_valid_deck_loads_into_cards(tmp_path):
    cards = load_deck(
        tmp_path, deck_text(CARD.format(id="one", minutes=5), CARD.format(id="two", minutes=3))
    )
    assert [c.id for c in cards.exercises] == ["one", "two"]
    assert cards.by_id("two").minutes == 3
    assert cards.exercises[0].steps == ("Ask the question.", "Listen to the answer.")
    assert cards.exercises[0].prompts == ()


def test_the_real_data_makes_a_page_for_every_card_and_day():
    made = {page.src_uri for page in site.generate(ROOT, ROOT / "docs")}
    cards = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text("utf-8"))["exercises"]
    days = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text("utf-8"))["days"]
    assert {f"cards/{c['id']}.md" for c in cards} < made
    assert {f"challenge/day-{d['day']}.md" for d in days} < made
    assert {"cards/index.md", "cards/print.md", "challenge/index.md"} < made


def test_yaml_syntax_error_names_the_line(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5)) + "  - id: [unclosed\n"
    err = error_of(tmp_path, text)
    assert str(err).startswith("data/exercises.yml:13: YAML syntax error")


def test_empty_file(tmp_path):
    err = error_of(tmp_path, "# nothing here yet\n")
    assert (
        str(err)
        == "data/exercises.yml:1: the file is empty; expected the data described in its schema"
    )


def test_missing_field(tmp_path):
    text = deck_text(
        CARD.format(id="one", minutes=5).replace(
            "    why: Small questions keep you in touch with each other.\n", ""
        )
    )
    err = error_of(tmp_path, text)
    assert (
        str(err)
        == "data/exercises.yml:2: exercises[0].why: missing; expected why it helps, in 10 to 160 characters"
    )


def test_wrong_type(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5), CARD.format(id="two", minutes="ten"))
    err = error_of(tmp_path, text)
    assert (
        str(err)
        == "data/exercises.yml:17: exercises[1].minutes: expected a whole number from 1 to 120, got 'ten'"
    )
    assert (err.file, err.line, err.field) == ("data/exercises.yml", 17, "exercises[1].minutes")


def test_number_out_of_range(tmp_path):
    err = error_of(tmp_path, deck_text(CARD.format(id="one", minutes=500)))
    assert (
        str(err)
        == "data/exercises.yml:6: exercises[0].minutes: expected a whole number from 1 to 120, got 500"
    )


def test_unknown_field(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5) + "    colour: red\n")
    err = error_of(tmp_path, text)
    assert str(err).startswith(
        "data/exercises.yml:13: exercises[0].colour: unknown field; expected one of: "
    )


def test_duplicate_id(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5), CARD.format(id="one", minutes=5))
    err = error_of(tmp_path, text)
    assert (
        str(err)
        == "data/exercises.yml:13: exercises[1].id: duplicate id 'one'; already used by exercises[0]"
    )


def test_over_long_text(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5).replace("A small card", "A" * 41))
    err = error_of(tmp_path, text)
    assert (
        str(err)
        == "data/exercises.yml:3: exercises[0].title: too long: 41 characters; expected at most 40"
    )


def test_too_many_steps(tmp_path):
    extra = "      - Another step.\n" * 4
    text = deck_text(
        CARD.format(id="one", minutes=5).replace(
            "      - Listen to the answer.\n", "      - Listen to the answer.\n" + extra
        )
    )
    err = error_of(tmp_path, text)
    assert (
        str(err)
        == "data/exercises.yml:8: exercises[0].steps: expected a list of 2 to 5 steps, got 6"
    )


def test_unknown_theme(tmp_path):
    text = deck_text(CARD.format(id="one", minutes=5).replace("theme: talk", "theme: cuddles"))
    err = error_of(tmp_path, text)
    assert str(err).startswith(
        "data/exercises.yml:4: exercises[0].theme: expected one of: talk, listen,"
    )
    assert str(err).endswith("got 'cuddles'")


def test_link_to_missing_page(tmp_path):
    text = deck_text(
        CARD.format(id="one", minutes=5).replace("rebuild/index.md", "rebuild/nowhere.md")
    )
    err = error_of(tmp_path, text)
    assert str(err) == (
        "data/exercises.yml:12: exercises[0].learn_more: no page 'rebuild/nowhere.md' in docs/; "
        "expected the path of an existing page"
    )


def test_bad_id_spelling(tmp_path):
    err = error_of(tmp_path, deck_text(CARD.format(id="Not OK", minutes=5)))
    assert str(err).startswith(
        "data/exercises.yml:2: exercises[0].id: expected a short id of lower-case letters"
    )


def test_a_list_where_fields_belong(tmp_path):
    err = error_of(tmp_path, "- just\n- a list\n")
    assert (
        str(err)
        == "data/exercises.yml:1: expected a set of fields with an 'exercises' list, got a list"
    )


# The challenge


DAY = """\
  - day: {day}
    title: Notice
    focus: Notice the small ways you reach for each other.
    read:
      page: rebuild/index.md
      text: What rebuilds it
    exercises: [{card}]
    tasks:
      - id: {task1}
        text: Notice one small bid today.
      - id: {task2}
        text: Thank your partner for one thing.
        alone: Thank your partner for one thing, even if they are not doing this.
    reflect: What did you notice today?
    alone: Do the tasks on your own, without asking your partner to join.
"""

HEAD = """\
title: Five days closer
summary: Five short days of small steps, one page a day.
asks:
  - Ten minutes a day.
  - Kindness.
  - Honesty.
days:
"""


def challenge_text(days=None, **changes) -> str:
    days = days or [dict(day=n, card="one", task1=f"a{n}", task2=f"b{n}") for n in range(1, 6)]
    for key, value in changes.items():
        index, field = key.split("_", 1)
        days[int(index)][field] = value
    return HEAD + "".join(DAY.format(**d) for d in days)


def load_challenge(tmp_path: Path, text: str) -> challenge.Challenge:
    cards = load_deck(tmp_path, deck_text(CARD.format(id="one", minutes=5)))
    path = tmp_path / "challenge.yml"
    path.write_text(text, encoding="utf-8")
    return challenge.load(path, "data/challenge.yml", CHALLENGE_SCHEMA, PAGES, cards)


def challenge_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load_challenge(tmp_path, text)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_valid_challenge_loads(tmp_path):
    result = load_challenge(tmp_path, challenge_text())
    assert [d.day for d in result.days] == [1, 2, 3, 4, 5]
    assert result.days[0].exercises[0].id == "one"
    assert result.days[0].tasks[1].alone.startswith("Thank your partner")
    assert result.client_data()["days"][4] == {"day": 5, "tasks": ["a5", "b5"]}


def test_not_five_days(tmp_path):
    days = [dict(day=n, card="one", task1=f"a{n}", task2=f"b{n}") for n in range(1, 5)]
    message = challenge_error(tmp_path, challenge_text(days))
    assert message == "data/challenge.yml:7: days: expected exactly 5 days, got 4"


def test_day_out_of_order(tmp_path):
    message = challenge_error(tmp_path, challenge_text(**{"2_day": 4}))
    assert (
        message
        == "data/challenge.yml:38: days[2].day: expected day 3 here (days go 1 to 5 in order), got 4"
    )


def test_exercise_not_in_the_deck(tmp_path):
    message = challenge_error(tmp_path, challenge_text(**{"1_card": "no-such-card"}))
    assert message == (
        "data/challenge.yml:29: days[1].exercises[0]: no card 'no-such-card' in the deck; "
        "expected an id from data/exercises.yml"
    )


def test_duplicate_task_id(tmp_path):
    message = challenge_error(tmp_path, challenge_text(**{"3_task1": "a1"}))
    assert (
        message
        == "data/challenge.yml:61: days[3].tasks[0].id: duplicate task id 'a1'; already used on day 1"
    )


def test_challenge_link_to_missing_page(tmp_path):
    text = challenge_text().replace("rebuild/index.md", "rebuild/gone.md", 1)
    message = challenge_error(tmp_path, text)
    assert message == (
        "data/challenge.yml:12: days[0].read.page: no page 'rebuild/gone.md' in docs/; "
        "expected the path of an existing page"
    )


def test_challenge_missing_field(tmp_path):
    text = challenge_text().replace("    reflect: What did you notice today?\n", "", 1)
    message = challenge_error(tmp_path, text)
    assert (
        message
        == "data/challenge.yml:8: days[0].reflect: missing; expected a question, in 10 to 200 characters"
    )


def test_prompts_and_ways_to_adapt_share_the_back_of_the_card(tmp_path):
    card = CARD.format(id="one", minutes=5) + (
        "    prompts: [One?, Two?, Three?]\n"
        "    living_apart: Do it on a video call instead.\n"
        "    without_eye_contact: Sit side by side, or talk on a walk.\n"
    )
    err = error_of(tmp_path, deck_text(card))
    assert str(err) == (
        "data/exercises.yml:13: exercises[0].prompts: too many for the back of one card: "
        "3 prompts and 2 ways to adapt it; expected at most 4 together"
    )
    fits = card.replace("[One?, Two?, Three?]", "[One?, Two?]")
    loaded = load_deck(tmp_path, deck_text(fits)).exercises[0]
    assert loaded.living_apart == "Do it on a video call instead."
    assert loaded.without_eye_contact == "Sit side by side, or talk on a walk."


# The facts the code and the schema share: each lives in one place, and a mismatch is one line.


def schema_with(tmp_path, change) -> Path:
    """A copy of the deck's schema, changed by `change(schema)`."""
    data = json.loads(DECK_SCHEMA.read_text("utf-8"))
    change(data["properties"]["exercises"]["items"]["properties"])
    path = tmp_path / "exercises.schema.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_theme_added_to_the_schema_alone_reaches_every_page(tmp_path):
    def add_theme(fields):
        fields["theme"]["oneOf"].append({"const": "wonder", "title": "Wonder"})

    path = tmp_path / "exercises.yml"
    path.write_text(deck_text(CARD.format(id="one", minutes=5).replace("talk", "wonder")), "utf-8")
    cards = deck.load(path, "data/exercises.yml", schema_with(tmp_path, add_theme), PAGES)
    assert cards.exercises[0].theme_label == "Wonder"
    assert [(t, label) for t, label, _ in cards.by_theme()] == [("wonder", "Wonder")]
    kind = next(k for k in pages.KINDS if k.name == "deck")
    deck_page = pages.render(pages.environment(), kind, {"deck": cards})
    assert '<option value="wonder">Wonder</option>' in deck_page.markdown
    assert 'data-deck-group="wonder"' in deck_page.markdown


def test_a_schema_without_the_value_the_code_names_stops_with_one_line(tmp_path):
    def drop_either(fields):
        fields["with"]["oneOf"] = [o for o in fields["with"]["oneOf"] if o["const"] != "either"]

    path = tmp_path / "exercises.yml"
    path.write_text(deck_text(CARD.format(id="one", minutes=5)), "utf-8")
    with pytest.raises(DataError) as caught:
        deck.load(path, "data/exercises.yml", schema_with(tmp_path, drop_either), PAGES)
    assert str(caught.value) == (
        "data/schemas/exercises.schema.json: exercises.with: no value 'either'; "
        "the deck's code counts it as fitting every other value"
    )


def test_generated_pages_go_into_the_sections_mkdocs_yml_names():
    nav = [{"Home": "index.md"}, {"Cards": []}, {"More": [{"Inner": [{"Old": "x.md"}]}]}]
    placed = navigation.place(
        nav,
        [
            ("Cards", "cards/print.md", "Print"),
            ("Cards", "cards/index.md", None),
            ("Inner", "y.md", "Y"),
        ],
    )
    assert placed[1] == {"Cards": ["cards/index.md", {"Print": "cards/print.md"}]}
    assert placed[2] == {"More": [{"Inner": [{"Old": "x.md"}, {"Y": "y.md"}]}]}
    assert nav[1] == {"Cards": []}, "the config's own nav is left alone"
    with pytest.raises(DataError) as caught:
        navigation.place(nav, [("Questions", "questions/index.md", None)])
    assert str(caught.value) == (
        "mkdocs.yml: nav: no section 'Questions' for the generated page questions/index.md; "
        "expected an entry like `- Questions: []` where it should go"
    )


# The question deck.

QUESTIONS_SCHEMA = ROOT / "data" / "schemas" / "questions.schema.json"
QUESTION = """\
  - id: {id}
    depth: {depth}
    theme: play
    text: {text}
"""


def load_questions(tmp_path: Path, text: str):
    path = tmp_path / "questions.yml"
    path.write_text(text, encoding="utf-8")
    cards = load_deck(tmp_path, deck_text(CARD.format(id="one", minutes=5)))
    return questions.load(path, "data/questions.yml", QUESTIONS_SCHEMA, cards)


def question_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load_questions(tmp_path, text)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_valid_question_deck_loads_with_its_labels(tmp_path):
    deck_of = load_questions(
        tmp_path,
        "cards: [one]\nquestions:\n"
        + QUESTION.format(id="q-one", depth="light", text="What made you laugh today?")
        + QUESTION.format(id="q-two", depth="deep", text="What do you hope for us?"),
    )
    assert [q.id for q in deck_of.questions] == ["q-one", "q-two"]
    assert deck_of.by_id("q-two").depth_label == "Deep"
    assert deck_of.card_ids == {"one"}
    assert [(t, [d for d, _, _ in depths]) for t, _, depths in deck_of.by_theme()] == [
        ("play", ["light", "deep"])
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            QUESTION.format(id="q", depth="medium", text="What made you laugh today?"),
            "data/questions.yml:3: questions[0].depth: expected one of: light, deeper, deep; got 'medium'",
        ),
        (
            QUESTION.format(id="q", depth="light", text="Tell me about your day."),
            "data/questions.yml:5: questions[0].text: expected a question ending with '?', "
            "got 'Tell me about your day.'",
        ),
        (
            QUESTION.format(id="q", depth="light", text="What made you laugh today?") * 2,
            "data/questions.yml:6: questions[1].id: duplicate id 'q'; already used by questions[0]",
        ),
    ],
    ids=["unknown-depth", "not-a-question", "duplicate-id"],
)
def test_a_mistake_in_the_questions_is_one_line(tmp_path, entry, message):
    assert question_error(tmp_path, "questions:\n" + entry) == message


def test_a_card_the_questions_name_must_be_in_the_deck(tmp_path):
    text = "cards: [no-such-card]\nquestions:\n" + QUESTION.format(
        id="q", depth="light", text="What made you laugh today?"
    )
    assert question_error(tmp_path, text) == (
        "data/questions.yml:1: cards[0]: no card 'no-such-card' in the deck; "
        "expected an id from data/exercises.yml"
    )


def test_a_days_question_must_be_in_the_question_deck(tmp_path):
    text = challenge_text().replace(
        "    reflect: What did you notice today?",
        "    question: no-such-question\n    reflect: What did you notice today?",
        1,
    )
    message = challenge_error(tmp_path, text)
    assert message.endswith(
        "days[0].question: no question 'no-such-question'; expected an id from data/questions.yml"
    )
