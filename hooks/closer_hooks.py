"""MkDocs adapter for Closer: load the YAML data before the build, add the pages it makes."""

import logging
import tempfile
from pathlib import Path

from closer import challenge, deck, pages
from closer.errors import DataError
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.closer")

DECK = "data/exercises.yml"
CHALLENGE = "data/challenge.yml"
SCHEMAS = "data/schemas"
SERVING = {"command": None}


def on_startup(command, dirty):
    """Remember whether this process builds once or serves (the hook module lives as long as it)."""
    SERVING["command"] = command


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
        if SERVING["command"] != "serve":
            raise PluginError(str(err)) from None
        return keep_last_good_site(config, err)
    config.extra["closer_pages"] = pages.generate(cards, days)
    return config


def keep_last_good_site(config, err: DataError):
    """Under `mkdocs serve`, log the error and build nothing into the folder being served.

    A failed build would leave `mkdocs serve` stuck until the file is fixed; a build of an empty
    site into a scratch folder lets it go on serving the last good site instead.
    """
    # Logged outside "mkdocs.*": MkDocs would count it and abort the scratch build in strict mode.
    serve_log = logging.getLogger("closer.serve")
    if not serve_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("ERROR   -  %(message)s (still serving the last good site)")
        )
        serve_log.addHandler(handler)
        serve_log.propagate = False
    serve_log.error(str(err))
    scratch = Path(tempfile.gettempdir()) / "closer-serve-scratch"
    (scratch / "docs").mkdir(parents=True, exist_ok=True)
    config.docs_dir = str(scratch / "docs")
    config.site_dir = str(scratch / "site")
    config.nav = None
    config.extra["closer_pages"] = []
    return config


def on_files(files: Files, config) -> Files:
    """Add one generated page per card, the deck, the print sheet and the challenge days."""
    for page in config.extra.pop("closer_pages", []):
        if files.get_file_from_path(page.src_uri):
            raise PluginError(f"docs/{page.src_uri} would hide a generated page; remove it")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        )
    return files
