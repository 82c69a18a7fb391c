"""Turn the deck and the challenge into generated Markdown pages, rendered from templates."""

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import escape

from .challenge import Challenge
from .deck import THEMES, WITH, Deck

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: its path under docs/, its Markdown, and whether it is in the nav."""

    src_uri: str
    markdown: str
    in_nav: bool


def environment() -> jinja2.Environment:
    """Make a Jinja environment for Markdown; its `text` filter shows data exactly as written."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["text"] = lambda value: str(escape(value))
    env.globals.update(themes=THEMES, with_labels=WITH)
    return env


def generate(deck: Deck, challenge: Challenge) -> list[GeneratedPage]:
    """Every page the data makes: card pages, the deck, the print sheet, the challenge."""
    env = environment()
    pages = [
        GeneratedPage(
            f"cards/{card.id}.md", env.get_template("card.md.j2").render(card=card), False
        )
        for card in deck.exercises
    ]
    pages.append(
        GeneratedPage("cards/index.md", env.get_template("deck.md.j2").render(deck=deck), True)
    )
    pages.append(
        GeneratedPage("cards/print.md", env.get_template("print.md.j2").render(deck=deck), True)
    )
    client = challenge.client_data()
    pages.append(
        GeneratedPage(
            "challenge/index.md",
            env.get_template("challenge.md.j2").render(challenge=challenge, client=client),
            True,
        )
    )
    for day in challenge.days:
        markdown = env.get_template("day.md.j2").render(
            challenge=challenge, day=day, client=client, last=len(challenge.days)
        )
        pages.append(GeneratedPage(f"challenge/day-{day.day}.md", markdown, True))
    return pages
