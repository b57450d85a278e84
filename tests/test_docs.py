"""What the documents promise is proven by the tests they name: each `tests/…py::test_…` in
docs/ and README.md exists (a renamed or moved test would leave a claim without its proof)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
# `tests/x.py::test_y`, `tests/x.py`, and `::test_z` continuing the last file named on the line.
REFERENCE = re.compile(r"`(?P<file>tests/[\w/]+\.py)?(?:::(?P<test>\w+))?`")


def references() -> list[tuple[str, str, str | None]]:
    found = []
    for document in DOCUMENTS:
        for line in document.read_text(encoding="utf-8").splitlines():
            current = None
            for match in REFERENCE.finditer(line):
                current = match["file"] or current
                if current:
                    found.append((document.name, current, match["test"]))
    return found


@pytest.mark.parametrize(("document", "path", "test"), references())
def test_every_test_a_document_names_exists(document, path, test):
    source = ROOT / path
    assert source.exists(), f"{document} names {path}, which does not exist"
    if test:
        assert re.search(rf"def {test}\b", source.read_text(encoding="utf-8")), f"{document}: {path}::{test}"
