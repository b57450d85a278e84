"""The smoke run's verdict (bench.run.sanity): wrong answers fail it, a slow machine does not."""

import json
import os
import subprocess
import sys

from django.conf import settings

from bench.client import page_errors
from bench.run import sanity
from bench.scenarios import summarize_peer


def journey(**run) -> dict:
    return {"users_8": {"errors": sum(run.get("errors", {}).values()), "runs": [run]}}


def test_journeys_that_finish_after_the_window_on_a_slow_machine_pass():
    found = {"journey": journey(completed=0, finished=3, errors={}, error_samples=[])}

    assert sanity(found) == {}


def test_no_journey_finishing_at_all_fails():
    found = {"journey": journey(completed=0, finished=0, errors={}, error_samples=[])}

    assert sanity(found) == {"journey": "no journey completed"}


def test_a_journey_error_fails_with_its_sample():
    sample = "journey: contact POST: HTTP 500 (expected 200)"
    found = {"journey": journey(completed=2, finished=2, errors={"journey": 1}, error_samples=[sample])}

    assert sample in sanity(found)["journey"]


def test_lookups_slower_than_wrk_s_timeout_are_not_wrong_answers():
    assert sanity({"limit_and_lookup": {"errors": [{"timeout": 4}]}}) == {}


def test_lookups_answered_with_an_error_status_fail():
    problems = sanity({"limit_and_lookup": {"errors": [{"status": 2, "timeout": 1}]}})

    assert problems == {"limit_and_lookup": "HTTP errors: [{'status': 2}]"}


def test_the_vanilla_peer_answering_with_an_error_status_fails_too():
    problems = sanity({"vanilla_peer": {"errors": [{"status": 3}]}})

    assert problems == {"vanilla_peer": "HTTP errors: [{'status': 3}]"}


def wrk_run(*, requests: int, gunicorn_cores: float, seconds: float = 4.0, disturbed=False) -> dict:
    machine = {"seconds": seconds, "own_cpu_cores": {"gunicorn": gunicorn_cores, "postgres": 0.1}}
    return {
        "requests": requests,
        "rps": requests / seconds,
        "latency_ms": {"p99": 40.0},
        "errors": {},
        "machine": machine | {"disturbed": disturbed},
    }


def test_the_peer_comparison_is_worker_cpu_a_request_over_the_undisturbed_rounds():
    calm = {
        "ours_lookup": wrk_run(requests=400, gunicorn_cores=0.5),  # 5 ms a request
        "peer_lookup": wrk_run(requests=250, gunicorn_cores=0.5),  # 8 ms
        "ours_bare": wrk_run(requests=2000, gunicorn_cores=0.5),  # 1 ms
        "peer_bare": wrk_run(requests=4000, gunicorn_cores=0.5),  # 0.5 ms
    }
    stormy = {**calm, "peer_lookup": wrk_run(requests=10, gunicorn_cores=0.5, disturbed=True)}

    summary = summarize_peer([calm, stormy])

    assert summary["runs_used"] == "1 of 2"
    assert summary["ours_lookup_cpu_ms"] == 5.0
    assert summary["peer_lookup_cpu_ms"] == 8.0
    assert summary["lookup_cpu_advantage"] == 1.6
    assert summary["bare_cpu_advantage"] == 0.5


def test_the_vanilla_peer_is_plain_django_with_none_of_the_portal_loaded():
    """The yardstick must not be our own code under another name."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.peer.settings"}
    script = """
import sys, django
django.setup()
from django.test import Client
page = Client().get("/status/", SERVER_NAME="127.0.0.1")
ours = sorted(m for m in sys.modules if m.split(".")[0] in
              {"azerishiq_portal", "applications", "core", "subscribers", "notifications", "integrations"})
print(page.status_code, "csrfmiddlewaretoken" in page.content.decode(), ours)
"""
    done = python(script, environment)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "True", "[]"]


def test_the_bench_reads_the_demo_staff_without_django_settings():
    """The bench's load client signs staff in outside Django: the demo staff must be plain data."""
    environment = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    done = python("from backoffice import demo; print(demo.DEMO_TOTP_SECRET)", environment)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "AZERISHIQDEMOTOTPSECRETKEY234567"


def test_a_journey_without_its_code_reports_what_the_contact_page_said():
    page = """<div class="error-summary" role="alert"><h2>Problem</h2>
      <ul class="error-summary__list">
        <li><a href="#id_contact-otp_code">Bir saat ərzində çox kod istənilib.</a></li>
      </ul></div>"""

    assert page_errors(page) == "Bir saat ərzində çox kod istənilib."
    assert page_errors("<p>no errors here</p>") == ""


def test_the_bench_s_citizens_all_asking_from_one_address_get_their_codes():
    """All of the bench's load comes from 127.0.0.1: the per-address code quota must not refuse
    the 21st journey (CI once failed on it), while the per-citizen quotas stay as deployed."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "azerishiq_portal.settings.bench",
        "SECRET_KEY": "bench-only-secret-key-" + "b" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": "postgres://bench@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    script = "import json; from django.conf import settings; print(json.dumps(settings.PHONE_CODES_PER_HOUR))"
    done = python(script, environment)

    assert done.returncode == 0, done.stderr
    quotas = json.loads(done.stdout)
    assert quotas["address"] >= 100_000
    assert quotas["citizen_and_number"] == settings.PHONE_CODES_PER_HOUR["citizen_and_number"]


def python(script: str, environment: dict) -> subprocess.CompletedProcess:
    """`script` run by our own interpreter in a fresh process, from the project's root."""
    return subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
