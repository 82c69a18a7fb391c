"""Every page reads at grade 8 or below (Flesch-Kincaid, textstat 0.7.4), measured on the built HTML."""

import re
from html.parser import HTMLParser

import pytest
import textstat
from conftest import html_pages

# Each of these ends a sentence for the reader, with or without a full stop.
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "td",
    "th",
    "dt",
    "dd",
    "legend",
    "label",
    "option",
    "summary",
}
SKIP = {"script", "style", "noscript", "svg", "button", "select"}
MAX_GRADE = 8.0


class ArticleText(HTMLParser):
    """Collect the text of the page's <article>, one block per sentence-like unit."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag in SKIP:
            self.skip += 1
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag):
        if self.depth and tag in SKIP:
            self.skip -= 1
        if tag == "article":
            self.depth -= 1
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.blocks[-1].append(data)

    def text(self) -> str:
        sentences = []
        for block in self.blocks:
            words = re.sub(r"\s+", " ", "".join(block)).replace("¶", "").strip()
            if words:
                sentences.append(words if words[-1] in ".!?:" else words + ".")
        return " ".join(sentences)


def page_text(html: str) -> str:
    parser = ArticleText()
    parser.feed(html)
    return parser.text()


def test_the_measure_counts_long_sentences_as_hard():
    easy = "<article><p>We sat. We talked. It was good.</p></article>"
    hard = (
        "<article><p>Notwithstanding considerable organisational complexity, interpersonal "
        "communication deteriorates whenever unacknowledged expectations accumulate "
        "indefinitely between individuals.</p></article>"
    )
    assert textstat.flesch_kincaid_grade(page_text(easy)) < 3
    assert textstat.flesch_kincaid_grade(page_text(hard)) > MAX_GRADE


@pytest.mark.parametrize("rel", html_pages())
def test_page_reads_at_grade_8_or_below(site_dir, rel):
    text = page_text((site_dir / rel / "index.html").read_text(encoding="utf-8"))
    assert len(text.split()) >= 30, f"{rel}: too little text to measure"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{rel}: reading grade {grade}"
