"""Read printed sheets back from a PDF: each page's size in points, its text and its card marks."""

import ctypes
import re
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium

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


def mark_origin(text_page, index: int) -> tuple[float, float]:
    """Where the character at `index` starts on its page: its origin on the baseline, in points."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium.FPDFText_GetCharOrigin(text_page.raw, index, x, y)
    return x.value, y.value


def read_sheet(pdf_page) -> Sheet:
    """One PDFium page as a Sheet, with each "Closer · <id>" mark and where it starts."""
    text_page = pdf_page.get_textpage()
    # Each character of this text is the page's character at the same index.
    text = text_page.get_text_range()
    found = [(m.group(1), *mark_origin(text_page, m.start())) for m in MARK.finditer(text)]
    width, height = pdf_page.get_size()
    return Sheet(width, height, flat(text), found)


def read_pdf(data: bytes) -> list[Sheet]:
    """Every page of a PDF as a Sheet (read with PDFium: pure-Python readers take seconds a PDF)."""
    return [read_sheet(page) for page in pypdfium2.PdfDocument(data)]


def ids_in(sheets: list[Sheet]) -> list[str]:
    """The card ids of every mark on the sheets, in order."""
    return [mark[0] for sheet in sheets for mark in sheet.marks]
