"""The production shape on this machine, for tests that need real processes: gunicorn, a Celery
worker and beat, a private Redis (so a test can stop it), and a PostgreSQL database of their own.

These tests need PostgreSQL and redis-server. Where they are missing (a laptop with only Python)
the tests skip; .ci/run sets E2E_REQUIRED=1, which turns a missing service into a failure."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
import requests

from bench.stack import SMS_WORKER_THREADS, wait_for

ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("E2E_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Two checkouts may run these suites side by side on one machine: TEST_SLOT=N gives each its own
# ports and databases (CI runs one, slot 0).
SLOT = int(os.environ.get("TEST_SLOT", "0"))
DATABASE = "azerishiq_e2e" + (f"_{SLOT}" if SLOT else "")
REDIS_PORT = 6390 + 10 * SLOT
WEB_PORT = 8765 + 10 * SLOT
PROXY_PORT = 8767 + 10 * SLOT
BASE_URL = f"http://127.0.0.1:{WEB_PORT}"
PROXY_URL = f"http://127.0.0.1:{PROXY_PORT}"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf.template"
# Generous on purpose: on a loaded machine a page or a process start can take many seconds, and
# these tests prove what happens, never how fast (bench/ measures that).
HTTP_TIMEOUT = 60
START_TIMEOUT = 120


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.3)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def require_services(*, postgres: bool = True, redis_server: bool = True) -> None:
    """Skip the test where PostgreSQL or redis-server is missing (a laptop with only Python);
    with E2E_REQUIRED=1 (CI) a missing service fails it instead."""
    problems = []
    if redis_server and not shutil.which("redis-server"):
        problems.append("redis-server is not installed")
    if postgres:
        try:
            psycopg2.connect(f"{PG_DSN}/postgres", connect_timeout=2).close()
        except psycopg2.OperationalError as error:
            problems.append(f"PostgreSQL is not reachable at {PG_DSN}: {error}")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"services missing: {message}")
        pytest.skip(f"services missing: {message}")


class Stack:
    """Processes of the production shape, started and stopped on demand."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.sms_file = workdir / "sms.jsonl"
        self.mail_dir = workdir / "mail"
        self.billing_dir = workdir / "billing"
        self.billing_dir.mkdir(exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "azerishiq_portal.settings.base",
            "DEBUG": "0",
            "SECRET_KEY": "e2e-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{PG_DSN}/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SMS_GATEWAY_BACKEND": "integrations.sms.fake.FileSmsGateway",
            "SMS_GATEWAY_FILE": str(self.sms_file),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "PUBLIC_BASE_URL": BASE_URL,
            "NOTIFICATION_SWEEP_INTERVAL": "1",
            "WORKER_HEARTBEAT_INTERVAL": "1",
            "NOTIFICATION_SWEEP_GRACE_SECONDS": "1",
            "NOTIFICATION_SEND_LEASE_SECONDS": "6",
            "NOTIFICATION_RETRY_BASE_SECONDS": "0.2",
            "NOTIFICATION_RETRY_MAX_SECONDS": "1",
            "CONN_MAX_AGE": "0",
            # The fake billing, its faults scripted through files (Stack.billing_control).
            "FAKE_BILLING_CONTROL_DIR": str(self.billing_dir),
            "BILLING_COMMAND_SWEEP_INTERVAL": "1",
            "BILLING_COMMAND_LEASE_SECONDS": "6",
            "BILLING_COMMAND_RETRY_BASE_SECONDS": "0.2",
            "BILLING_COMMAND_RETRY_MAX_SECONDS": "1",
            # e-gov.az's status events go to a receiver the test runs (tests/e2e/test_egov_webhooks.py).
            "EGOV_WEBHOOKS_BACKEND": "integrations.egov.http.HttpWebhookSender",
            "EGOV_WEBHOOKS_TIMEOUT": "20",
            "EGOV_EVENT_SWEEP_INTERVAL": "1",
            "EGOV_EVENT_LEASE_SECONDS": "6",
            "EGOV_EVENT_RETRY_BASE_SECONDS": "0.2",
            "EGOV_EVENT_RETRY_MAX_SECONDS": "1",
        }
        self.env.pop("CACHE_URL", None)

    # --- processes ---------------------------------------------------------------------

    def start(self, name: str, command: list[str], *, ready=None, env=None):
        log = (self.workdir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(  # noqa: S603 — our own commands
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if ready:
            wait_for(ready, timeout=START_TIMEOUT, what=f"{name} to start (see {self.workdir / name}.log)")

    def stop(self, name: str, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def start_redis(self):
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            ready=lambda: port_open(REDIS_PORT),
        )

    def start_worker(self):
        """As docker-compose.yml's `worker`: documents and housekeeping (solo: one task at a time)."""
        self._start_celery_worker("worker", "celery,documents", "--pool", "solo")

    def start_sms_worker(self):
        """As docker-compose.yml's `worker-sms`: the sms queue in threads."""
        threads = str(SMS_WORKER_THREADS)
        self._start_celery_worker(
            "sms_worker", "sms", "--pool", "threads", "--concurrency", threads, "-n", "sms@%h"
        )

    def _start_celery_worker(self, name: str, queues: str, *options: str):
        bin_dir = Path(sys.executable).parent
        command = [str(bin_dir / "celery"), "-A", "azerishiq_portal", "worker", "-Q", queues, *options]
        command += ["-l", "info", "--without-gossip", "--without-mingle"]
        self.start(name, command, ready=lambda: "ready." in self.log(name))

    def start_beat(self):
        bin_dir = Path(sys.executable).parent
        schedule = self.workdir / "beat-schedule"
        self.start(
            "beat",
            [str(bin_dir / "celery"), "-A", "azerishiq_portal", "beat", "-l", "info", "-s", str(schedule)],
        )

    def start_web(self):
        bin_dir = Path(sys.executable).parent
        self.start(
            "web",
            [
                str(bin_dir / "gunicorn"),
                "azerishiq_portal.wsgi",
                "--bind",
                f"127.0.0.1:{WEB_PORT}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],
            ready=lambda: port_open(WEB_PORT),
        )

    def start_proxy(self):
        """nginx from the distribution, in front of web with docker-compose's configuration."""
        nginx = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
        if nginx is None:
            if os.environ.get("E2E_REQUIRED"):
                pytest.fail("nginx is not installed (apt-get install nginx)")
            pytest.skip("nginx is not installed (apt-get install nginx)")
        home = self.workdir / "nginx"
        home.mkdir(exist_ok=True)
        site = NGINX_TEMPLATE.read_text().replace("${UPSTREAM}", f"127.0.0.1:{WEB_PORT}")
        (home / "portal.conf").write_text(site.replace("${LISTEN}", f"127.0.0.1:{PROXY_PORT}"))
        temp_paths = "\n".join(
            f"  {kind}_temp_path {home / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (home / "nginx.conf").write_text(
            # As root (CI) the workers would switch to `nobody`, who cannot enter pytest's tmp dirs.
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\ndaemon off;\npid {home / 'nginx.pid'};\n"
            f"error_log {home / 'error.log'} warn;\nevents {{ worker_connections 512; }}\n"
            f"http {{\n{temp_paths}\n  include {home / 'portal.conf'};\n}}\n"
        )
        self.start(
            "proxy",
            [nginx, "-p", str(home), "-c", str(home / "nginx.conf"), "-e", str(home / "error.log")],
            ready=lambda: port_open(PROXY_PORT),
        )

    def sweeps_done(self) -> int:
        """How many outbox sweeps the workers have finished so far."""
        return len(re.findall(r"outbox_sweep_task\[[^\]]+\] succeeded", self.log("worker")))

    def wait_for_sweeps(self, count: int = 2) -> None:
        """Until `count` more outbox sweeps have run: whatever they would re-send, they have."""
        target = self.sweeps_done() + count
        wait_for(lambda: self.sweeps_done() >= target, timeout=120, what=f"{count} outbox sweeps")

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def manage(self, *args: str, **env):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"

    # --- the gateway stub and the database ---------------------------------------------

    def sms_sent(self) -> list[dict]:
        if not self.sms_file.exists():
            return []
        return [json.loads(line) for line in self.sms_file.read_text(encoding="utf-8").splitlines()]

    def control(self, name: str, value: str | None):
        path = self.sms_file.with_suffix(f".{name}")
        if value is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(value)

    def billing_control(self, name: str, value: str | None):
        """Script the fake billing: `fail` (calls answering unavailable), `refuse` (a reason),
        `delay_before` / `delay_after` (seconds around carrying a command out)."""
        path = self.billing_dir / name
        if value is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(value)

    def run_python(self, code: str):
        """Run `code` in a Django shell of the stack (staff's steps, through the services)."""
        self.manage("shell", "-c", code)

    def query(self, sql: str, *params):
        with psycopg2.connect(f"{PG_DSN}/{DATABASE}") as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def reset_data(self):
        self.query(
            "TRUNCATE notifications_document, notifications_documentbundle, notifications_notification,"
            " notifications_phoneverification, applications_applicationevent, applications_application,"
            " applications_wizarddraft CASCADE"
        )
        for control in ("fail", "permanent", "delay", "delay_after"):
            self.control(control, None)
        for control in ("fail", "refuse", "delay_before", "delay_after"):
            self.billing_control(control, None)
        self.sms_file.unlink(missing_ok=True)

    def reset_billing(self):
        """The fake billing's ledger back to the demo accounts (a transfer changes it)."""
        self.query("TRUNCATE fake_billing_contract, fake_billing_command")
        self.manage("load_demo_data", DEBUG="1")


def recreate_database(name: str = DATABASE) -> None:
    """An empty database `name` (dropped first, whoever is connected to it)."""
    admin = psycopg2.connect(f"{PG_DSN}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


class Citizen:
    """A browser-less citizen: a requests session that signs in and walks the wizard."""

    def __init__(self, stack: Stack, fin: str):
        self.stack = stack
        self.http = requests.Session()
        response = self.http.get(f"{BASE_URL}/signin/?next=/apply/", timeout=HTTP_TIMEOUT)
        response = self.post_form(response.url, {"method": "asan_imza", "fin": fin})
        assert response.url.startswith(f"{BASE_URL}/apply/"), response.url

    def post_form(self, url: str, data: dict):
        token = self.http.cookies.get("csrftoken")
        return self.http.post(url, data={"csrfmiddlewaretoken": token, **data}, timeout=HTTP_TIMEOUT)

    def step(self, step: str, fields: dict):
        self.http.get(f"{BASE_URL}/apply/{step}/", timeout=HTTP_TIMEOUT)
        data = {"application_wizard_view-current_step": step}
        data.update({f"{step}-{name}": value for name, value in fields.items()})
        return self.post_form(f"{BASE_URL}/apply/{step}/", data)

    def fill_wizard(
        self, *, application: dict, dwelling: dict, contact: dict, handover: dict | None = None
    ) -> str:
        """Walk the steps (a transfer's handover as `handover` gives it; confirming the mobile by
        its SMS code); returns the check page HTML."""
        self.step("basic", {})
        self.step("application", application)
        self.step("property", dwelling)
        if application.get("kind") == "transfer":
            self.step("handover", handover or {})
        response = self.step("contact", contact)
        assert "otp_code" in response.text, "the contact step should ask for the SMS code"
        phone = "+994" + re.sub(r"\D", "", contact["mobile_phone"])[-9:]
        code = wait_for(lambda: self._code_sent_to(phone), timeout=120, what="the one-time code SMS")
        response = self.step("contact", {**contact, "otp_code": code})
        assert response.url.endswith("/apply/check/"), response.url
        return response.text

    def _code_sent_to(self, phone: str) -> str | None:
        for sms in reversed(self.stack.sms_sent()):
            if sms["to"] == phone and (match := re.search(r"\b\d{6}\b", sms["body"])):
                return match.group(0)
        return None

    def submit(self, check_page: str):
        key = re.search(r'name="submission_key" value="([^"]+)"', check_page).group(1)
        return self.post_form(
            f"{BASE_URL}/apply/check/",
            {
                "application_wizard_view-current_step": "check",
                "check-declaration": "on",
                "submission_key": key,
            },
        )


AYSEL = {
    "fin": "2AB3C4D",
    "application": {"kind": "transfer", "subscriber_code": "100100200300401"},
    "dwelling": {
        "property_kind": "apartment",
        "district": "baki-nesimi",
        "registry_number": "608011001798",
        "registration_number": "1725022423",
    },
    "handover": {"handover_date": "20.11.2026", "meter_reading": "18463,1"},
    "contact": {"mobile_phone": "050 123 45 67", "email": "aysel@example.az"},
}


def aysel_at_check_page(stack: Stack, *, seller_told: bool = True) -> tuple[Citizen, str]:
    """Aysel signed in and through the wizard, at the check page (not sent). With
    seller_told=False billing knows no contact for the outgoing holder, so only her own messages
    go out (tests that follow her receipt through a scripted gateway)."""
    if not seller_told:
        stack.query(
            "UPDATE fake_billing_account SET contact_phone = '', contact_email = ''"
            " WHERE subscriber_code = %s",
            AYSEL["application"]["subscriber_code"],
        )
    citizen = Citizen(stack, AYSEL["fin"])
    page = citizen.fill_wizard(
        application=AYSEL["application"],
        dwelling=AYSEL["dwelling"],
        handover=AYSEL["handover"],
        contact=AYSEL["contact"],
    )
    return citizen, page
