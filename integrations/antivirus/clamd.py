"""ClamAV's daemon (Debian's clamav-daemon), spoken to over its INSTREAM command through
clamav-client: the bytes are streamed to clamd, which answers OK or FOUND <signature>."""

import io

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket

from integrations.antivirus.base import AntivirusUnavailable, ScanVerdict


class ClamdAntivirus:
    """clamd at `address`: a Unix socket path (/run/clamav/clamd.ctl) or host:port."""

    def __init__(self, *, address: str, timeout: float = 30.0):
        self.address = address
        self.timeout = timeout

    def _client(self):
        host, _, port = self.address.rpartition(":")
        if self.address.startswith("/") or not port.isdigit():
            return ClamdUnixSocket(path=self.address, timeout=int(self.timeout))
        return ClamdNetworkSocket(host=host, port=int(port), timeout=self.timeout)

    def scan(self, content: bytes) -> ScanVerdict:
        """Stream `content` to clamd. Raises AntivirusUnavailable (no daemon, a timeout, a file
        over clamd's StreamMaxLength, or an error while scanning)."""
        try:
            answer = self._client().instream(io.BytesIO(content))
        except (ClamdError, OSError) as error:
            raise AntivirusUnavailable(f"clamd {self.address}: {type(error).__name__}") from error
        state, signature = answer.get("stream", ("ERROR", "no answer"))
        if state == "OK":
            return ScanVerdict(clean=True)
        if state == "FOUND":
            return ScanVerdict(clean=False, signature=signature or "")
        raise AntivirusUnavailable(f"clamd {self.address}: {state} {signature}")
