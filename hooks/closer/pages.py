"""The pages the data makes: each kind of page described once, and rendered from its template.

A kind says everything about its pages in one place: where they go, what they are made from
(one page, or one for each card or day), where they sit in the navigation, and the stylesheets and
scripts they load. Its Markdown comes from hooks/templates/<name>.md.j2, which also sets the page's
`title` and `description`; its look comes from overrides/main.html, which wraps the content in
`<div class="closer-page closer-page--<name>" data-page-kind="<name>">`.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .challenge import Challenge
from .deck import Deck
from .questions import QuestionDeck
from .text import as_path, as_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


@dataclass(frozen=True)
class Kind:
    """A kind of generated page."""

    name: str  # its template (hooks/templates/<name>.md.j2) and its wrapper's data-page-kind
    path: str  # where each page goes under docs/, formatted with the page's item: "cards/{card.id}.md"
    each: str | None = None  # "card" or "day": one page for each; None: a single page
    nav: tuple[str, str | None] | None = None  # (section in mkdocs.yml, entry title; None: index)
    css: tuple[str, ...] = ()
    js: tuple[str, ...] = ()
    searchable: bool = True


KINDS = (
    Kind("card", "cards/{card.id}.md", each="card", css=("cards.css",), js=("favourites.js",)),
    Kind(
        "deck",
        "cards/index.md",
        nav=("Cards", None),
        css=("cards.css",),
        js=("favourites.js", "card-sets.js", "deck.js", "offline.js"),
    ),
    Kind(
        "print",
        "cards/print.md",
        nav=("Cards", "Print the cards"),
        css=("print-sheets.css", "print.css"),
        js=("favourites.js", "card-sets.js", "paper.js", "print.js"),
        # Every card's text is already indexed from its own page.
        searchable=False,
    ),
    Kind(
        "questions",
        "questions/index.md",
        nav=("Questions", None),
        css=("questions.css",),
        js=("questions-state.js", "questions.js"),
    ),
    Kind(
        "questions-print",
        "questions/print.md",
        nav=("Questions", "Print the questions"),
        css=("print-sheets.css", "questions-print.css"),
        js=("questions-state.js", "paper.js", "questions-print.js"),
        # Every question's text is already indexed from the question page.
        searchable=False,
    ),
    Kind(
        "challenge",
        "challenge/index.md",
        nav=("Five-day challenge", None),
        css=("challenge.css",),
        js=("challenge-state.js", "questions-state.js", "ics.js", "challenge.js", "offline.js"),
    ),
    Kind(
        "day",
        "challenge/day-{day.day}.md",
        each="day",
        nav=("Five-day challenge", "Day {day.day}"),
        css=("challenge.css",),
        js=("challenge-state.js", "challenge.js"),
    ),
    Kind(
        "workbook",
        "challenge/print.md",
        nav=("Five-day challenge", "Print the workbook"),
        css=("print-sheets.css", "workbook-print.css"),
        js=("challenge-state.js", "paper.js", "workbook.js"),
        # The days' text is already indexed from their own pages.
        searchable=False,
    ),
    # What the service worker (docs/sw.js) shows, without a connection, for a page not kept.
    Kind("offline", "offline.md", js=("offline.js",), searchable=False),
)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: its path under docs/, its Markdown, its place in the nav, its kind."""

    src_uri: str
    markdown: str
    nav: tuple[str, str | None] | None
    kind: str


def environment() -> jinja2.Environment:
    """Make the Jinja environment for page templates: every `{{ value }}` is shown as text.

    `finalize` passes every printed value through as_text, so text from the data can never become
    Markdown or HTML; template text, macros and `| path` (a checked link target) are left alone.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=as_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["path"] = as_path
    env.filters["number_word"] = lambda n: NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else n
    return env


def fixed_paths() -> set[str]:
    """Return the paths of the kinds that make a single page, which data may link to."""
    return {kind.path for kind in KINDS if kind.each is None}


def generate(deck: Deck, challenge: Challenge, questions: QuestionDeck) -> list[GeneratedPage]:
    """Every page the data makes, kind by kind, in the order of KINDS."""
    env = environment()
    data = {"deck": deck, "challenge": challenge, "questions": questions}
    items = {"card": deck.exercises, "day": challenge.days}
    pages = []
    for kind in KINDS:
        for item in items[kind.each] if kind.each else [None]:
            context = dict(data, **({kind.each: item} if kind.each else {}))
            pages.append(render(env, kind, context))
    return pages


def render(env: jinja2.Environment, kind: Kind, context: dict) -> GeneratedPage:
    """Render one page: front matter made here, from the template's title and description."""
    module = env.get_template(f"{kind.name}.md.j2").make_module(context)
    meta = {
        "title": str(as_text(module.title)),
        "description": str(as_text(module.description)),
        "kind": kind.name,
        "css": list(kind.css),
        "js": list(kind.js),
    }
    client = getattr(module, "client", None)
    if client is not None:
        meta["client"] = client
    if not kind.searchable:
        meta["search"] = {"exclude": True}
    # JSON is YAML, and it keeps every value a plain string whatever it holds.
    front = json.dumps(meta, ensure_ascii=False)
    nav = None
    if kind.nav:
        section, title = kind.nav
        nav = (section, title.format(**context) if title else None)
    markdown = f"---\n{front}\n---\n\n{module}"
    return GeneratedPage(kind.path.format(**context), markdown, nav, kind.name)


def error_pages(message: str) -> list[GeneratedPage]:
    """Stand-in pages that show a data error, where the kinds with a single page would be.

    Under `mkdocs serve`, bad data must not leave the reader with a 404 or a stale site.
    """
    env = environment()
    return [
        render(env, Kind("error", kind.path, nav=kind.nav), {"message": message})
        for kind in KINDS
        if kind.each is None
    ]
