"""`make bench` (and `make bench-smoke`): generate the data, start the production shape, run every
scenario, write results.json and RESULTS.md.

    .venv/bin/python -m bench.run                 # the full run: 1M accounts and applications
    .venv/bin/python -m bench.run --profile smoke # small data, seconds per scenario (CI)
    .venv/bin/python -m bench.run --reuse-data    # keep the database of the previous run
"""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bench import report, scenarios, wrk
from bench.stack import ROOT, SMS_WORKER_THREADS, Ports, Stack


@dataclass(frozen=True)
class Profile:
    name: str
    accounts: int
    applications: int
    runs: int
    seconds: float
    journey_seconds: float
    connections: int
    lookup_numbers: int
    admin_repeat: int
    quiet_journeys: int
    pdf_bundles: int
    sms_tasks: int
    memory_requests: int
    journey_accounts: int
    quiet_wait_budget_s: float
    database: str
    ports: Ports


PROFILES = {
    "full": Profile(
        "full",
        1_000_000,
        1_000_000,
        runs=3,
        seconds=10,
        journey_seconds=20,
        connections=32,
        lookup_numbers=20_000,
        admin_repeat=20,
        quiet_journeys=20,
        pdf_bundles=30,
        sms_tasks=1000,
        memory_requests=10_000,
        journey_accounts=20_000,
        quiet_wait_budget_s=420,
        database="azerishiq_bench",
        ports=Ports(6391, 8790, 8791, 8789),
    ),
    "smoke": Profile(
        "smoke",
        3000,
        2000,
        runs=1,
        seconds=2,
        journey_seconds=3,
        connections=8,
        lookup_numbers=500,
        admin_repeat=2,
        quiet_journeys=2,
        pdf_bundles=3,
        sms_tasks=50,
        memory_requests=400,
        journey_accounts=800,
        quiet_wait_budget_s=0,
        database="azerishiq_bench_smoke",
        ports=Ports(6393, 8793, 8794, 8799),
    ),
}
SCENARIOS = (
    "limit_and_lookup",
    "vanilla_peer",
    "back_office",
    "metrics",
    "journey",
    "pipeline_quiet",
    "documents",
    "sms",
    "memory",
    "statelessness",
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profile", choices=PROFILES, default="full")
    parser.add_argument("--reuse-data", action="store_true", help="keep the bench database if it has data")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--report-only", type=Path, help="only rewrite RESULTS.md from this results.json")
    parser.add_argument("--runs", type=int, help="measured runs per scenario (default: the profile's)")
    parser.add_argument("--journey-users", default="8,32", help="concurrent citizens, comma-separated")
    parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 4)))
    parser.add_argument(
        "--session-engine", default=os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="where results.json and RESULTS.md go (default: bench/, smoke: the work dir)",
    )
    options = parser.parse_args(argv)
    # A stopped run stops what it started (the finally below runs on SIGTERM too).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if options.report_only:
        return report_only(options.report_only)
    profile = PROFILES[options.profile]
    if options.runs:
        profile = replace(profile, runs=options.runs)
    if not wrk.available():
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    workdir = ROOT / "bench" / ".work" / profile.name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    output = options.output or (ROOT / "bench" if profile.name == "full" else workdir)
    stack = Stack(
        workdir=workdir,
        database=profile.database,
        ports=profile.ports,
        web_workers=options.web_workers,
        session_engine=options.session_engine,
        web_timeout=30 if profile.name == "full" else 300,
    )
    started = time.monotonic()
    results = {
        "profile": asdict(profile),
        "machine": machine(),
        "settings": {
            "web_workers": options.web_workers,
            "session_engine": options.session_engine,
            "celery": (
                "as docker-compose.yml: `worker` (prefork, one child per core, queues celery,documents) "
                f"and `worker-sms` (queue sms, {SMS_WORKER_THREADS} threads)"
            ),
        },
        "scenarios": {},
        "failures": {},
    }
    try:
        results["data"] = data(stack, profile, reuse=options.reuse_data)
        for name in ("redis", "web", "worker", "sms_worker", "beat"):
            getattr(stack, f"start_{name}")()
        if "vanilla_peer" in options.only:
            stack.start_peer()
        users = tuple(int(count) for count in options.journey_users.split(","))
        run_scenarios(stack, profile, options.only, results, users)
        results["failures"].update(sanity(results["scenarios"]))
    finally:
        stack.stop_all()
    results["total_minutes"] = round((time.monotonic() - started) / 60, 1)
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n"
    )
    (output / "RESULTS.md").write_text(report.markdown(results))
    print(report.table(results))  # noqa: T201 — the command's output
    print(f"\nwrote {output / 'RESULTS.md'} and results.json in {results['total_minutes']} min")  # noqa: T201
    for name, problem in results["failures"].items():
        # In the CI log itself: the error samples say what went wrong, not only that it did.
        print(f"\nFAILED {name}: {problem}", file=sys.stderr)  # noqa: T201
    return 1 if results["failures"] else 0


def run_scenarios(stack, profile, only, results, journey_users) -> None:
    scenarios.QuietWait.budget = profile.quiet_wait_budget_s
    accounts = scenarios.Accounts(stack, profile.journey_accounts)
    steps = {
        "limit_and_lookup": lambda: scenarios.limit_and_lookup(stack, profile),
        "vanilla_peer": lambda: scenarios.vanilla_peer(stack, profile),
        "back_office": lambda: scenarios.back_office(stack, profile),
        "metrics": lambda: scenarios.metrics_scrape(stack, profile),
        "journey": lambda: scenarios.journey(stack, profile, accounts, journey_users),
        "pipeline_quiet": lambda: scenarios.pipeline_quiet(stack, profile, accounts),
        "documents": lambda: scenarios.documents(stack, profile),
        "sms": lambda: scenarios.sms_throughput(stack, profile),
        "memory": lambda: scenarios.web_memory(stack, profile, accounts),
        "statelessness": lambda: scenarios.statelessness(stack, profile, accounts),
    }
    for name in SCENARIOS:
        if name not in only:
            continue
        began = time.monotonic()
        print(f"==> {name}", flush=True)  # noqa: T201
        try:
            results["scenarios"][name] = steps[name]()
        except Exception:  # one broken scenario must not lose the others' numbers
            results["failures"][name] = traceback.format_exc()
            print(results["failures"][name], file=sys.stderr)  # noqa: T201
        print(f"    {time.monotonic() - began:.0f}s", flush=True)  # noqa: T201


def report_only(path: Path) -> int:
    """Summarize the raw runs of a results.json again (as this version of the bench does) and
    rewrite RESULTS.md beside it, e.g. after editing bench/NOTES.md."""
    results = json.loads(path.read_text())
    found = results["scenarios"]
    if "limit_and_lookup" in found:
        found["limit_and_lookup"].update(scenarios.summarize_lookup(found["limit_and_lookup"]["runs"]))
    if "vanilla_peer" in found:
        found["vanilla_peer"].update(scenarios.summarize_peer(found["vanilla_peer"]["runs"]))
    for level in found.get("journey", {}).values():
        level.update(scenarios.summarize_journey(level["runs"]))
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    path.with_name("RESULTS.md").write_text(report.markdown(results))
    print(report.table(results))  # noqa: T201
    return 0


def sanity(found: dict) -> dict[str, str]:
    """What makes a run wrong rather than slow: errors, or nothing completed (the smoke's check)."""
    problems = {}
    for name in ("limit_and_lookup", "vanilla_peer"):
        # wrk's "timeout" is a request slower than its timeout: slowness, not a wrong answer.
        wrong = [
            {kind: count for kind, count in errors.items() if kind != "timeout"}
            for errors in (found.get(name) or {}).get("errors", [])
        ]
        if any(wrong):
            problems[name] = f"HTTP errors: {[errors for errors in wrong if errors]}"
    if journey := found.get("journey"):
        runs = [run for level in journey.values() for run in level["runs"]]
        if any(level["errors"] for level in journey.values()):
            problems["journey"] = f"errors: {[run['error_samples'] for run in runs]}"
        elif not any(run.get("finished", run["completed"]) for run in runs):
            problems["journey"] = "no journey completed"
    if (stateless := found.get("statelessness")) and not stateless["passed"]:
        problems["statelessness"] = f"{stateless['error_samples']}"
    return problems


def data(stack, profile, *, reuse: bool) -> dict:
    if reuse and stack.database_exists():
        count = stack.query("SELECT count(*) FROM applications_application")[0][0]
        if count >= profile.applications:
            stack.manage("migrate", "--noinput")
            stack.manage("collectstatic", "--noinput")
            generated = stack.query(
                "SELECT generated_at, stats FROM bench_dataset ORDER BY generated_at DESC LIMIT 1"
            )
            stats = {"generated_at": generated[0][0], **generated[0][1]} if generated else {}
            return {"reused": True, "applications": count, **stats}
    stack.recreate_database()
    stack.manage("migrate", "--noinput")
    stack.manage("collectstatic", "--noinput")
    print(f"==> data: {profile.accounts:,} accounts, {profile.applications:,} applications", flush=True)  # noqa: T201
    output = stack.manage(
        "bench_data", "--accounts", str(profile.accounts), "--applications", str(profile.applications)
    )
    return {"reused": False, **json.loads(output.strip().splitlines()[-1])}


def machine() -> dict:
    def version(command):
        try:
            return (
                subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
                .stdout.strip()
                .splitlines()[0]
            )
        except (OSError, IndexError):
            return "?"

    import django

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    marker = ROOT / ".bench-commit"  # a snapshot of the repository made for the run
    commit = (
        marker.read_text().strip()
        if marker.exists()
        else version(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    )
    return {
        "commit": commit,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": version(["psql", "--version"]),
        "redis": version(["redis-server", "--version"]),
        "gunicorn": version([str(Path(sys.executable).parent / "gunicorn"), "--version"]),
        "celery": version([str(Path(sys.executable).parent / "celery"), "--version"]),
        "wrk": version(["wrk", "--version"]) or "wrk",
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


if __name__ == "__main__":
    sys.exit(main())
