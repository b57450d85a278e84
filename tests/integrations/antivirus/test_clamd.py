"""The real scanner against Debian's clamd (tests/support/clamd.py): clean bytes pass, the EICAR
test file is found, and a clamd that is not there is "unavailable", never "clean"."""

import pytest

from integrations.antivirus.base import AntivirusUnavailable, get_antivirus
from integrations.antivirus.clamd import ClamdAntivirus
from tests.support.clamd import EICAR


def test_clamd_passes_a_clean_pdf(clamd_scanner):
    verdict = get_antivirus().scan(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

    assert verdict.clean


def test_clamd_finds_the_eicar_test_file(clamd_scanner):
    verdict = get_antivirus().scan(EICAR)

    assert not verdict.clean
    assert "Eicar" in verdict.signature


def test_clamd_finds_eicar_inside_a_larger_file(clamd_scanner):
    verdict = get_antivirus().scan(b"%PDF-1.4\n" + b"0" * 100_000 + EICAR)

    assert not verdict.clean


def test_no_clamd_at_the_address_is_unavailable_not_clean(tmp_path):
    scanner = ClamdAntivirus(address=str(tmp_path / "no-such.sock"), timeout=2)

    with pytest.raises(AntivirusUnavailable):
        scanner.scan(b"anything")


def test_nothing_listening_on_a_port_is_unavailable():
    with pytest.raises(AntivirusUnavailable):
        ClamdAntivirus(address="127.0.0.1:1", timeout=2).scan(b"anything")
