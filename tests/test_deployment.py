"""What an operator relies on in docker-compose.yml, the Dockerfile, .env.example, CI and README.

Docker is not run here: these tests read the files, so a broken promise fails in the suite.
"""

import os
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LONG_RUNNING = {"proxy", "web", "worker", "worker-sms", "beat", "db", "redis"}
APP_SERVICES = ("web", "worker", "worker-sms", "beat")
SECRET_NAME = re.compile(r"SECRET|PASSWORD|API_KEY|TOKEN")
# `${NAME}`, `${NAME:?message}` or `${NAME:-}`: the value comes from the environment.
FROM_ENVIRONMENT = re.compile(r"^\$\{(?P<name>[A-Z][A-Z0-9_]*)(?::\?[^}]*|:-)?\}$")
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def _environment(service: dict) -> dict:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.partition("=")[::2] for item in environment)
    return environment


def _env_example_names() -> set[str]:
    """Names set or shown as an example (`# NAME=…`) in .env.example."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_compose_defines_web_worker_beat_db_and_redis(services):
    assert not LONG_RUNNING - set(services), "missing services"


def test_web_runs_gunicorn_with_production_settings(services):
    web = services["web"]
    assert "gunicorn azerishiq_portal.wsgi" in _command(web)
    assert _environment(web)["DJANGO_SETTINGS_MODULE"] == "azerishiq_portal.settings.production"


def test_every_long_running_service_has_a_healthcheck(services):
    for name, service in services.items():
        if service.get("restart") == "no":
            continue  # a one-off job such as `migrate` exits; it has nothing to report
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    assert not LONG_RUNNING - {name for name, s in services.items() if s.get("healthcheck")}


def test_web_healthcheck_requests_readiness_not_the_workers_health(services):
    check = services["web"]["healthcheck"]["test"]
    assert "http://127.0.0.1:8000/readyz" in " ".join(check)


def test_monitoring_runs_only_with_its_profile_and_reads_deploy_prometheus(services):
    for name in ("prometheus", "grafana"):
        assert services[name]["profiles"] == ["monitoring"], name
    assert all("profiles" not in service for name, service in services.items() if name in LONG_RUNNING)
    assert "./deploy/prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]
    assert any(v.startswith("./deploy/grafana/dashboards:") for v in services["grafana"]["volumes"])


def test_every_app_process_counts_into_the_shared_metrics_directory(compose, services):
    for name in APP_SERVICES:
        environment = _environment(services[name])
        assert environment["PROMETHEUS_MULTIPROC_DIR"] == "/run/metrics", name
        assert "metrics:/run/metrics" in services[name]["volumes"], name
    assert "metrics" in compose["volumes"]


def test_prometheus_scrapes_web_with_the_token_and_loads_the_alerts():
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    assert "alerts.yml" in config["rule_files"]
    [job] = [job for job in config["scrape_configs"] if job["job_name"] == "portal"]
    assert job["metrics_path"] == "/metrics"
    assert job["static_configs"][0]["targets"] == ["web:8000"]
    assert job["authorization"]["credentials_file"] == "/prometheus/metrics_token"


def test_grafana_dashboard_is_valid_json_with_panels():
    import json

    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/portal.json").read_text())
    expressions = " ".join(t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", []))
    for metric in (
        "azerishiq_outbox_pending",
        "azerishiq_sms_failed_total",
        "azerishiq_applications_overdue",
    ):
        assert metric in expressions


def test_workers_consume_every_queue_between_them_and_answer_ping(services):
    queues = {}
    for name in ("worker", "worker-sms"):
        command = _command(services[name])
        queues[name] = set(re.search(r"-Q (\S+)", command).group(1).split(","))
        node = re.search(r"-n (\w+)@", command)
        assert f"-d {node.group(1) if node else 'celery'}@" in " ".join(services[name]["healthcheck"]["test"])
    assert queues == {"worker": {"celery", "documents"}, "worker-sms": {"sms"}}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} | {"celery"}
    assert routed == queues["worker"] | queues["worker-sms"]


def test_the_sms_worker_runs_threads_as_the_bench_measured_it(services):
    from bench.stack import SMS_WORKER_THREADS

    command = _command(services["worker-sms"])
    assert "--pool threads" in command
    assert f"--concurrency {SMS_WORKER_THREADS}" in command


def test_app_services_start_only_after_db_and_redis_are_healthy(services):
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        for dependency in ("db", "redis"):
            assert depends_on[dependency]["condition"] == "service_healthy", (name, dependency)


def test_migrations_run_once_before_the_app_services(services):
    migrate = services["migrate"]
    assert "manage.py migrate" in _command(migrate)
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_redis_persists_queued_tasks_and_never_evicts_them(services):
    command = _command(services["redis"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command


@pytest.mark.parametrize(("name", "data_dir"), [("db", "/var/lib/postgresql/data"), ("redis", "/data")])
def test_data_lives_in_a_named_volume(compose, services, name, data_dir):
    volumes = [v.split(":") for v in services[name]["volumes"]]
    assert any(target == data_dir and source in compose["volumes"] for source, target, *_ in volumes)


def test_secret_key_must_come_from_the_environment(services):
    for name in APP_SERVICES:
        value = _environment(services[name])["SECRET_KEY"]
        assert value.startswith("${SECRET_KEY:?"), f"{name}: SECRET_KEY must be required, no default"


def test_no_secret_value_is_hard_coded(services):
    for name, service in services.items():
        for key, value in _environment(service).items():
            if value is None:
                continue  # passed through from the environment when set
            if SECRET_NAME.search(key):
                assert FROM_ENVIRONMENT.match(str(value)), f"{name}: {key} is hard-coded"
            # In a URL such as postgres://user:password@db/name, the password is a reference.
            masked = re.sub(r"\$\{[^}]*\}", "<env>", str(value))
            password = re.search(r"://[^:/@]*:([^@]*)@", masked)
            if password:
                assert password.group(1) == "<env>", f"{name}: password in {key} is hard-coded"


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


def test_compose_reads_only_variables_documented_in_env_example(compose, services):
    text = "\n".join(_strings(compose))
    passed_through = {k for s in services.values() for k, v in _environment(s).items() if v is None}
    undocumented = (set(REFERENCE.findall(text)) | passed_through) - _env_example_names()
    assert not undocumented, f"add to .env.example: {sorted(undocumented)}"


def test_env_example_documents_every_variable_the_settings_read():
    source = "\n".join(p.read_text() for p in (ROOT / "azerishiq_portal/settings").glob("*.py"))
    names = set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    # `_adapter("BILLING", …)` reads env(f"{prefix}_URL") and env(f"{prefix}_BACKEND").
    suffixes = re.findall(r"\benv(?:\.\w+)?\(\s*f\"\{prefix\}(_[A-Z0-9_]+)\"", source)
    prefixes = re.findall(r"\b_adapter\(\s*\"([A-Z][A-Z0-9_]*)\"", source)
    names |= {prefix + suffix for prefix in prefixes for suffix in suffixes}
    assert {"SECRET_KEY", "DATABASE_URL", "BILLING_URL"} <= names  # the parsing still works
    undocumented = names - _env_example_names()
    assert not undocumented, f"add to .env.example: {sorted(undocumented)}"


def test_dockerfile_runs_as_a_non_root_user(dockerfile):
    users = [line.split()[1] for line in dockerfile if line.upper().startswith("USER ")]
    assert users, "the Dockerfile never switches user"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_keeps_no_secret_in_the_image(dockerfile):
    for line in dockerfile:
        if line.upper().startswith(("ENV ", "ARG ")):
            assert "SECRET_KEY" not in line, line


def test_dockerfile_collects_static_files_at_build(dockerfile):
    assert any(line.startswith("RUN ") and "collectstatic" in line for line in dockerfile)


def test_ci_script_is_executable_and_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    lines = [line.strip() for line in script.read_text().splitlines()]
    assert lines[0] in {"#!/usr/bin/env bash", "#!/bin/bash"}
    assert "set -euo pipefail" in lines
    assert "make test" in lines


def test_readme_starts_with_make_run_and_make_test():
    readme = ROOT / "README.md"
    assert readme.exists(), "README.md is missing"
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", readme.read_text(), flags=re.MULTILINE | re.DOTALL)
    commands = [
        line.strip().removeprefix("$ ")
        for block in blocks[:2]
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert "make run" in commands and "make test" in commands, commands
