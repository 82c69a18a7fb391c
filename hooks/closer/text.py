"""The one rule for text from data files: every page shows it exactly as the author typed it."""

import re
import string

from markupsafe import Markup

# Every ASCII punctuation mark and digit starts some Markdown, HTML or extension syntax ("*", "[",
# "<", "&", "1.", "1st", "(c)", "-->"), so each is written as a character reference: the browser
# shows the character, and neither Markdown nor HTML reads anything in it.
SPECIAL = frozenset(string.punctuation + string.digits)
SPACES = re.compile(r"\s+")


def as_text(value: object) -> Markup:
    """Return data text ready for a Markdown or HTML page: shown as typed, never read as markup.

    Runs of white space (line breaks included) become one space, as a browser would show them.
    Markup (template text and macro output) passes through unchanged.
    """
    if isinstance(value, Markup):
        return value
    folded = SPACES.sub(" ", str(value)).strip()
    return Markup("".join(f"&#{ord(c)};" if c in SPECIAL else c for c in folded))


def as_path(value: str | int) -> Markup:
    """Return a link target from data (a page path, an id or a number the schema has checked)."""
    if not re.fullmatch(r"[a-z0-9/_.#-]+", str(value)):
        raise ValueError(f"not a safe link target: {value!r}")
    return Markup(value)
