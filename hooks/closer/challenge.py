"""The five-day challenge: load data/challenge.yml, validate it, and check it against the deck."""

from dataclasses import dataclass
from pathlib import Path

from . import schema, yamlfile
from .deck import Deck, Exercise, check_page
from .questions import Question, QuestionDeck


@dataclass(frozen=True)
class Task:
    """One thing to tick off on a day, with an optional version for someone on their own."""

    id: str
    text: str
    alone: str | None


@dataclass(frozen=True)
class Day:
    """One day of the challenge."""

    day: int
    title: str
    focus: str
    read_page: str
    read_text: str
    exercises: tuple[Exercise, ...]
    tasks: tuple[Task, ...]
    reflect: str
    alone: str
    question: Question | None = None


@dataclass(frozen=True)
class Link:
    """A link to a page of the site, with its text."""

    page: str
    text: str


@dataclass(frozen=True)
class Challenge:
    """The whole challenge: its start-page text, its days, and where to go after the last one."""

    title: str
    summary: str
    asks: tuple[str, ...]
    days: tuple[Day, ...]
    next_steps: tuple[Link, ...]

    def client_data(self) -> dict:
        """Return what the progress script needs: the days and their task ids."""
        return {"days": [{"day": d.day, "tasks": [t.id for t in d.tasks]} for d in self.days]}


def load(
    path: Path,
    name: str,
    schema_path: Path,
    pages: set[str],
    deck: Deck,
    questions: QuestionDeck | None = None,
) -> Challenge:
    """Read, validate and cross-check the challenge against the decks and the pages."""
    source = yamlfile.read(path, name)
    schema.validate(source, schema.load_schema(schema_path))
    days, task_ids = [], {}
    count = len(source.data["days"])
    for index, raw in enumerate(source.data["days"]):
        where = ("days", index)
        if raw["day"] != index + 1:
            raise source.error(
                where + ("day",),
                f"expected day {index + 1} here (days go 1 to {count} in order), got {raw['day']}",
            )
        check_page(source, where + ("read", "page"), raw["read"]["page"], pages)
        for n, card_id in enumerate(raw["exercises"]):
            if card_id not in deck.ids:
                raise source.error(
                    where + ("exercises", n),
                    f"no card '{card_id}' in the deck; expected an id from data/exercises.yml",
                )
        question = None
        if "question" in raw:
            if questions is None or raw["question"] not in questions.ids:
                raise source.error(
                    where + ("question",),
                    f"no question '{raw['question']}'; expected an id from data/questions.yml",
                )
            question = questions.by_id(raw["question"])
        tasks = []
        for n, task in enumerate(raw["tasks"]):
            if task["id"] in task_ids:
                raise source.error(
                    where + ("tasks", n, "id"),
                    f"duplicate task id '{task['id']}'; already used on day {task_ids[task['id']]}",
                )
            task_ids[task["id"]] = index + 1
            tasks.append(Task(task["id"], task["text"], task.get("alone")))
        days.append(
            Day(
                day=raw["day"],
                title=raw["title"],
                focus=raw["focus"],
                read_page=raw["read"]["page"],
                read_text=raw["read"]["text"],
                exercises=tuple(deck.by_id(c) for c in raw["exercises"]),
                tasks=tuple(tasks),
                reflect=raw["reflect"],
                alone=raw["alone"],
                question=question,
            )
        )
    next_steps = []
    for index, raw in enumerate(source.data.get("next_steps") or ()):
        check_page(source, ("next_steps", index, "page"), raw["page"], pages)
        next_steps.append(Link(raw["page"], raw["text"]))
    return Challenge(
        source.data["title"],
        source.data["summary"],
        tuple(source.data["asks"]),
        tuple(days),
        tuple(next_steps),
    )
