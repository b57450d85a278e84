"""The alerts as code: promtool (Debian's `prometheus` package) checks the rules and runs their
unit tests. In CI (CI=true, .ci/run installs it) a missing promtool is a failure, not a skip."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROMETHEUS_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def promtool(*args: str) -> subprocess.CompletedProcess:
    tool = shutil.which("promtool")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("promtool is not installed (apt-get install prometheus)")
        pytest.skip("promtool is not installed (apt-get install prometheus)")
    return subprocess.run(  # noqa: S603 — promtool with our own files
        [tool, *args], cwd=PROMETHEUS_DIR, capture_output=True, text=True, timeout=120, check=False
    )


def test_alert_rules_are_valid():
    checked = promtool("check", "rules", "alerts.yml")

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_alert_rules_fire_as_their_unit_tests_say():
    tested = promtool("test", "rules", "alerts_test.yml")

    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_prometheus_config_is_valid():
    checked = promtool("check", "config", "--syntax-only", "prometheus.yml")

    assert checked.returncode == 0, checked.stdout + checked.stderr
