"""The catalogues follow docs/glossary.md: an entry whose Azerbaijani text uses a glossary term
translates it with the glossary's English and Russian term."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary.md"
LANGUAGES = {"en": 1, "ru": 2}  # the glossary's column of each language


def pattern(term: str) -> re.Pattern:
    """A term as a whole word; ending in … it matches any ending. A term written in lowercase
    matches any case; one written with a capital is that label exactly ("Məişət", the group)."""
    words = [
        re.escape(word.removesuffix("…")) + (r"\w*" if word.endswith("…") else "") for word in term.split()
    ]
    flags = re.IGNORECASE if term[:1].islower() else 0
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def glossary() -> list[tuple[str, str, str]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("az", "---"):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def catalogue(language: str) -> list[polib.POEntry]:
    po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in po if not entry.obsolete and entry.msgstr]


def test_the_glossary_lists_terms():
    assert len(glossary()) >= 10
    assert ("FİN", "FIN…", "ФИН") in glossary()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogues_use_the_glossarys_terms(language):
    column = LANGUAGES[language]
    entries = catalogue(language)
    drift = []
    for row in glossary():
        source, target = pattern(row[0]), pattern(row[column])
        for entry in entries:
            if source.search(entry.msgid) and not target.search(entry.msgstr):
                drift.append(f"{row[0]} -> {row[column]}: {entry.msgid[:60]!r} = {entry.msgstr[:60]!r}")
    assert drift == [], "\n".join(drift)


def test_the_words_the_glossary_rules_out_are_gone():
    sources = " ".join(entry.msgid for entry in catalogue("en"))
    for banned in ("rədd", "hesablaşma sistemi", "Doğum yeri", "alqı-satqısı", "Azərişıq-ın", "Problem var"):
        assert banned not in sources, banned
    translations = {
        language: " ".join(entry.msgstr for entry in catalogue(language)) for language in LANGUAGES
    }
    assert "FİN" not in translations["en"] and "FİN" not in translations["ru"]
    assert "Father" not in translations["en"]
    assert "Бытовые потребители" not in translations["ru"]
