"""Scanners that are not ClamAV: the development no-op and a deterministic fake for tests.

Production refuses both (azerishiq_portal/settings/production.py).
"""

from integrations.antivirus.base import ScanVerdict

# The industry's harmless test "virus" (eicar.org): every scanner reports it.
EICAR_MARKER = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class NoOpAntivirus:
    """Development only: scans nothing and calls every file clean."""

    def scan(self, content: bytes) -> ScanVerdict:
        """Always clean."""
        return ScanVerdict(clean=True)


class FakeAntivirus:
    """Finds the EICAR test file, and nothing else; deterministic, needs no daemon."""

    def scan(self, content: bytes) -> ScanVerdict:
        """Infected when the bytes hold the EICAR marker."""
        if EICAR_MARKER in content:
            return ScanVerdict(clean=False, signature="Eicar-Test-Signature")
        return ScanVerdict(clean=True)
