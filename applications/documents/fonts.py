"""The documents' font: Roboto from the font_roboto package, never a system font, so a fresh
machine renders ə, ı, İ, ş, ğ, ç, ö, ü and ₼ exactly as a developer's does (DOMAIN.md, "PDF facts")."""

import functools
import logging
from collections.abc import Iterable
from pathlib import Path

import font_roboto
from django.conf import settings
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger(__name__)

FONT_DIR = Path(font_roboto.__file__).parent / "files"
REGULAR = "Roboto"
BOLD = "Roboto-Bold"
FONT_FILES = {REGULAR: FONT_DIR / "Roboto-Regular.ttf", BOLD: FONT_DIR / "Roboto-Bold.ttf"}
LINE_BREAKS = frozenset("\n\r\t")  # laid out, never drawn


class MissingGlyphs(Exception):
    """Text holds characters the document font cannot draw (they would print as empty boxes)."""


@functools.cache
def fonts_register() -> None:
    """Register Roboto regular and bold with reportlab, once per process."""
    for name, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> in a paragraph set in Roboto switches to Roboto-Bold.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


@functools.cache
def font_characters(name: str = REGULAR) -> frozenset[str]:
    """Every character the font has a glyph for, read from its cmap with fontTools."""
    with FontToolsFont(str(FONT_FILES[name]), lazy=True) as font:
        return frozenset(chr(code) for code in font.getBestCmap())


def glyphs_missing(texts: Iterable[str]) -> set[str]:
    """The printable characters of `texts` that neither Roboto face can draw."""
    covered = font_characters(REGULAR) & font_characters(BOLD)
    return {char for text in texts for char in text if char not in covered and char not in LINE_BREAKS}


def glyphs_check(texts: Iterable[str]) -> None:
    """Before drawing: raise MissingGlyphs if DOCUMENTS_STRICT_GLYPHS (tests), else log the
    characters (production: the citizen still gets the document, staff get the error)."""
    missing = glyphs_missing(texts)
    if not missing:
        return
    message = "document font has no glyph for " + ", ".join(f"U+{ord(c):04X}" for c in sorted(missing))
    if settings.DOCUMENTS_STRICT_GLYPHS:
        raise MissingGlyphs(message)
    logger.error(message)
