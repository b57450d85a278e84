"""Writes of the operations app: the maintenance switch."""

import datetime
import logging

from django.core.cache import cache
from django.utils import timezone

from operations.models import Maintenance

logger = logging.getLogger(__name__)


# Every wizard page reads the switch: the shared cache keeps it for a few seconds (the row is the
# truth; a switch replaces the cached copy at once, and another process's copy expires soon).
CACHE_KEY = "operations:maintenance"
CACHE_SECONDS = 10


def maintenance_current() -> Maintenance:
    """The switch as it stands (open, with no message, until anyone has touched it)."""
    cached = _cached()
    if cached is not None:
        return cached
    found = Maintenance.objects.filter(pk=Maintenance.SINGLETON).first()
    maintenance = found or Maintenance(pk=Maintenance.SINGLETON)
    _cache(maintenance)
    return maintenance


# A cache that is down must not close the wizard: the row answers instead.
def _cached() -> Maintenance | None:
    try:
        return cache.get(CACHE_KEY)
    except Exception:  # the cache backend's errors vary (redis, memcached)
        return None


def _cache(maintenance: Maintenance) -> None:
    try:
        cache.set(CACHE_KEY, maintenance, CACHE_SECONDS)
    except Exception:  # as above
        logger.warning("maintenance: the cache is unreachable, the switch is read from the database")


def maintenance_switch(
    *,
    actor,
    closed: bool,
    message_az: str = "",
    message_en: str = "",
    message_ru: str = "",
    expected_end: datetime.datetime | None = None,
) -> Maintenance:
    """Close or open new applications with the citizens' message; logged with who did it. Drafts,
    the status lookup, the citizen's own applications and the back office are not affected."""
    maintenance, _created = Maintenance.objects.update_or_create(
        pk=Maintenance.SINGLETON,
        defaults={
            "new_applications_closed": closed,
            "message_az": message_az,
            "message_en": message_en,
            "message_ru": message_ru,
            "expected_end": expected_end,
            "changed_by": actor,
            "changed_at": timezone.now(),
        },
    )
    _cache(maintenance)
    logger.warning(
        "maintenance: new applications %s by staff user %s (expected end %s)",
        "closed" if closed else "opened",
        getattr(actor, "pk", None),
        expected_end.isoformat() if expected_end else "-",
    )
    return maintenance
