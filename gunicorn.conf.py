"""gunicorn reads this file from the working directory (the Dockerfile's /app, docker-compose's web).

The access log names the path without its query string or referrer: staff search the back office
by FİN (`/admin/…/?q=…`), and such a URL must not reach the log. Django's own logging masks
personal data (core/personal_data.py); gunicorn's access log is not Django's, so its logger
masks the path's document link (/d/<token>/: whoever holds the link opens the documents).
"""

from gunicorn.glogging import Logger

from core.personal_data import document_links_masked, personal_data_masked

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'


class PrivateAccessLogger(Logger):
    """gunicorn's logger, with the path's document links and identifiers masked."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for path_bearing in ("U", "r"):  # the path, and the request line (should a format use it)
            atoms[path_bearing] = document_links_masked(personal_data_masked(atoms[path_bearing] or ""))
        return atoms


logger_class = PrivateAccessLogger
