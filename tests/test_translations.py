"""The English and Russian catalogues are complete, correct and compiled, with no gettext tools.

Azerbaijani is the source language: every user-facing string is an Azerbaijani msgid, and
locale/{en,ru}/LC_MESSAGES/django.po translate them. The compiled .mo files are committed so
that a fresh clone needs no system gettext; these tests read both with polib.

When a test here fails after a change of user-facing text, on a machine with gettext:

    .venv/bin/python manage.py makemessages -l en -l ru --ignore=.venv --ignore=bench \\
        --ignore=tests --ignore=staticfiles
    (translate the new or changed entries in both .po files, remove "fuzzy")
    .venv/bin/python manage.py compilemessages --ignore=.venv

and commit the .po and .mo files.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
TEMPLATES_DIR = BASE_DIR / "templates"
LANGUAGES = ["en", "ru"]
PLURAL_FORMS = {"en": 2, "ru": 3}
# What makemessages is told to skip (see the module docstring), and what is never source.
NOT_SOURCE = {".venv", "bench", "tests", "staticfiles", "locale", "media", "node_modules", "build"}

# printf-style placeholders: %(name)s, %(count)d, %s, %d (a literal %% is not one).
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdif]")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgid[:70]!r} ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"


# --- the catalogues ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    po = catalogue(language)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) != PLURAL_FORMS[language] or not all(forms.values()):
                missing.append(label(entry))
        elif not entry.msgstr.strip():
            missing.append(label(entry))
    assert not missing, f"{len(missing)} untranslated in {language}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    fuzzy = [label(entry) for entry in po if "fuzzy" in entry.flags and not entry.obsolete]
    assert not fuzzy, f"fuzzy entries in {language} (check them, then drop the flag):\n" + "\n".join(fuzzy)


def test_russian_has_three_plural_forms():
    assert catalogue("ru").metadata["Plural-Forms"].startswith("nplurals=3;")
    assert catalogue("en").metadata["Plural-Forms"].startswith("nplurals=2;")


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_kept(language):
    wrong = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural)
            texts = list(entry.msgstr_plural.values())
        else:
            wanted = placeholders(entry.msgid)
            texts = [entry.msgstr]
        wrong += [f"{label(entry)}: {text!r}" for text in texts if placeholders(text) != wanted]
    assert not wrong, "placeholders differ from the msgid:\n" + "\n".join(wrong)


def messages_of(catalog) -> dict:
    """(context, msgid) -> translation(s) of every translated entry, as a program reads them."""
    messages = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        if entry.msgid_plural:
            messages[key] = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        elif entry.msgstr:
            messages[key] = entry.msgstr
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_mo_files_are_compiled_from_the_po_files(language):
    po = catalogue(language)
    compiled = polib.mofile(po.to_binary())
    committed = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))

    assert messages_of(committed) == messages_of(compiled), (
        f"locale/{language}/LC_MESSAGES/django.mo is out of date: run compilemessages (module docstring)"
    )
    assert committed.metadata.get("Plural-Forms") == po.metadata["Plural-Forms"]


# --- every translatable string is in the catalogues -------------------------------------

GETTEXT_CALLS = {
    # name: (index of the context argument or None, how many msgid arguments)
    "_": (None, 1),
    "gettext": (None, 1),
    "gettext_lazy": (None, 1),
    "gettext_noop": (None, 1),
    "ngettext": (None, 2),
    "ngettext_lazy": (None, 2),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 2),
    "npgettext_lazy": (0, 2),
}


def _message_key(name: str, strings: list[str]) -> tuple | None:
    context_at, count = GETTEXT_CALLS[name]
    context = strings.pop(context_at) if context_at is not None and strings else None
    if len(strings) < count:
        return None
    return (context, strings[0], strings[1] if count == 2 else "")


def messages_in_python(source: str) -> set[tuple]:
    """The (context, msgid, msgid_plural) of every gettext call with literal arguments."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_CALLS:
            continue
        strings = []
        for argument in node.args:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                break
            strings.append(argument.value)
        key = _message_key(name, strings)
        if key is not None:
            found.add(key)
    return found


STRING_LITERAL = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
TEMPLATE_CALL = re.compile(
    rf"\b({'|'.join(map(re.escape, GETTEXT_CALLS))})\(\s*((?:{STRING_LITERAL}\s*,\s*)*{STRING_LITERAL})"
)


def messages_in_template(source: str) -> set[tuple]:
    """What makemessages finds in a template: Django's own templatize() turns it into gettext
    calls with Python string literals (the rest of its output is filler, not Python)."""
    found = set()
    for call in TEMPLATE_CALL.finditer(templatize(source)):
        strings = [ast.literal_eval(literal) for literal in re.findall(STRING_LITERAL, call.group(2))]
        key = _message_key(call.group(1), strings)
        if key is not None:
            found.add(key)
    return found


def source_files(*suffixes: str):
    for path in sorted(BASE_DIR.rglob("*")):
        relative = path.relative_to(BASE_DIR)
        if relative.parts[0] in NOT_SOURCE or any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix in suffixes and path.is_file():
            yield path


def messages_in_sources() -> dict[tuple, str]:
    """Every message the code and templates ask gettext for, with one place it is used."""
    found = {}
    for path in source_files(".py"):
        for key in messages_in_python(path.read_text(encoding="utf-8")):
            found.setdefault(key, str(path.relative_to(BASE_DIR)))
    for path in source_files(".html", ".txt"):
        for key in messages_in_template(path.read_text(encoding="utf-8")):
            found.setdefault(key, str(path.relative_to(BASE_DIR)))
    return found


def test_the_source_scan_finds_python_and_template_messages():
    found = messages_in_sources()
    assert (None, "Davam et", "") in found  # {% translate %} in a template
    assert (None, "Abonent kodunu daxil edin", "") in found  # gettext_lazy in forms.py
    assert any(plural for _, _, plural in found)  # ngettext and {% blocktranslate count %}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_code_is_in_the_catalogue(language):
    """What `makemessages` would add, found without gettext: a new or changed string fails here."""
    known = {(e.msgctxt, e.msgid, e.msgid_plural or "") for e in catalogue(language) if not e.obsolete}
    missing = {key: where for key, where in messages_in_sources().items() if key not in known}
    assert not missing, f"not in locale/{language}/LC_MESSAGES/django.po (see the module docstring):\n" + (
        "\n".join(f"{msgid!r} ({where})" for (_, msgid, _), where in sorted(missing.items(), key=str))
    )


# --- no Azerbaijani text outside translation tags in templates ---------------------------

AZERBAIJANI = re.compile(r"[əƏıİğĞşŞçÇöÖüÜ]")
# Templates that are not translated, and why.
UNTRANSLATED_TEMPLATES = {
    # Rendered with no context and no template tags (whatever failed must not fail it too):
    # it carries the Azerbaijani, English and Russian text itself.
    "500.html",
    # A development-only page (the console SMS outbox), in English, never shown in production.
    "notifications/dev_sms.html",
}
TRANSLATED_BLOCK = re.compile(r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
COMMENT_BLOCK = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.S)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
VISIBLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "value", "content"}


class VisibleText(HTMLParser):
    """Text nodes and the attributes people see or hear, outside <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.texts += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


def untranslated_text(source: str) -> list[str]:
    """Azerbaijani text left outside {% translate %} and {% blocktranslate %}."""
    for pattern in (COMMENT_BLOCK, TRANSLATED_BLOCK, TEMPLATE_SYNTAX):
        source = pattern.sub(" ", source)
    parser = VisibleText()
    parser.feed(source)
    return [" ".join(text.split()) for text in parser.texts if AZERBAIJANI.search(text)]


def project_templates():
    for path in sorted([*TEMPLATES_DIR.rglob("*.html"), *TEMPLATES_DIR.rglob("*.txt")]):
        name = path.relative_to(TEMPLATES_DIR).as_posix()
        if name not in UNTRANSLATED_TEMPLATES:
            yield name, path


def test_the_scan_sees_untranslated_text():
    page = '{% load i18n %}<p title="Düymə">{% translate "Davam et" %}</p><p>Salam, {{ ad }}</p>'
    assert untranslated_text(page) == ["Düymə"]
    assert untranslated_text("<p>Xəta baş verdi</p>") == ["Xəta baş verdi"]
    assert untranslated_text("{% blocktranslate %}Salam, {{ ad }}!{% endblocktranslate %}") == []


def test_templates_have_no_untranslated_azerbaijani_text():
    found = {
        name: texts for name, path in project_templates() if (texts := untranslated_text(path.read_text()))
    }
    assert not found, "wrap these in {% translate %} / {% blocktranslate %}:\n" + "\n".join(
        f"templates/{name}: {text!r}" for name, texts in found.items() for text in texts
    )


def test_the_error_page_speaks_all_three_languages():
    page = (TEMPLATES_DIR / "500.html").read_text()
    assert "{%" not in page and "{{" not in page
    assert "Bağışlayın" in page and "Sorry" in page and "Извините" in page
