"""Text one person types for another to read (a reviewer's message, a citizen's note).

Invisible direction controls (the "Trojan Source" marks U+202A–U+202E, U+2066–U+2069, and the
implicit marks) and zero-width characters can make a message read differently from what it
says, or hide text in it. Azerbaijani needs none of them: they are removed as the text comes in.
"""

import re

from django import forms

INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]")


def invisible_characters_removed(text: str) -> str:
    """`text` without direction controls and zero-width characters."""
    return INVISIBLE.sub("", text)


class ShownTextField(forms.CharField):
    """A CharField for text shown to another person: invisible characters are removed."""

    def to_python(self, value):
        value = super().to_python(value)
        return invisible_characters_removed(value) if isinstance(value, str) else value
