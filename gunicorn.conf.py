"""gunicorn reads this file from the working directory (the Dockerfile's /app, docker-compose's web).

The access log names the path without its query string or referrer: staff search the back office
by FİN (`/admin/…/?q=…`), and such a URL must not reach the log. Django's own logging masks
personal data (core/personal_data.py); gunicorn's access log is not Django's, so its logger masks
the token of a document link in the path (core/access_log.py): whoever reads the log must not be
able to open a citizen's documents.
"""

logger_class = "core.access_log.AccessLogger"

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'


# Prometheus multiprocess mode (PROMETHEUS_MULTIPROC_DIR): every worker writes its counts to a
# file there and /metrics adds them up, whichever worker answers the scrape. The directory is
# shared with the Celery workers (docker-compose's `metrics` volume), so only this host's files
# are removed at start, and a worker's live gauges with it when it exits.
def on_starting(server):
    import os

    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        from core.metrics import stale_files_remove

        os.makedirs(directory, exist_ok=True)
        stale_files_remove(directory)


def child_exit(server, worker):
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        from core.metrics import process_identifier

        multiprocess.mark_process_dead(process_identifier(worker.pid))
