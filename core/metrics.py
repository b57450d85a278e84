"""The portal's own counters, in the Prometheus format (prometheus-client).

Defined here, at the bottom of the layering, so that every app may count what it does; the
gauges that are read from the database at scrape time live in operations/collectors.py. With
PROMETHEUS_MULTIPROC_DIR set (gunicorn's workers, the Celery workers) each process writes its
counts to a file there and /metrics adds them up.
"""

import os
import socket
from pathlib import Path

from prometheus_client import Counter, values


def process_identifier(pid: int | None = None) -> str:
    """A process (this one by default) among every process writing to PROMETHEUS_MULTIPROC_DIR:
    docker-compose's web and workers share the directory (a volume), and each container numbers
    its pids from 1."""
    return f"{socket.gethostname()}-{os.getpid() if pid is None else pid}"


def stale_files_remove(directory: str) -> None:
    """At a container's start: its earlier processes' files (a restart keeps the hostname)."""
    for path in Path(directory).glob(f"*_{socket.gethostname()}-*.db"):
        path.unlink(missing_ok=True)


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # Before any metric below is created: each value lives in a file named by process_identifier.
    values.ValueClass = values.MultiProcessValue(process_identifier)

SMS_SENT = Counter("azerishiq_sms_sent", "SMS accepted by the gateway.")
SMS_FAILED = Counter(
    "azerishiq_sms_failed",
    "SMS the gateway did not take or could not deliver, by reason.",
    ["reason"],
)
APPLICATIONS_SUBMITTED = Counter(
    "azerishiq_applications_submitted", "Applications sent by citizens, by kind.", ["kind"]
)

START_PAGE_ARRIVALS = Counter(
    "azerishiq_start_page_arrivals",
    "Visits to the start page that named the portal they came from (?source=), by source.",
    ["source"],
)
# The portals that link to the start page with ?source=; any other value counts as "other", so
# that the series stay few whatever a link says.
ARRIVAL_SOURCES = frozenset({"egov"})
ARRIVAL_SOURCE_OTHER = "other"

# The reasons of azerishiq_sms_failed_total: few and fixed, so that the series stay few.
SMS_UNAVAILABLE = "gateway_unavailable"  # transient: the gateway did not answer; retried
SMS_REFUSED = "gateway_refused"  # the gateway refused the message or the number for good
SMS_NOT_DELIVERED = "not_delivered"  # the gateway's delivery report said it did not arrive
SMS_WORKER_LOST = "worker_lost"  # workers kept dying while sending it


def sms_failed(reason: str) -> None:
    """Count one failed SMS attempt with one of the reasons above."""
    SMS_FAILED.labels(reason=reason).inc()


def start_page_arrival(source: str) -> None:
    """Count one arrival at the start page from `source` (a value outside ARRIVAL_SOURCES as
    "other"). Nothing about the visitor is kept."""
    START_PAGE_ARRIVALS.labels(source=source if source in ARRIVAL_SOURCES else ARRIVAL_SOURCE_OTHER).inc()
