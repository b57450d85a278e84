"""gunicorn reads this file from the working directory (the Dockerfile's /app, docker-compose's web).

The access log names the path without its query string or referrer: staff search the back office
by FİN (`/admin/…/?q=…`), and such a URL must not reach the log. Django's own logging masks
personal data (core/personal_data.py); gunicorn's access log is not Django's, so its logger masks
the token of a document link in the path (core/access_log.py): whoever reads the log must not be
able to open a citizen's documents.
"""

logger_class = "core.access_log.AccessLogger"

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
