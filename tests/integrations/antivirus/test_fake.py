"""The development no-op and the tests' fake: what each says, so nobody mistakes one for a scanner."""

from integrations.antivirus.fake import FakeAntivirus, NoOpAntivirus
from tests.support.clamd import EICAR


def test_the_fake_finds_eicar_and_passes_anything_else():
    assert not FakeAntivirus().scan(EICAR).clean
    assert FakeAntivirus().scan(b"%PDF-1.4 a certificate").clean


def test_the_no_op_calls_even_eicar_clean():
    assert NoOpAntivirus().scan(EICAR).clean
