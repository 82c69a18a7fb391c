"""Write the generated Markdown of some cards as hand-written pages; run with hooks/ on PYTHONPATH.

Usage: PYTHONPATH=PROJECT/hooks python render_cards.py PROJECT OUT_DIR ID...
"""

import sys
from pathlib import Path

from closer import site


def main(project: Path, out: Path, ids: list[str]) -> None:
    """Make the project's pages with the real hook code and write each named card's page into `out`."""
    made = {page.src_uri: page.markdown for page in site.generate(project, project / "docs")}
    out.mkdir(parents=True, exist_ok=True)
    for card_id in ids:
        text = made[f"cards/{card_id}.md"]
        # The page sits in docs/handwritten/, not in cards/: its links to the deck go one step up.
        for name in ("index.md", "print.md"):
            text = text.replace(f"]({name})", f"](../cards/{name})")
        (out / f"{card_id}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), sys.argv[3:])
