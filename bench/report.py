"""results.json -> RESULTS.md: the machine, the commands, the table against the targets, the
details, and bench/NOTES.md (the hand-written profiles and fixes) verbatim."""

from pathlib import Path

NOTES = Path(__file__).with_name("NOTES.md")


def _ok(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "—"}[met]


def _used(summary: dict) -> str:
    """Which runs the medians come from: the undisturbed ones, or all of them, marked."""
    if "runs_used" not in summary:
        return ""
    if summary["all_disturbed"]:
        return " (every run disturbed by other load)"
    return f" (undisturbed runs: {summary['runs_used']})"


def rows(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(what, target, measured, met) for every target of the issue."""
    found = results["scenarios"]
    table = []
    count = results["profile"]["applications"]
    scale = f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count:,}"
    data = results.get("data", {})
    if data.get("rows"):
        total = sum(data["rows"].values())
        reused = (
            f" (generated {str(data['generated_at'])[:16]}, reused by this run)" if data.get("reused") else ""
        )
        table.append(
            (
                f"Data: {data['rows']['subscribers_account']:,} accounts + "
                f"{data['rows']['applications_application']:,} applications (COPY)",
                "fast",
                f"{total:,} rows in {data['seconds']} s = {data['rows_per_s']:,.0f} rows/s{reused}",
                None,
            )
        )
    if lookup := found.get("limit_and_lookup"):
        table.append(
            (
                f"Limit: bare view, {results['profile']['connections']} connections",
                "denominator",
                f"{lookup['bare_rps']:,.0f} req/s (p99 {lookup['bare_p99_ms']} ms)",
                None,
            )
        )
        table.append(
            (
                f"Status lookup at {scale}: share of the limit",
                "≥ 60 %",
                f"{lookup['lookup_rps']:,.0f} req/s = {lookup['ratio']:.0%}{_used(lookup)}",
                lookup["ratio"] >= 0.60,
            )
        )
        table.append(
            (
                "Status lookup latency p50 / p95 / p99",
                "p99 ≤ 50 ms",
                f"{lookup['lookup_p50_ms']} / {lookup['lookup_p95_ms']} / {lookup['lookup_p99_ms']} ms",
                lookup["lookup_p99_ms"] <= 50,
            )
        )
    if peer := found.get("vanilla_peer"):
        table.append(
            (
                f"Status lookup at {scale}: worker CPU a request, ours / vanilla Django (bench/peer/)",
                "≤ 3 ms, ≥ 2.5× cheaper",
                f"{peer['ours_lookup_cpu_ms']} / {peer['peer_lookup_cpu_ms']} ms = "
                f"{peer['lookup_cpu_advantage']}× (p99 {peer['ours_lookup_p99_ms']} ms){_used(peer)}",
                peer["ours_lookup_cpu_ms"] <= 3 and peer["lookup_cpu_advantage"] >= 2.5,
            )
        )
        table.append(
            (
                "Bare view (every middleware a public page passes): worker CPU a request, ours / vanilla",
                "—",
                f"{peer['ours_bare_cpu_ms']} / {peer['peer_bare_cpu_ms']} ms = {peer['bare_cpu_advantage']}×",
                None,
            )
        )
    journey = found.get("journey", {})
    if eight := journey.get("users_8"):
        steps = {k: v for k, v in eight["step_p95_ms"].items() if not k.startswith("(wait)")}
        worst = max(steps, key=steps.get)
        table.append(
            (
                "Wizard: every request's p95, 8 users",
                "≤ 50 ms",
                f"worst {steps[worst]} ms ({worst})",
                steps[worst] <= 50,
            )
        )
        table.append(
            ("Completed applications/s, 8 users", "—", f"{eight['completed_per_s']}{_used(eight)}", None)
        )
        table.append(
            (
                "Submit → SMS at the gateway, 8 users, p50 / p95",
                "p95 ≤ 1 s",
                f"{eight['submit_to_gateway_p50_ms']} / {eight['submit_to_gateway_p95_ms']} ms",
                eight["submit_to_gateway_p95_ms"] <= 1000,
            )
        )
    if thirty_two := journey.get("users_32"):
        table.append(
            (
                "Completed applications/s, 32 users",
                "≥ 25",
                f"{thirty_two['completed_per_s']}{_used(thirty_two)}",
                thirty_two["completed_per_s"] >= 25,
            )
        )
    if scrape := found.get("metrics"):
        table.append(
            (
                f"/metrics scrape at {scale} (per-office and outbox gauges), p95",
                "≤ 500 ms",
                f"{scrape['p50_ms']} / {scrape['p95_ms']} ms, {scrape['series']} series",
                scrape["p95_ms"] <= 500,
            )
        )
    if quiet := found.get("pipeline_quiet"):
        latency = quiet["submit_to_gateway_ms"]
        table.append(
            (
                "Submit → SMS at the gateway, one citizen, p50 / p95",
                "p95 ≤ 1 s",
                f"{latency['p50']} / {latency['p95']} ms",
                (latency["p95"] or 1e9) <= 1000,
            )
        )
    if office := found.get("back_office"):
        for user in ("supervisor", "operator.baki"):
            pages = {k: v for k, v in office[user].items() if k != "machine"}
            worst = max(pages, key=lambda label: pages[label]["p95"])
            most = max(pages, key=lambda label: pages[label]["queries"])
            table.append(
                (
                    f"Admin list at {scale} ({user}): worst p95",
                    "≤ 250 ms",
                    f"{pages[worst]['p95']} ms ({worst})",
                    pages[worst]["p95"] <= 250,
                )
            )
            table.append(
                (
                    f"Admin list at {scale} ({user}): most queries",
                    "≤ 10",
                    f"{pages[most]['queries']} ({most})",
                    pages[most]["queries"] <= 10,
                )
            )
    if documents := found.get("documents"):
        table.append(
            (
                "PDF bundle (2 PDFs) p50 / p95",
                "≤ 150 ms",
                f"{documents['p50_ms']} / {documents['p95_ms']} ms",
                documents["p95_ms"] <= 150,
            )
        )
    if sms := found.get("sms"):
        table.append(
            (
                "SMS/s, one SMS worker against the file stub",
                "≥ 100",
                f"{sms['sms_per_s']}",
                sms["sms_per_s"] >= 100,
            )
        )
        batches = sms["batches"]
        biggest = max(batches[-1]["rss_mb"]["main"] + batches[-1]["rss_mb"]["pool"])
        # Every process of the worker: the threads pool has no children, a prefork pool has.
        growth = max(
            b - a
            for a, b in zip(
                batches[0]["rss_mb"]["main"] + batches[0]["rss_mb"]["pool"],
                batches[-1]["rss_mb"]["main"] + batches[-1]["rss_mb"]["pool"],
                strict=False,
            )
        )
        table.append(
            (
                "Celery worker RSS (largest process), growth between batches",
                "≤ 150 MB, none",
                f"{biggest:.0f} MB, {growth:+.1f} MB",
                biggest <= 150 and growth <= 2,
            )
        )
    if memory := found.get("memory"):
        samples = memory["samples"]
        table.append(
            (
                f"gunicorn worker RSS after {samples[-1]['requests']:,} requests, growth since "
                f"{samples[1]['requests']:,}",
                "≤ 120 MB, none",
                f"{memory['max_rss_mb']:.0f} MB, {memory['growth_mb']:+.1f} MB",
                memory["max_rss_mb"] <= 120 and memory["growth_mb"] <= 2,
            )
        )
    if stateless := found.get("statelessness"):
        table.append(
            (
                "Statelessness: a journey alternating between two gunicorns",
                "works",
                f"{stateless['journeys']} journeys, {stateless['requests']} requests, "
                f"errors {stateless['errors'] or 0}",
                stateless["passed"],
            )
        )
    return table


def table(results: dict) -> str:
    lines = ["| what | target | measured | |", "|---|---|---|---|"]
    lines += [
        f"| {what} | {target} | {measured} | {_ok(met)} |" for what, target, measured, met in rows(results)
    ]
    for name in results.get("failures", {}):
        lines.append(f"| scenario `{name}` | runs | **failed** (see results.json) | **missed** |")
    return "\n".join(lines)


def markdown(results: dict) -> str:
    machine, profile, settings = results["machine"], results["profile"], results["settings"]
    parts = [
        "# Benchmark results\n",
        f"Written by `make bench` (profile `{profile['name']}`, commit {machine.get('commit', '?')}, "
        + (
            "assembled from several runs: see below the table). "
            if results.get("provenance")
            else f"{results['total_minutes']} min end to end). "
        )
        + "Raw numbers: [results.json](results.json). How to read them and what was changed because of "
        "them: the notes below the details.\n",
        "## Machine and versions\n",
        f"- {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"Linux {machine['kernel']}; "
        f"load average at start {machine['loadavg_at_start']}",
        f"- Python {machine['python']}, Django {machine['django']}, {machine['gunicorn']}, "
        f"{machine['celery']}, {machine['postgresql']}, {machine['redis']}, {machine['wrk']}",
        f"- gunicorn: {settings['web_workers']} sync workers, `azerishiq_portal.settings.bench` (production "
        f"hardening, DEBUG off); sessions `{settings['session_engine']}`; Celery: {settings['celery']}; "
        "PostgreSQL 15 as installed (shared_buffers 128 MB); a private Redis for broker and cache.",
        "- Everything on one box: load generator, gunicorn, worker, beat, PostgreSQL, Redis.\n",
        "## Commands\n",
        "```sh\nmake bench          # this file (15–25 minutes)\n"
        "make bench-smoke    # small data, seconds per scenario (CI runs it)\n"
        ".venv/bin/python -m bench.run --reuse-data --only journey   # iterate on one scenario\n```\n",
        "## Results against the targets\n",
        f"Median of {profile['runs']} runs where runs repeat; ratios are paired (each lookup run right "
        "after its own bare run).\n",
        table(results),
        "",
        provenance(results),
        details(results),
    ]
    if NOTES.exists():
        parts.append(NOTES.read_text())
    return "\n".join(parts) + "\n"


def provenance(results: dict) -> str:
    """When scenarios come from more than one run of the same code and data, which from which."""
    if not results.get("provenance"):
        return ""
    lines = ["Scenarios taken from more than one run of the same commit and data:\n"]
    lines += [f"- `{name}`: {source}" for name, source in results["provenance"].items()]
    return "\n".join(lines) + "\n"


def details(results: dict) -> str:
    found = results["scenarios"]
    out = ["## Details\n"]
    if lookup := found.get("limit_and_lookup"):
        out.append("### Limit and status lookup, run by run\n")
        out.append(
            "| run | bare req/s | lookup req/s | ratio | lookup p99 ms | loadavg (1 min) "
            "| foreign CPU (cores) |"
        )
        out.append("|---|---|---|---|---|---|---|")
        for n, run in enumerate(lookup["runs"], start=1):
            out.append(
                f"| {n} | {run['bare']['rps']:,.0f} | {run['lookup']['rps']:,.0f} | {run['ratio']:.0%} | "
                f"{run['lookup']['latency_ms']['p99']} | {run['bare']['machine']['loadavg_before'][0]} / "
                f"{run['lookup']['machine']['loadavg_before'][0]} | "
                f"{run['bare']['machine']['foreign_cpu_cores']} / "
                f"{run['lookup']['machine']['foreign_cpu_cores']} |"
            )
        out.append(
            f"\nwrk's own CPU: {lookup['runs'][0]['lookup']['load_generator_cpu_cores']} cores "
            "during a lookup run.\n"
        )
    if journey := found.get("journey"):
        out.append("### Citizen journey: p95 per request (ms), median of runs\n")
        levels = list(journey)
        labels = list(journey[levels[0]]["step_p95_ms"])
        out.append("| request | " + " | ".join(level.replace("_", " ") for level in levels) + " |")
        out.append("|---|" + "---|" * len(levels))
        for label in labels:
            values = " | ".join(str(journey[level]["step_p95_ms"].get(label)) for level in levels)
            out.append(f"| {label} | {values} |")
        for users in levels:
            runs = journey[users]["runs"]
            out.append(
                f"\n{users.replace('_', ' ')}: completed/s per run "
                f"{[run['completed_per_s'] for run in runs]}, errors {journey[users]['errors']}, "
                f"client CPU {[run['client_cpu_cores'] for run in runs]} cores, loadavg "
                f"{[run['machine']['loadavg_before'][0] for run in runs]}, foreign CPU "
                f"{[run['machine']['foreign_cpu_cores'] for run in runs]}, queue drain before each run "
                f"{[run['queue_drain_before_s'] for run in runs]} s; CPU per completed application "
                f"(core-ms, by process): {journey[users]['cpu_ms_per_application']}"
            )
        out.append("")
    if office := found.get("back_office"):
        out.append("### Back office at 1M applications\n")
        out.append("| user | page | p50 ms | p95 ms | queries | slowest query ms |")
        out.append("|---|---|---|---|---|---|")
        for user, pages in office.items():
            for label, page in pages.items():
                if label != "machine":
                    out.append(
                        f"| {user} | {label} | {page['p50']} | {page['p95']} | {page['queries']} | "
                        f"{page['slowest_query_ms']} |"
                    )
        out.append("")
    if sms := found.get("sms"):
        out.append("### Celery worker\n")
        for n, batch in enumerate(sms["batches"], start=1):
            out.append(
                f"- batch {n}: {batch['sms']} SMS in {batch['seconds']} s = {batch['sms_per_s']}/s; RSS MB "
                f"main {batch['rss_mb']['main']}, pool {batch['rss_mb']['pool']}; loadavg {batch['loadavg']}"
            )
        out.append("")
    if memory := found.get("memory"):
        out.append("### gunicorn workers' RSS (MB)\n")
        for sample in memory["samples"]:
            out.append(f"- after {sample['requests']:,} requests: {sample['rss_mb']}")
        out.append("")
    for name, failure in results.get("failures", {}).items():
        out.append(f"### `{name}` failed\n\n```\n{failure[-1500:]}\n```\n")
    return "\n".join(out)
