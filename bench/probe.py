"""What the machine was doing during a measurement: load average, and how much CPU processes
that are not the bench's own (other engineers' tests) took meanwhile. Linux /proc only."""

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
# More than this many cores of foreign CPU on average, and a measurement is taken again.
DISTURBED_CORES = 0.15


def _processes() -> dict[int, tuple[int, float, str]]:
    """pid -> (parent pid, CPU seconds so far, command name) for every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, name)
    return found


def _descendants(roots: set[int], processes) -> set[int]:
    ours, grew = set(roots), True
    while grew:
        grew = False
        for pid, (parent, _cpu, _name) in processes.items():
            if parent in ours and pid not in ours:
                ours.add(pid)
                grew = True
    return ours


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    return sorted(p for p, (parent, _cpu, _name) in _processes().items() if parent == pid)


@dataclass
class Reading:
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    seconds: float
    foreign_cores: float
    foreign_top: list[str]
    own_cores: dict[str, float]

    @property
    def disturbed(self) -> bool:
        return self.foreign_cores > DISTURBED_CORES

    def as_dict(self) -> dict:
        return {
            "seconds": round(self.seconds, 2),
            "loadavg_before": [round(x, 2) for x in self.load_before],
            "loadavg_after": [round(x, 2) for x in self.load_after],
            "foreign_cpu_cores": round(self.foreign_cores, 3),
            "foreign_top": self.foreign_top,
            "disturbed": self.disturbed,
            "own_cpu_cores": {name: round(cores, 3) for name, cores in sorted(self.own_cores.items())},
        }


class Watch:
    """Start before a measurement, stop after it. `own_roots()` are the bench's process ids (the
    stack's processes; this process counts too); `backends()` maps PostgreSQL client backend
    pids to their database, so that backends of other databases count as foreign and ours (and
    PostgreSQL's shared background processes) as the bench's."""

    def __init__(self, own_roots, backends, database: str):
        self.own_roots, self.backends, self.database = own_roots, backends, database

    def __enter__(self):
        self.load_before, self.started = os.getloadavg(), time.monotonic()
        self.before = _processes()
        return self

    def __exit__(self, *exc):
        after = _processes()
        seconds = max(time.monotonic() - self.started, 1e-9)
        ours = _descendants({os.getpid(), *self.own_roots()}, after)
        other_databases = {pid for pid, name in self.backends().items() if name != self.database}
        foreign, own = {}, {}
        for pid, (_parent, cpu, name) in after.items():
            spent = cpu - self.before[pid][1] if pid in self.before else cpu
            if spent <= 0:
                continue
            if pid in ours or (name.startswith("postgres") and pid not in other_databases):
                # Where the bench's own CPU went: gunicorn, celery, postgres, redis-server, the client.
                component = name.split()[0].split(":")[0]
                own[component] = own.get(component, 0.0) + spent / seconds
                continue
            foreign[f"{name}[{pid}]"] = spent
        top = sorted(foreign.items(), key=lambda item: -item[1])[:3]
        self.reading = Reading(
            self.load_before,
            os.getloadavg(),
            seconds,
            sum(foreign.values()) / seconds,
            [f"{name} {spent / seconds:.2f}" for name, spent in top if spent > 0.05 * seconds],
            own,
        )
        return False
