"""wrk (C, event loop, Lua) for the throughput scenarios: it drives two cores' worth of
gunicorn from a fraction of one, so the server, not the load generator, sets the number."""

import json
import os
import resource
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk.lua")


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    url: str,
    *,
    connections: int,
    seconds: float,
    threads: int = 2,
    bodies: Path | None = None,
    cookie: str = "",
) -> dict:
    """One closed-loop run; requests/s, latency percentiles (ms), errors and wrk's own CPU."""
    env = {**os.environ}
    if bodies is not None:
        env.update(BENCH_BODIES=str(bodies), BENCH_COOKIE=cookie)
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(SCRIPT),
        url,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    wall = raw["duration_us"] / 1e6
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    errors = {key: value for key, value in raw["errors"].items() if value}
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / wall, 1),
        "latency_ms": {key: round(value / 1000, 2) for key, value in raw["latency_us"].items()},
        "errors": errors,
        "load_generator_cpu_cores": round(cpu / wall, 2),
        "connections": connections,
        "seconds": round(wall, 2),
    }
