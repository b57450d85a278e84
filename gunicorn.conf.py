"""gunicorn reads this file from the working directory (the Dockerfile's /app, docker-compose's web).

The access log names the path without its query string or referrer: staff search the back office
by FİN (`/admin/…/?q=…`), and such a URL must not reach the log. Django's own logging masks
personal data (core/personal_data.py); gunicorn's access log is not Django's.
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
