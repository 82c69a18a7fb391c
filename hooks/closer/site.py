"""Read all of Closer's data and turn it into pages: the one entry point the MkDocs hook calls."""

from pathlib import Path

from . import challenge, deck, pages, questions

DECK = "data/exercises.yml"
CHALLENGE = "data/challenge.yml"
QUESTIONS = "data/questions.yml"
SCHEMAS = "data/schemas"


def generate(root: Path, docs: Path) -> list[pages.GeneratedPage]:
    """Load and check the data under `root` against the pages in `docs`; return every page it makes.

    Raises DataError, with one line naming the file, the line, the field and what was expected.
    """
    known = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} | pages.fixed_paths()
    schemas = root / SCHEMAS
    cards = deck.load(root / DECK, DECK, schemas / "exercises.schema.json", known)
    asks = questions.load(root / QUESTIONS, QUESTIONS, schemas / "questions.schema.json", cards)
    days = challenge.load(
        root / CHALLENGE, CHALLENGE, schemas / "challenge.schema.json", known, cards, asks
    )
    return pages.generate(cards, days, asks)
