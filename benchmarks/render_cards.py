"""Write the generated Markdown of some cards as hand-written pages; run with hooks/ on PYTHONPATH.

Usage: PYTHONPATH=PROJECT/hooks python render_cards.py PROJECT OUT_DIR ID...
"""

import sys
from pathlib import Path

from closer import deck, pages


def main(project: Path, out: Path, ids: list[str]) -> None:
    """Load the project's deck with the real loader and render each named card's page into `out`."""
    docs = project / "docs"
    known = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    cards = deck.load(
        project / "data/exercises.yml",
        "data/exercises.yml",
        project / "data/schemas/exercises.schema.json",
        known,
    )
    template = pages.environment().get_template("card.md.j2")
    out.mkdir(parents=True, exist_ok=True)
    for card_id in ids:
        text = template.render(card=cards.by_id(card_id))
        # The page sits in docs/handwritten/, not in cards/: its links to the deck go one step up.
        text = text.replace("](index.md)", "](../cards/index.md)")
        text = text.replace("](print.md)", "](../cards/print.md)")
        (out / f"{card_id}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), sys.argv[3:])
