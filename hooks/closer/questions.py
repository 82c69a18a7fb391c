"""The question deck: load data/questions.yml, validate it, and check it against the card deck."""

from dataclasses import dataclass
from pathlib import Path

from . import schema, yamlfile
from .deck import Deck, Exercise


@dataclass(frozen=True)
class Question:
    """One question to ask each other, with an optional follow-up."""

    id: str
    depth: str
    depth_label: str
    theme: str
    theme_label: str
    text: str
    follow_up: str | None


@dataclass(frozen=True)
class QuestionDeck:
    """All the questions, the depths and themes they use, and the cards that use questions."""

    questions: tuple[Question, ...]
    depths: dict[str, str]
    themes: dict[str, str]
    cards: tuple[Exercise, ...]

    @property
    def ids(self) -> frozenset[str]:
        """Every question id."""
        return frozenset(q.id for q in self.questions)

    @property
    def card_ids(self) -> frozenset[str]:
        """The ids of the cards that use questions."""
        return frozenset(card.id for card in self.cards)

    def by_id(self, question_id: str) -> Question:
        """Return the question with this id."""
        return next(q for q in self.questions if q.id == question_id)

    def by_theme(self) -> list[tuple[str, str, list[tuple[str, str, list[Question]]]]]:
        """Group by theme, then depth, in the schema's order: (theme, label, [(depth, label, qs)])."""
        out = []
        for theme, label in self.themes.items():
            depths = [
                (d, d_label, [q for q in self.questions if q.theme == theme and q.depth == d])
                for d, d_label in self.depths.items()
            ]
            depths = [group for group in depths if group[2]]
            if depths:
                out.append((theme, label, depths))
        return out


def load(path: Path, name: str, schema_path: Path, deck: Deck) -> QuestionDeck:
    """Read, validate and cross-check the questions; card ids must be in the deck."""
    rules = schema.load_schema(schema_path)
    depths = schema.choices(rules, "questions", "depth")
    themes = schema.choices(rules, "questions", "theme")
    source = yamlfile.read(path, name)
    schema.validate(source, rules)
    questions, seen = [], {}
    for index, raw in enumerate(source.data["questions"]):
        if raw["id"] in seen:
            raise source.error(
                ("questions", index, "id"),
                f"duplicate id '{raw['id']}'; already used by questions[{seen[raw['id']]}]",
            )
        seen[raw["id"]] = index
        questions.append(
            Question(
                id=raw["id"],
                depth=raw["depth"],
                depth_label=depths[raw["depth"]],
                theme=raw["theme"],
                theme_label=themes[raw["theme"]],
                text=raw["text"],
                follow_up=raw.get("follow_up"),
            )
        )
    cards = []
    for index, card_id in enumerate(source.data.get("cards") or ()):
        if card_id not in deck.ids:
            raise source.error(
                ("cards", index),
                f"no card '{card_id}' in the deck; expected an id from data/exercises.yml",
            )
        cards.append(deck.by_id(card_id))
    return QuestionDeck(tuple(questions), depths, themes, tuple(cards))
