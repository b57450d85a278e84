"""The measurements. Each takes the running Stack and the run's Profile and returns a dict for
results.json; each measured run carries the load average and the foreign CPU seen meanwhile,
and a run disturbed by other processes is taken again (at most twice)."""

import asyncio
import collections
import json
import secrets
import statistics
import string
import time
import urllib.parse
import urllib.request

from bench import client, wrk
from bench.probe import Watch, rss_mb
from bench.stack import wait_for

RETRIES = 2
QUEUES = ("celery", "sms", "documents")


class QuietWait:
    """Before a measurement, wait (within a time budget for the whole run, shared with repeats
    of disturbed measurements) until other processes on the machine have taken less than
    DISTURBED_CORES of CPU over a few seconds."""

    budget = 0.0

    @classmethod
    def until_quiet(cls, stack) -> float:
        waited = 0.0
        while cls.budget > 0:
            with Watch(stack.pids, stack.backends, stack.database) as watch:
                time.sleep(3)
            if not watch.reading.disturbed:
                break
            waited += watch.reading.seconds
            cls.budget -= watch.reading.seconds
        return round(waited, 1)


def watched(stack, measure):
    """Run `measure()` once the machine is quiet; again while other processes took CPU meanwhile
    (up to RETRIES times); keep the least disturbed attempt."""
    attempts = []
    for _ in range(RETRIES + 1):
        waited = QuietWait.until_quiet(stack)
        with Watch(stack.pids, stack.backends, stack.database) as watch:
            result = measure()
        result = {**result, "machine": watch.reading.as_dict() | {"waited_for_quiet_s": waited}}
        attempts.append(result)
        if not watch.reading.disturbed or QuietWait.budget <= 0:
            break
        # A repeat is paid from the same budget as the waiting: a machine that never gets
        # quiet costs a bounded extra time, and its numbers say they were disturbed.
        QuietWait.budget -= watch.reading.seconds
    best = min(attempts, key=lambda attempt: attempt["machine"]["foreign_cpu_cores"])
    return {**best, "attempts": len(attempts)}


def median_of(runs: list[dict], key) -> float:
    return statistics.median(key(run) for run in runs)


# --- the limit and the status lookup -------------------------------------------------------


def lookup_bodies(stack, path, count: int) -> str:
    """A file of status lookup form bodies over randomly sampled application numbers."""
    rows = stack.query(
        "SELECT number FROM applications_application TABLESAMPLE SYSTEM (5) LIMIT %s", count
    ) or stack.query("SELECT number FROM applications_application LIMIT %s", count)
    token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    path.write_text("".join(f"csrfmiddlewaretoken={token}&number={number}\n" for (number,) in rows))
    return token


def check_lookup(base: str, body_line: str, token: str) -> None:
    request = urllib.request.Request(  # noqa: S310 — loopback
        f"{base}/status/", data=body_line.encode(), headers={"Cookie": f"csrftoken={token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        page = response.read().decode()
    number = urllib.parse.parse_qs(body_line)["number"][0]
    if response.status != 200 or f"{number}:" not in page or "timeline__item" not in page:
        raise RuntimeError(f"the status lookup did not show {number}'s status")


def limit_and_lookup(stack, profile) -> dict:
    base = f"http://127.0.0.1:{stack.ports.web}"
    bodies = stack.workdir / "lookup-bodies.txt"
    token = lookup_bodies(stack, bodies, profile.lookup_numbers)
    check_lookup(base, bodies.read_text().splitlines()[0], token)
    connections = profile.connections
    # Warm every worker (imports, templates, connections) before measuring.
    wrk.run(f"{base}/bench/bare/", connections=connections, seconds=2)
    wrk.run(f"{base}/status/", connections=connections, seconds=2, bodies=bodies, cookie=f"csrftoken={token}")
    runs = []
    for _ in range(profile.runs):
        # Side by side: each lookup run right after its own bare run, the ratio per pair.
        bare = watched(
            stack, lambda: wrk.run(f"{base}/bench/bare/", connections=connections, seconds=profile.seconds)
        )
        lookup = watched(
            stack,
            lambda: wrk.run(
                f"{base}/status/",
                connections=connections,
                seconds=profile.seconds,
                bodies=bodies,
                cookie=f"csrftoken={token}",
            ),
        )
        runs.append({"bare": bare, "lookup": lookup, "ratio": round(lookup["rps"] / bare["rps"], 3)})
    return {"runs": runs, **summarize_lookup(runs)}


def clean_runs(runs: list[dict], *parts: str) -> list[dict]:
    """The runs no other process disturbed (all of them if none was clean: the report says so)."""
    measured = [[run[part] for part in parts] if parts else [run] for run in runs]
    clean = [
        run
        for run, pieces in zip(runs, measured, strict=True)
        if not any(p["machine"]["disturbed"] for p in pieces)
    ]
    return clean or runs


def summarize_lookup(runs: list[dict]) -> dict:
    """Medians over the undisturbed pairs of runs."""
    used = clean_runs(runs, "bare", "lookup")
    return {
        "runs_used": f"{len(used)} of {len(runs)}",
        "all_disturbed": all(
            run["bare"]["machine"]["disturbed"] or run["lookup"]["machine"]["disturbed"] for run in runs
        ),
        "bare_rps": median_of(used, lambda run: run["bare"]["rps"]),
        "lookup_rps": median_of(used, lambda run: run["lookup"]["rps"]),
        "ratio": median_of(used, lambda run: run["ratio"]),
        "lookup_p50_ms": median_of(used, lambda run: run["lookup"]["latency_ms"]["p50"]),
        "lookup_p95_ms": median_of(used, lambda run: run["lookup"]["latency_ms"]["p95"]),
        "lookup_p99_ms": median_of(used, lambda run: run["lookup"]["latency_ms"]["p99"]),
        "bare_p99_ms": median_of(used, lambda run: run["bare"]["latency_ms"]["p99"]),
        "errors": [run["lookup"]["errors"] for run in runs if run["lookup"]["errors"]],
    }


# --- against a vanilla Django page ----------------------------------------------------------


def worker_cpu_ms_per_request(run: dict, component: str = "gunicorn") -> float:
    """CPU that `component`'s processes spent per request of a wrk run, in ms (the Watch's own
    CPU split; only the measured server is busy during its run)."""
    machine = run["machine"]
    spent = machine["own_cpu_cores"].get(component, 0.0) * machine["seconds"]
    return round(1000 * spent / max(run["requests"], 1), 3)


def vanilla_peer(stack, profile) -> dict:
    """Issue 19's yardstick: our status lookup and bare view against a vanilla Django project's
    (bench/peer/: startproject's middleware, database sessions, an ORM lookup, a 60-line base
    template) on the same data and the same lookup bodies, as many gunicorn workers. Each round
    runs the four back to back, so a change of the machine's pace moves both sides; the numbers
    compared are worker CPU per request (and PostgreSQL's), which load moves much less than
    requests/s."""
    ours = f"http://127.0.0.1:{stack.ports.web}"
    peer = f"http://127.0.0.1:{stack.ports.peer}"
    bodies = stack.workdir / "peer-lookup-bodies.txt"
    token = lookup_bodies(stack, bodies, profile.lookup_numbers)
    first = bodies.read_text().splitlines()[0]
    check_lookup(ours, first, token)
    check_lookup(peer, first, token)
    connections = profile.connections

    def lookup(base: str) -> dict:
        return wrk.run(
            f"{base}/status/",
            connections=connections,
            seconds=profile.seconds,
            bodies=bodies,
            cookie=f"csrftoken={token}",
        )

    def bare(base: str) -> dict:
        return wrk.run(f"{base}/bench/bare/", connections=connections, seconds=profile.seconds)

    for base in (ours, peer):  # warm both: imports, templates, connections
        wrk.run(f"{base}/bench/bare/", connections=connections, seconds=2)
        wrk.run(
            f"{base}/status/", connections=connections, seconds=2, bodies=bodies, cookie=f"csrftoken={token}"
        )
    runs = []
    for _ in range(profile.runs):
        round_ = {}
        for name, measure in (
            ("ours_lookup", lambda: lookup(ours)),
            ("peer_lookup", lambda: lookup(peer)),
            ("ours_bare", lambda: bare(ours)),
            ("peer_bare", lambda: bare(peer)),
        ):
            round_[name] = watched(stack, measure)
        runs.append(round_)
    return {"runs": runs, **summarize_peer(runs)}


def summarize_peer(runs: list[dict]) -> dict:
    """Medians over the undisturbed rounds: CPU per request and requests/s of each side, and how
    many times cheaper ours is (> 1: ours costs less)."""
    parts = ("ours_lookup", "peer_lookup", "ours_bare", "peer_bare")
    used = clean_runs(runs, *parts)
    summary = {
        "runs_used": f"{len(used)} of {len(runs)}",
        "all_disturbed": all(any(run[part]["machine"]["disturbed"] for part in parts) for run in runs),
        "errors": [run[part]["errors"] for run in runs for part in parts if run[part]["errors"]],
    }
    for part in parts:
        summary[f"{part}_rps"] = median_of(used, lambda run, part=part: run[part]["rps"])
        summary[f"{part}_cpu_ms"] = median_of(
            used, lambda run, part=part: worker_cpu_ms_per_request(run[part])
        )
        summary[f"{part}_p99_ms"] = median_of(used, lambda run, part=part: run[part]["latency_ms"]["p99"])
    for part in ("ours_lookup", "peer_lookup"):
        summary[f"{part}_postgres_cpu_ms"] = median_of(
            used, lambda run, part=part: worker_cpu_ms_per_request(run[part], "postgres")
        )
    summary["lookup_cpu_advantage"] = round(
        summary["peer_lookup_cpu_ms"] / max(summary["ours_lookup_cpu_ms"], 1e-9), 2
    )
    summary["bare_cpu_advantage"] = round(
        summary["peer_bare_cpu_ms"] / max(summary["ours_bare_cpu_ms"], 1e-9), 2
    )
    return summary


# --- the citizen journey -------------------------------------------------------------------


class Accounts:
    """Synthetic accounts a citizen may still transfer: no debt, no open application."""

    def __init__(self, stack, count: int):
        rows = stack.query(
            """
            SELECT a.subscriber_code, d.code FROM subscribers_account a
            JOIN subscribers_property p ON p.id = a.property_id
            JOIN subscribers_district d ON d.id = p.district_id
            WHERE a.subscriber_code LIKE '9%%' AND a.balance <= 0 AND a.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM applications_application x WHERE x.account_id = a.id
                              AND x.status IN ('submitted', 'in_review', 'info_requested'))
            ORDER BY a.id DESC LIMIT %s
            """,
            count,
        )
        self.free = collections.deque({"i": int(code[1:]), "district": district} for code, district in rows)

    def __iter__(self):
        return self

    def __next__(self) -> dict:
        if not self.free:
            raise StopIteration
        return self.free.popleft()

    def take(self, count: int) -> list[dict]:
        return [self.free.popleft() for _ in range(min(count, len(self.free)))]


def drain_queues(stack, timeout: float = 300) -> float:
    """Wait until the worker has emptied every queue; returns how long that took."""
    import redis

    broker = redis.Redis(port=stack.ports.redis)
    started = time.monotonic()
    wait_for(
        lambda: sum(broker.llen(queue) for queue in QUEUES) == 0, timeout=timeout, what="queues to drain"
    )
    broker.close()
    time.sleep(0.5)  # the last task taken off a queue finishes
    return round(time.monotonic() - started, 1)


def journeys(
    stack, profile, accounts: Accounts, *, users: int, seconds: float, bases=None, **options
) -> dict:
    bases = bases or [f"http://127.0.0.1:{stack.ports.web}"]
    return asyncio.run(
        client.run_journeys(
            bases=bases, accounts=accounts, users=users, seconds=seconds, sms_file=stack.sms_file, **options
        )
    )


def cpu_per_application(run: dict) -> dict:
    """Core-milliseconds the bench's own processes spent per completed application, by process."""
    completed = max(run["completed_per_s"], 1e-9)
    own = run["machine"].get("own_cpu_cores", {})
    return {name: round(cores * 1000 / completed, 1) for name, cores in own.items()} | {
        "total": round(sum(own.values()) * 1000 / completed, 1)
    }


def summarize_journey(runs: list[dict]) -> dict:
    """Medians over the undisturbed runs of one concurrency level."""
    used = clean_runs(runs)
    steps = sorted({label for run in used for label in run["steps_ms"]})
    return {
        "runs_used": f"{len(used)} of {len(runs)}",
        "all_disturbed": all(run["machine"]["disturbed"] for run in runs),
        "completed_per_s": median_of(used, lambda run: run["completed_per_s"]),
        "step_p95_ms": {
            label: median_of(
                [r for r in used if label in r["steps_ms"]],
                lambda r, label=label: r["steps_ms"][label]["p95"],
            )
            for label in steps
        },
        "submit_to_gateway_p50_ms": median_of(used, lambda run: run["submit_to_gateway_ms"]["p50"] or 0),
        "submit_to_gateway_p95_ms": median_of(used, lambda run: run["submit_to_gateway_ms"]["p95"] or 0),
        "errors": sum(sum(run["errors"].values()) for run in runs),
        "cpu_ms_per_application": [cpu_per_application(run) for run in runs],
    }


def journey(stack, profile, accounts: Accounts, users_levels=(8, 32)) -> dict:
    report = {}
    for users in users_levels:
        runs = []
        for _ in range(profile.runs):
            drained = drain_queues(stack)
            run = watched(
                stack,
                lambda users=users: journeys(
                    stack, profile, accounts, users=users, seconds=profile.journey_seconds
                ),
            )
            runs.append({**run, "queue_drain_before_s": drained})
        report[f"users_{users}"] = {"runs": runs, **summarize_journey(runs)}
    return report


# --- back office -------------------------------------------------------------------------


def admin_paths(stack) -> dict:
    (number,) = stack.query("SELECT number FROM applications_application ORDER BY id DESC LIMIT 1")[0]
    (office,) = stack.query("SELECT id FROM subscribers_regionaloffice ORDER BY name LIMIT 1")[0]
    (district,) = stack.query("SELECT id FROM subscribers_district WHERE code = 'baki-nesimi'")[0]
    changelist = "/admin/applications/application/"
    return {
        "unfiltered": changelist,
        "filtered: status": f"{changelist}?status__exact=in_review",
        "filtered: office + status": f"{changelist}?office__id__exact={office}&status__exact=submitted",
        "filtered: district": f"{changelist}?district__id__exact={district}",
        "filtered: overdue": f"{changelist}?overdue=yes",
        "searched: number": f"{changelist}?q={urllib.parse.quote(number)}",
    }


def back_office(stack, profile) -> dict:
    from backoffice import demo as demo_staff

    paths = admin_paths(stack)
    base = f"http://127.0.0.1:{stack.ports.web}"
    secret = getattr(demo_staff, "DEMO_TOTP_SECRET", None)
    report = {}
    for username, password in (
        ("supervisor", "demo-supervisor-2026"),
        ("operator.baki", "demo-operator-2026"),
    ):
        queries = json.loads(stack.manage("bench_queries", json.dumps(paths), "--username", username))
        cookies = asyncio.run(
            client.staff_sign_in(base=base, username=username, password=password, totp_secret=secret)
        )
        latency = watched(
            stack,
            lambda cookies=cookies: asyncio.run(
                client.staff_pages(base=base, cookies=cookies, paths=paths, repeat=profile.admin_repeat)
            ),
        )
        report[username] = {label: {**latency[label], **queries[label]} for label in paths} | {
            "machine": latency["machine"]
        }
    return report


def metrics_scrape(stack, profile, repeat: int = 20) -> dict:
    """Prometheus's scrape of /metrics at this scale: the per-office and outbox gauges must walk
    indexes, not the big tables (operations/collectors.py)."""
    url = f"http://127.0.0.1:{stack.ports.web}/metrics"
    took, series = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 — our own loopback
            text = response.read().decode()
        took.append((time.perf_counter() - began) * 1000)
        series = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    return {
        "p50_ms": round(client.percentile(took, 50), 1),
        "p95_ms": round(client.percentile(took, 95), 1),
        "series": series,
    }


# --- the pipeline ------------------------------------------------------------------------


def pipeline_quiet(stack, profile, accounts: Accounts) -> dict:
    """Submit → SMS at the gateway with nothing else running: one citizen at a time."""
    drain_queues(stack)
    pool = accounts.take(profile.quiet_journeys)
    run = asyncio.run(
        client.run_journeys(
            bases=[f"http://127.0.0.1:{stack.ports.web}"],
            accounts=pool,
            users=1,
            seconds=600,
            sms_file=stack.sms_file,
        )
    )
    return {
        "submit_to_gateway_ms": run["submit_to_gateway_ms"],
        "journeys": run["completed"],
        "errors": run["errors"],
    }


def documents(stack, profile) -> dict:
    drain_queues(stack)
    return json.loads(stack.manage("bench_documents", "--count", str(profile.pdf_bundles)))


def sms_throughput(stack, profile) -> dict:
    """A fresh SMS worker sends 2 × N SMS through the outbox; its RSS after N and after 2N tasks."""
    drain_queues(stack)
    stack.stop("sms_worker")
    stack.start_sms_worker()
    report = {"batches": []}
    for _ in range(2):
        queued = json.loads(stack.manage("bench_sms", "--count", str(profile.sms_tasks)))
        wait_for(
            lambda q=queued: (
                stack.query(
                    "SELECT count(*) FROM notifications_notification"
                    " WHERE id BETWEEN %s AND %s AND status = 'sent'",
                    q["first_id"],
                    q["last_id"],
                )[0][0]
                == profile.sms_tasks
            ),
            timeout=300,
            what="the SMS batch to be sent",
            interval=0.2,
        )
        first, last, sent = stack.query(
            "SELECT min(claimed_at), max(sent_at), count(*) FROM notifications_notification"
            " WHERE id BETWEEN %s AND %s",
            queued["first_id"],
            queued["last_id"],
        )[0]
        seconds = (last - first).total_seconds()
        pids = stack.celery_pids("sms_worker")
        report["batches"].append(
            {
                "sms": sent,
                "seconds": round(seconds, 2),
                "sms_per_s": round(sent / seconds, 1),
                "enqueue_s": queued["enqueue_s"],
                "rss_mb": {
                    "main": [round(rss_mb(p) or 0, 1) for p in pids["main"]],
                    "pool": [round(rss_mb(p) or 0, 1) for p in pids["pool"]],
                },
                "loadavg": [round(x, 2) for x in __import__("os").getloadavg()],
            }
        )
    report["sms_per_s"] = round(statistics.median(batch["sms_per_s"] for batch in report["batches"]), 1)
    return report


# --- memory and statelessness ------------------------------------------------------------


def web_memory(stack, profile, accounts: Accounts) -> dict:
    """A fresh gunicorn; its workers' RSS after warm-up, after N/2 and after N requests of
    citizen journeys (8 at a time)."""
    drain_queues(stack)
    stack.stop("web")
    stack.start_web()
    samples = []
    served = 0
    for target in (200, profile.memory_requests // 2, profile.memory_requests):
        run = journeys(stack, profile, accounts, users=8, seconds=600, max_requests=target - served)
        served += run["requests"]
        samples.append(
            {"requests": served, "rss_mb": [round(rss_mb(p) or 0, 1) for p in stack.web_worker_pids()]}
        )
    first, last = samples[1]["rss_mb"], samples[2]["rss_mb"]
    return {
        "samples": samples,
        "max_rss_mb": max(last),
        "growth_mb": round(max(b - a for a, b in zip(first, last, strict=False)), 1),
    }


def statelessness(stack, profile, accounts: Accounts) -> dict:
    """One citizen's journey alternating, request by request, between two gunicorn instances."""
    second = stack.ports.web_second
    stack.start_web("web-second", port=second)
    try:
        bases = [f"http://127.0.0.1:{stack.ports.web}", f"http://127.0.0.1:{second}"]
        run = journeys(stack, profile, accounts, users=1, seconds=600, bases=bases, max_requests=3 * 17)
    finally:
        stack.stop("web-second")
    return {
        "journeys": run["completed"],
        "errors": run["errors"],
        "error_samples": run["error_samples"],
        "requests": run["requests"],
        "passed": run["completed"] >= 1 and not run["errors"],
    }
