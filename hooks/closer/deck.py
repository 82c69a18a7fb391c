"""The exercise deck: load data/exercises.yml, validate it, and cross-check what a schema cannot."""

from dataclasses import dataclass
from pathlib import Path

from . import schema, yamlfile
from .errors import DataError

# The one "with" value the code knows by name: a card for one or two fits both other values.
FOR_ONE_OR_TWO = "either"
# Prompts and ways to adapt a card (living apart, without eye contact) share its printed back.
BACK_ITEMS = 4
ADAPTATIONS = ("living_apart", "without_eye_contact")


@dataclass(frozen=True)
class Exercise:
    """One exercise card."""

    id: str
    title: str
    theme: str
    theme_label: str
    with_: str
    with_label: str
    fits: tuple[str, ...]
    minutes: int
    summary: str
    steps: tuple[str, ...]
    prompts: tuple[str, ...]
    why: str
    learn_more: str
    source: str | None
    living_apart: str | None
    without_eye_contact: str | None


@dataclass(frozen=True)
class Deck:
    """All the cards, in the order the file gives them, with the themes and audiences they use."""

    exercises: tuple[Exercise, ...]
    themes: dict[str, str]
    audiences: dict[str, str]

    def by_id(self, card_id: str) -> Exercise:
        """Return the card with this id."""
        return next(e for e in self.exercises if e.id == card_id)

    @property
    def ids(self) -> frozenset[str]:
        """Every card id."""
        return frozenset(e.id for e in self.exercises)

    def by_theme(self) -> list[tuple[str, str, list[Exercise]]]:
        """Group cards by theme in the schema's theme order: (theme, label, cards)."""
        groups = [
            (t, label, [e for e in self.exercises if e.theme == t])
            for t, label in self.themes.items()
        ]
        return [g for g in groups if g[2]]

    @property
    def filters(self) -> dict[str, str]:
        """The "who" choices a reader can filter by: every audience but "one or two"."""
        return {k: v for k, v in self.audiences.items() if k != FOR_ONE_OR_TWO}


def load(path: Path, name: str, schema_path: Path, pages: set[str]) -> Deck:
    """Read, validate and cross-check the deck; `pages` are the docs pages that exist."""
    rules = schema.load_schema(schema_path)
    themes = schema.choices(rules, "exercises", "theme")
    audiences = schema.choices(rules, "exercises", "with")
    if FOR_ONE_OR_TWO not in audiences:
        raise DataError(
            f"data/schemas/{schema_path.name}",
            None,
            "exercises.with",
            f"no value '{FOR_ONE_OR_TWO}'; the deck's code counts it as fitting every other value",
        )
    source = yamlfile.read(path, name)
    schema.validate(source, rules)
    cards, seen = [], {}
    for index, raw in enumerate(source.data["exercises"]):
        where = ("exercises", index)
        if raw["id"] in seen:
            raise source.error(
                where + ("id",),
                f"duplicate id '{raw['id']}'; already used by exercises[{seen[raw['id']]}]",
            )
        seen[raw["id"]] = index
        check_page(source, where + ("learn_more",), raw["learn_more"], pages)
        adaptations = sum(1 for field in ADAPTATIONS if field in raw)
        if len(raw.get("prompts") or ()) + adaptations > BACK_ITEMS:
            raise source.error(
                where + ("prompts",),
                f"too many for the back of one card: {len(raw['prompts'])} prompts and "
                f"{adaptations} ways to adapt it; expected at most {BACK_ITEMS} together",
            )
        audience = raw["with"]
        fits = tuple(a for a in audiences if a != FOR_ONE_OR_TWO)
        cards.append(
            Exercise(
                id=raw["id"],
                title=raw["title"],
                theme=raw["theme"],
                theme_label=themes[raw["theme"]],
                with_=audience,
                with_label=audiences[audience],
                fits=fits if audience == FOR_ONE_OR_TWO else (audience,),
                minutes=raw["minutes"],
                summary=raw["summary"],
                steps=tuple(raw["steps"]),
                prompts=tuple(raw.get("prompts") or ()),
                why=raw["why"],
                learn_more=raw["learn_more"],
                source=raw.get("source"),
                living_apart=raw.get("living_apart"),
                without_eye_contact=raw.get("without_eye_contact"),
            )
        )
    return Deck(tuple(cards), themes, audiences)


def check_page(source: yamlfile.Source, path: tuple, link: str, pages: set[str]) -> None:
    """Raise a DataError when a link names a page that is not in docs/."""
    page = link.split("#", 1)[0]
    if page not in pages:
        raise source.error(
            path, f"no page '{page}' in docs/; expected the path of an existing page"
        )
