"""The districts a property can be in, in list order, kept in each process for a few minutes.

The property step's district list (80 rows, sorted with Azerbaijani collation) was read and
sorted on every render of that page, twice. Districts change a few times a decade: a process
keeps the list for LIST_SECONDS, and forgets it at once when this process saves or deletes a
District (the admin). Another web process sees such a change within LIST_SECONDS.
"""

import threading
import time

LIST_SECONDS = 300

_lock = threading.Lock()
_cached: tuple[float, list] | None = None  # (monotonic time read, districts)


def selectable_districts() -> list:
    """Selectable District rows (with `parent` loaded), Baku's city districts first, then A–Z."""
    global _cached
    cached = _cached
    if cached is not None and time.monotonic() - cached[0] < LIST_SECONDS:
        return cached[1]
    from subscribers.models import District

    districts = sorted(District.objects.selectable().select_related("parent"), key=lambda d: d.list_order_key)
    with _lock:
        _cached = (time.monotonic(), districts)
    return districts


def forget(**_signal) -> None:
    """Drop the kept list (a District was saved or deleted; tests between cases)."""
    global _cached
    with _lock:
        _cached = None
