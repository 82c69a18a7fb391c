"""Read printed sheets back from a PDF: each page's size in points, its text and its card marks."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4  # PDF points per millimetre
SLOT_W = 95 * MM  # one card slot's width on paper
# PDF page sizes in points.
PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (8.5 * 72, 11 * 72)}
MARK = re.compile(r"Closer · ([a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass
class Sheet:
    """One PDF page: its size in points, its text (whitespace collapsed) and its card marks."""

    width: float
    height: float
    text: str
    marks: list[tuple[str, float, float]]  # (card id, x, y) where each mark's text starts


def flat(text: str) -> str:
    """Text with runs of whitespace as one space and curly apostrophes made straight."""
    return " ".join(text.replace("\u2019", "'").split())


def read_sheet(pdf_page) -> Sheet:
    """One pypdf page as a Sheet, with each "Closer · <id>" mark and where it starts."""
    found = []

    def visit(text, cm, tm, font, size):
        for match in MARK.finditer(text):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((match.group(1), x, y))

    text = pdf_page.extract_text(visitor_text=visit)
    box = pdf_page.mediabox
    return Sheet(float(box.width), float(box.height), flat(text), found)


def read_pdf(data: bytes) -> list[Sheet]:
    """Every page of a PDF as a Sheet."""
    return [read_sheet(page) for page in PdfReader(io.BytesIO(data)).pages]


def ids_in(sheets: list[Sheet]) -> list[str]:
    """The card ids of every mark on the sheets, in order."""
    return [mark[0] for sheet in sheets for mark in sheet.marks]
