"""The two ways a request can fail without being a bug, shared by every app.

`Refused`: a rule says no; the message is safe to show and says what to do (`field` names the
form field it belongs to, if any). `Unavailable`: something the portal depends on (an external
system, the cache that counts rate limits) did not answer; nothing was changed, try again later.
"""


class Refused(Exception):
    """A request a rule refuses; `message` is safe to show to the person who made it."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Unavailable(Exception):
    """A dependency did not answer in time or answered with an error; try again later."""
