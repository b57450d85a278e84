"""Taking PostgreSQL and Redis away: a TCP proxy between gunicorn and PostgreSQL that a test
stops (new connections refused, open ones cut) and starts again, the gunicorn process behind
it on a database of its own, and a private redis-server.

Where PostgreSQL or redis-server is missing the tests skip, unless E2E_REQUIRED=1 (CI) makes
that a failure, as in tests/e2e.
"""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

from tests.support.processes import ROOT, SLOT, wait_for

PG_HOST, PG_PORT = "127.0.0.1", 5432
DATABASE = "azerishiq_security_faults" + (f"_{SLOT}" if SLOT else "")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TcpProxy:
    """127.0.0.1:<port> forwarded to PostgreSQL, on an event loop in its own thread."""

    def __init__(self):
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.open: set[asyncio.StreamWriter] = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def start(self) -> None:
        asyncio.run_coroutine_threadsafe(self._listen(), self.loop).result(timeout=5)

    def stop(self) -> None:
        """PostgreSQL becomes unreachable: no new connections, and the open ones are cut."""
        asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(timeout=5)

    def shutdown(self) -> None:
        self.stop()
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _listen(self):
        self.server = await asyncio.start_server(self._forward, "127.0.0.1", self.port, reuse_address=True)

    async def _close(self):
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
        for writer in list(self.open):
            writer.transport.abort()
        self.open.clear()

    async def _forward(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(PG_HOST, PG_PORT)
        except OSError:
            client_writer.transport.abort()
            return
        self.open.update({client_writer, server_writer})
        await asyncio.gather(
            self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer)
        )

    async def _pipe(self, reader, writer):
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.transport.abort()
            self.open.discard(writer)


class Server:
    """gunicorn serving the portal from a database reached through `proxy`; tasks run in-process
    (no broker), SMS go to a file, the persistent database connections of production."""

    def __init__(self, workdir: Path, proxy: TcpProxy):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.sms_file = workdir / "sms.jsonl"
        self.log = workdir / "web.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "azerishiq_portal.settings.base",
            "DEBUG": "0",
            "SECRET_KEY": "security-faults-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{DATABASE}",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": "",
            "SMS_GATEWAY_BACKEND": "integrations.sms.fake.FileSmsGateway",
            "SMS_GATEWAY_FILE": str(self.sms_file),
            "PUBLIC_BASE_URL": self.url,
        }
        for name in ("CACHE_URL", "STATE_REGISTRY_URL", "BILLING_URL", "IDENTITY_PROVIDER_URL"):
            self.env.pop(name, None)
        self.process = None

    def prepare(self) -> None:
        for args in (("migrate", "--noinput"), ("load_demo_data",)):
            done = subprocess.run(  # noqa: S603 — our own command
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env={**self.env, "DEBUG": "1"},
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, f"manage.py {args[0]}:\n{done.stdout}\n{done.stderr}"

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(  # noqa: S603 — our own command
            [str(gunicorn), "azerishiq_portal.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._listening, timeout=30, what=f"gunicorn to start (see {self.log})")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def _listening(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(0.3)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0


class RedisServer:
    """A private redis-server a test can stop and start again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 — our own command
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._listening, timeout=10, what="redis-server to start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def _listening(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(0.3)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0
