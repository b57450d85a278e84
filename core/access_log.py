"""gunicorn's access log (gunicorn.conf.py's logger_class): the token of a signed link (documents,
handover, status) never reaches it. Django's own logging masks the same tokens
(core/personal_data.py)."""

from gunicorn.glogging import Logger

from core.personal_data import personal_data_masked


class AccessLogger(Logger):
    """gunicorn's logger, with a signed link's token and any identifier masked in the path
    and request line."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("U", "r"):
            if atoms.get(name):
                atoms[name] = personal_data_masked(atoms[name])
        return atoms
