"""Hostile form input for the fuzz tests: what a browser, a script or an attacker can send.

A posted field is one value, several values under one name, a file where text is expected,
or missing altogether; a value is any Unicode text, control characters, something very long,
a known attack string, or text close to valid (so the deeper checks run too).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

ATTACKS = (
    "' OR '1'='1",
    "1; DROP TABLE applications_application; --",
    "100100200300401' --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ request.user.fin }}",
    "{% debug %}",
    "%(code)s %s %d",
    "${jndi:ldap://127.0.0.1/x}",
    "../../../../etc/passwd",
    "\\x00",
    "\u0000",
    "NaN",
    "-1",
    "1e308",
    "[]",
    "{}",
    "null",
    "None",
    "true",
    "０５０１２３４５６７",  # fullwidth digits
    "١٠٠١٠٠٢٠٠٣٠٠٤٠١",  # Arabic-Indic digits
    "𝟏𝟎𝟎𝟏𝟎𝟎𝟐𝟎𝟎𝟑𝟎𝟎𝟒𝟎𝟏",  # mathematical digits
    "İıƏəĞğÖöÜüŞşÇç",
    "\u202eevil\u202c",
    "a\u0301\u0301\u0301",
)

# Letters, digits and the odd separator: the same code points as real answers, wrongly put.
DIGITS_AND_SEPARATORS = "0123456789 -–.+()"
# A FİN's symbols, and the letters it never has (I and O, lower case, the dotted İ).
FIN_SYMBOLS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789 ioIOİ"

MISSING = object()


class UploadedFile:
    """A file posted where text is expected (built afresh for each request: a file is read once)."""

    def build(self) -> SimpleUploadedFile:
        return SimpleUploadedFile("x.txt", b"100100200300401", content_type="text/plain")


FILE = UploadedFile()

any_text = st.text(st.characters(codec="utf-8"), max_size=40)
control_text = st.text(
    st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\x85\xa0\u200b\u200e\u2028\ufeff"),
    min_size=1,
    max_size=12,
)
# Built by repetition: cheap to generate, up to 20,000 characters (80 kB of UTF-8).
long_text = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["9", "ə", "<", "A", "🙂", "\x00", "' OR 1=1 --"]),
    st.integers(min_value=41, max_value=20_000),
)
attack_text = st.sampled_from(ATTACKS)


def text(*near_valid: st.SearchStrategy) -> st.SearchStrategy:
    """Any hostile text, or one of the near-valid strategies given."""
    return st.one_of(any_text, control_text, long_text, attack_text, *near_valid)


def posted(values: st.SearchStrategy) -> st.SearchStrategy:
    """What arrives under one field name: usually one value, else several, a file, or nothing."""
    return st.one_of(
        values,
        values,
        values,
        st.lists(values, min_size=2, max_size=3),
        st.just(FILE),
        st.just(MISSING),
    )


# The wizard's own buttons and hidden fields: a stray field of one of these names is that button
# pressed ("Yenidən başla" starts over), not malformed input. Hypothesis finds them in the source.
CONTROLS = frozenset(
    {
        "wizard_reset",
        "wizard_goto_step",
        "check_account",
        "resend_code",
        "return_to_check",
        "submission_key",
        "csrfmiddlewaretoken",
        "application_wizard_view-current_step",
    }
)


def form(prefix: str, fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A POST body for a form whose fields carry `prefix` ("" for none), plus stray fields."""
    names = {name: f"{prefix}-{name}" if prefix else name for name in fields}
    known = st.fixed_dictionaries({names[name]: posted(values) for name, values in fields.items()})
    stray_names = st.text(st.characters(codec="utf-8"), max_size=12).filter(lambda name: name not in CONTROLS)
    stray = st.dictionaries(stray_names, text(), max_size=2)
    return st.builds(lambda data, extra: {**extra, **data}, known, stray)


def request_body(data: dict) -> dict:
    """The dict the test client posts: missing fields left out, files built."""
    body = {}
    for name, value in data.items():
        if value is MISSING:
            continue
        body[name] = value.build() if value is FILE else value
    return body


def digits(min_size: int, max_size: int) -> st.SearchStrategy:
    return st.text("0123456789", min_size=min_size, max_size=max_size)


near_digits = st.text(DIGITS_AND_SEPARATORS, max_size=24)
