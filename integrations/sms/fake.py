"""Gateways that send nothing: the console (development, with /dev/sms/), an in-memory outbox
(tests) and a file (end-to-end tests and benchmarks, with failures scripted by control files)."""

import json
import logging
import sys
import threading
import time
from pathlib import Path

from core.personal_data import message_secrets_masked, phone_masked
from integrations.sms.base import SmsMessage, SmsRefused, SmsUnavailable

logger = logging.getLogger(__name__)


DEV_OUTBOX_CACHE_KEY = "notifications:dev-sms-outbox"
DEV_OUTBOX_SIZE = 50


class ConsoleSmsGateway:
    """Development: accepts every message, prints it with its secrets masked, and keeps the last
    50 in the cache for /dev/sms/ (DEBUG only), where a person running `make run` reads them
    whole, as a phone would."""

    def __init__(self, **options):
        pass

    def send(self, message: SmsMessage) -> str:
        """Print and keep the message; always accepted."""
        from django.core.cache import cache
        from django.utils import timezone

        # Like Django's console e-mail backend, but the terminal's output ends up in log files:
        # the number, one-time codes and document links are masked; /dev/sms/ shows them whole.
        sys.stdout.write(f"[SMS to {phone_masked(message.to)}] {message_secrets_masked(message.body)}\n")
        sys.stdout.flush()
        received = {"to": message.to, "body": message.body, "at": timezone.now().isoformat()}
        outbox = [received, *cache.get(DEV_OUTBOX_CACHE_KEY, [])][:DEV_OUTBOX_SIZE]
        cache.set(DEV_OUTBOX_CACHE_KEY, outbox, None)
        return f"console-{message.reference}"

    def find_sent(self, message: SmsMessage) -> str | None:
        """The console keeps nothing: a message is simply shown again."""
        return None


class InMemorySmsGateway:
    """Tests: messages land in `InMemorySmsGateway.outbox`; failures can be scripted with
    `InMemorySmsGateway.script`, a list of exceptions raised by the next sends, in order."""

    outbox: list[SmsMessage] = []
    script: list[Exception] = []
    _lock = threading.Lock()

    def __init__(self, **options):
        pass

    @classmethod
    def reset(cls) -> None:
        with cls._lock:
            cls.outbox.clear()
            cls.script.clear()

    def send(self, message: SmsMessage) -> str:
        """Record the message, or raise the next scripted failure."""
        with self._lock:
            if self.script:
                raise self.script.pop(0)
            self.outbox.append(message)
            return f"mem-{message.reference}"

    def find_sent(self, message: SmsMessage) -> str | None:
        """The id if this reference is in the outbox."""
        with self._lock:
            found = any(sent.reference == message.reference for sent in self.outbox)
        return f"mem-{message.reference}" if found else None


class FileSmsGateway:
    """A gateway stub for end-to-end tests with real workers: one JSON line per accepted
    message in `path`. A file `<path>.fail` holding a number makes that many sends fail
    with a transient error (as a 5xx would); `<path>.permanent` holds an error code to refuse
    every message with; `<path>.delay` / `<path>.delay_after` hold seconds to sleep before /
    after accepting (to kill a worker mid-send)."""

    def __init__(self, *, path: str, **options):
        self.path = Path(path)

    def send(self, message: SmsMessage) -> str:
        """Append the message to the file, or fail as scripted by the control files."""
        delay = self._control("delay")
        if delay:
            time.sleep(float(delay))
        permanent = self._control("permanent")
        if permanent:
            raise SmsRefused(f"scripted permanent error {permanent}", code=permanent)
        failures = self._control("fail")
        if failures and int(failures) > 0:
            self.path.with_suffix(".fail").write_text(str(int(failures) - 1))
            raise SmsUnavailable("scripted 503 from the file gateway")
        with self.path.open("a", encoding="utf-8") as outbox:
            outbox.write(
                json.dumps(
                    {"to": message.to, "body": message.body, "reference": message.reference},
                    ensure_ascii=False,
                )
                + "\n"
            )
        delay_after = self._control("delay_after")
        if delay_after:
            time.sleep(float(delay_after))
        return f"file-{message.reference}"

    def find_sent(self, message: SmsMessage) -> str | None:
        """The id if a line with this reference is in the file."""
        if not self.path.exists():
            return None
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if json.loads(line)["reference"] == message.reference:
                return f"file-{message.reference}"
        return None

    def _control(self, name: str) -> str:
        control = self.path.with_suffix(f".{name}")
        return control.read_text().strip() if control.exists() else ""
