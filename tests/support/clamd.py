"""ClamAV's daemon for the tests of the real scanner: the one .ci/run started (CLAMD_ADDRESS),
or a private one started from Debian's clamav-daemon with the committed signature file
clamav/eicar.ndb (no freshclam: the machine has no internet), which finds the EICAR test file.
Without clamd the tests skip; with CI=true they fail."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from clamav_client.clamd import ClamdError, ClamdUnixSocket

from integrations.antivirus.base import AntivirusUnavailable
from integrations.antivirus.clamd import ClamdAntivirus

CLAMD = "/usr/sbin/clamd"
SIGNATURES = Path(__file__).parent / "clamav"
# The EICAR test file (eicar.org), harmless, recognised by every scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
START_TIMEOUT = 120


def clamd_unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"clamd required on CI but {reason}", pytrace=False)
    pytest.skip(f"no clamd: {reason} (apt-get install clamav-daemon)")


def clamd_config(directory: Path) -> Path:
    """A private clamd: its own socket, the committed signatures, streams a little over the
    portal's 10 MB limit."""
    config = directory / "clamd.conf"
    config.write_text(
        f"DatabaseDirectory {SIGNATURES}\n"
        f"LocalSocket {directory / 'clamd.sock'}\n"
        f"LogFile {directory / 'clamd.log'}\n"
        "Foreground yes\n"
        "StreamMaxLength 12M\n"
    )
    return config


def clamd_answers(socket: Path) -> bool:
    try:
        return ClamdUnixSocket(path=str(socket), timeout=5).ping() == "PONG"
    except (ClamdError, OSError):
        return False


def clamd_start(directory: Path) -> tuple[subprocess.Popen, str]:
    """Start clamd and wait (generously: loading signatures is slow on a busy machine)."""
    config = clamd_config(directory)
    process = subprocess.Popen(  # noqa: S603 — Debian's clamd, our own config
        [CLAMD, f"--config-file={config}"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    socket = directory / "clamd.sock"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if socket.exists() and clamd_answers(socket):
            return process, str(socket)
        time.sleep(0.2)
    process.kill()
    log = (directory / "clamd.log").read_text() if (directory / "clamd.log").exists() else ""
    clamd_unavailable(f"clamd did not start: {log[-500:]}")
    raise AssertionError("unreachable")


def clamd_scans(address: str) -> bool:
    """Whether clamd at `address` is there and knows the EICAR file."""
    try:
        return not ClamdAntivirus(address=address, timeout=10).scan(EICAR).clean
    except AntivirusUnavailable:
        return False
