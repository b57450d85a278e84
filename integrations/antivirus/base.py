"""Virus scanners, chosen by settings.ANTIVIRUS like Django's EMAIL_BACKEND.

A scanner reads the bytes of one file a citizen handed in and says whether they are clean, or
which signature they match; AntivirusUnavailable when it cannot tell now (the file is then not
taken). The development no-op and the deterministic fake are fake.py, ClamAV's daemon clamd.py.
"""

from dataclasses import dataclass
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend


class AntivirusUnavailable(ExternalSystemUnavailable):
    """The scanner did not answer, or could not scan the file; nothing is known about it."""


@dataclass(frozen=True)
class ScanVerdict:
    clean: bool
    signature: str = ""  # what was found, when not clean


class Antivirus(Protocol):
    def scan(self, content: bytes) -> ScanVerdict:
        """Scan one file's bytes. Raises AntivirusUnavailable."""


def get_antivirus() -> Antivirus:
    """The configured scanner (settings.ANTIVIRUS["BACKEND"]), built at call time."""
    return load_backend("ANTIVIRUS")
