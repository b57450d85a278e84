"""Why an application cannot be made (or a step taken): the message is safe to show the citizen."""

from core.exceptions import Refused


class ApplicationRefused(Refused):
    """The application cannot be made; the message is safe to show and says what to do.

    `field` names the wizard field the refusal belongs to (None for the whole form).
    """
