"""The production shape on this machine, for the bench: a database of its own on the machine's
PostgreSQL, a private Redis (broker and cache), gunicorn with the bench settings, a Celery
worker as `make worker` starts it, and beat. Every process runs in its own session so that it
and its children stop together."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# docker-compose.yml's worker-sms runs as many (tests/test_deployment.py checks it).
SMS_WORKER_THREADS = 16
PG_DSN = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class Ports:
    redis: int
    web: int
    web_second: int
    peer: int  # the vanilla Django peer (bench/peer/)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.3)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout}s waiting for {what}")


class Stack:
    def __init__(
        self,
        *,
        workdir: Path,
        database: str,
        ports: Ports,
        web_workers: int,
        session_engine: str,
        web_timeout: int = 30,
    ):
        self.workdir, self.database, self.ports = workdir, database, ports
        self.web_workers = web_workers
        # gunicorn kills a worker whose request takes longer: production's 30 s in the full run;
        # the smoke run (CI, a loaded machine) gives slow requests time, as it checks answers.
        self.web_timeout = web_timeout
        self.processes: dict[str, subprocess.Popen] = {}
        self.sms_file = workdir / "sms.jsonl"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "azerishiq_portal.settings.bench",
            "SECRET_KEY": "bench-only-secret-key-" + "b" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{PG_DSN}/{database}",
            "REDIS_URL": f"redis://127.0.0.1:{ports.redis}/0",
            "CACHE_URL": f"redis://127.0.0.1:{ports.redis}/1",
            "SMS_GATEWAY_FILE": str(self.sms_file),
            "MEDIA_ROOT": str(workdir / "media"),
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports.web}",
            "SESSION_ENGINE": session_engine,
            "PYTHONUNBUFFERED": "1",
        }

    # --- the database -------------------------------------------------------------------

    def admin_query(self, sql: str) -> None:
        connection = psycopg2.connect(f"{PG_DSN}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def recreate_database(self) -> None:
        self.admin_query(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.admin_query(f'CREATE DATABASE "{self.database}"')

    def query(self, sql: str, *params):
        with psycopg2.connect(f"{PG_DSN}/{self.database}") as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def database_exists(self) -> bool:
        connection = psycopg2.connect(f"{PG_DSN}/postgres")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.database])
            found = cursor.fetchone() is not None
        connection.close()
        return found

    def backends(self) -> dict[int, str]:
        """PostgreSQL client backends: pid -> database."""
        connection = psycopg2.connect(f"{PG_DSN}/postgres")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid, datname FROM pg_stat_activity WHERE backend_type = 'client backend'")
            found = dict(cursor.fetchall())
        connection.close()
        return found

    def manage(self, *args: str, env: dict | None = None, capture: bool = True) -> str:
        done = subprocess.run(  # noqa: S603 — our own command
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, "LOG_LEVEL": "WARNING", **(env or {})},
            stdout=subprocess.PIPE if capture else None,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed ({done.returncode})")
        return done.stdout or ""

    # --- processes ----------------------------------------------------------------------

    def start(self, name: str, command: list[str], *, ready, env: dict | None = None) -> None:
        log = (self.workdir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(  # noqa: S603 — our own commands
            command,
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(ready, timeout=180, what=f"{name} (see {self.workdir / name}.log)")

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes)[::-1]:
            self.stop(name)

    def pids(self) -> list[int]:
        return [process.pid for process in self.processes.values()]

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_redis(self) -> None:
        port = self.ports.redis
        self.start(
            "redis",
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            ready=lambda: port_open(port),
        )

    def start_web(self, name: str = "web", port: int | None = None, env: dict | None = None) -> None:
        port = port or self.ports.web
        command = self.gunicorn("azerishiq_portal.wsgi:application", port)
        self.start(name, command, ready=lambda: _answers(f"http://127.0.0.1:{port}/bench/bare/"), env=env)

    def gunicorn(self, application: str, port: int) -> list[str]:
        """gunicorn as production runs it: sync workers (its default, as docker-compose runs it),
        web_workers of them, no access log (the proxy in front keeps one)."""
        return [
            str(BIN / "gunicorn"),
            application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.web_workers),
            "--timeout",
            str(self.web_timeout),
            "--backlog",
            "2048",
        ]

    def start_peer(self) -> None:
        """The vanilla Django peer (bench/peer/) on the same database, served as ours is: the same
        gunicorn, as many sync workers."""
        port = self.ports.peer
        command = self.gunicorn("bench.peer.wsgi:application", port)
        env = {"DJANGO_SETTINGS_MODULE": "bench.peer.settings"}
        self.start("peer", command, ready=lambda: _answers(f"http://127.0.0.1:{port}/bench/bare/"), env=env)

    def start_worker(self) -> None:
        # As docker-compose.yml's `worker`: the prefork pool (one child per core) for the
        # CPU-bound documents and the housekeeping queue.
        self._start_celery_worker("worker", "celery,documents")

    def start_sms_worker(self) -> None:
        # As docker-compose.yml's `worker-sms`: sending waits on the gateway and the database,
        # so one process runs SMS_WORKER_THREADS of them at once.
        self._start_celery_worker(
            "sms_worker", "sms", "--pool", "threads", "--concurrency", str(SMS_WORKER_THREADS), "-n", "sms@%h"
        )

    def _start_celery_worker(self, name: str, queues: str, *options: str) -> None:
        command = [
            str(BIN / "celery"),
            "-A",
            "azerishiq_portal",
            "worker",
            "-l",
            "info",
            "-Q",
            queues,
            *options,
        ]
        self.start(name, command, ready=lambda: "ready." in self.log(name))

    def start_beat(self) -> None:
        schedule = self.workdir / "beat-schedule"
        command = [str(BIN / "celery"), "-A", "azerishiq_portal", "beat", "-l", "info", "-s", str(schedule)]
        self.start("beat", command, ready=lambda: "beat: Starting" in self.log("beat"))

    def web_worker_pids(self, name: str = "web") -> list[int]:
        from bench.probe import children

        return children(self.processes[name].pid)

    def celery_pids(self, name: str) -> dict[str, list[int]]:
        from bench.probe import children

        main = self.processes[name].pid
        return {"main": [main], "pool": children(main)}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — loopback
            return response.status == 200
    except OSError:
        return False
