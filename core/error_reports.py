"""Error reports to Sentry (SENTRY_DSN), with personal data kept out of them.

`send_default_pii` is off (no cookies, user, client address), and `before_send` drops request
bodies, query strings, cookies and headers, then masks FİN, phone numbers, e-mail addresses and
document links in every message and exception value left (core/personal_data.py).
"""

from core.personal_data import personal_data_masked


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Start the Sentry SDK with the Django, Celery and logging integrations; nothing without a DSN."""
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration(), LoggingIntegration()],
        before_send=event_scrubbed,
        before_send_transaction=event_scrubbed,
        max_request_body_size="never",
    )


def event_scrubbed(event: dict, hint: dict | None = None) -> dict:
    """The event without request bodies, query strings, cookies or headers, its texts masked."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "query_string", "cookies", "headers", "env"):
            request.pop(key, None)
        if isinstance(request.get("url"), str):
            request["url"] = personal_data_masked(request["url"])
    return _masked(event)


def _masked(value):
    if isinstance(value, str):
        return personal_data_masked(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value
