"""MkDocs adapter for Closer: load the YAML data before the build, add the pages it makes."""

import logging
from pathlib import Path

from closer import challenge, deck, pages
from closer.errors import DataError
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.closer")

DECK = "data/exercises.yml"
CHALLENGE = "data/challenge.yml"
SCHEMAS = "data/schemas"
GENERATED = ("cards/", "challenge/")


def on_config(config):
    """Load and check the data before the site folder is cleaned, so bad data leaves it alone."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir)
    known = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    try:
        cards = deck.load(root / DECK, DECK, root / SCHEMAS / "exercises.schema.json", known)
        days = challenge.load(
            root / CHALLENGE, CHALLENGE, root / SCHEMAS / "challenge.schema.json", known, cards
        )
    except DataError as err:
        raise PluginError(str(err)) from None
    config.extra["closer_pages"] = pages.generate(cards, days)
    return config


def on_files(files: Files, config) -> Files:
    """Add one generated page per card, the deck, the print sheet and the challenge days."""
    for page in config.extra.pop("closer_pages"):
        if files.get_file_from_path(page.src_uri):
            raise PluginError(f"docs/{page.src_uri} would hide a generated page; remove it")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        )
    return files
