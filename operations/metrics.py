"""/metrics: the Prometheus exposition of every process's counters and the portal's gauges.

With METRICS_TOKEN set, only `Authorization: Bearer <token>` reads it, from any address; without
it, only clients in METRICS_ALLOWED_NETWORKS (production refuses to start with neither).
"""

import hmac
import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from core.client_address import client_address
from operations.collectors import PortalCollector

# Not the default registry: the gauges are computed once per scrape, in the scraped process.
_portal_registry = CollectorRegistry(auto_describe=False)
_portal_registry.register(PortalCollector())


def metrics_readable(request) -> bool:
    """Whether this request may read /metrics (the bearer token, else the allowed networks)."""
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_exposition() -> bytes:
    """Every process's metrics (summed across gunicorn's and Celery's processes in multiprocess
    mode), then the gauges read from the database and the broker now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_portal_registry)


@never_cache
def metrics(request):
    """The exposition, or 403 to whoever may not read it."""
    if not metrics_readable(request):
        return HttpResponseForbidden()
    return HttpResponse(metrics_exposition(), content_type=CONTENT_TYPE_LATEST)
