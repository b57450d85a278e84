"""The client's address, as every limit counts it (django-axes, the rate limits, the code quotas).

Behind a reverse proxy every request comes from the proxy's address. The proxy's header
(X-Forwarded-For) is believed only when the request came from a configured trusted proxy
(`TRUSTED_PROXIES`), and then only as far as the chain is made of trusted proxies: a client
cannot name its own address by sending the header itself.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parsed(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The address the request came from: REMOTE_ADDR, or, when that is a trusted proxy, the
    nearest address in the proxy's header that is not itself a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(_parsed(remote), networks):
        return remote
    header = request.META.get(settings.TRUSTED_PROXY_HEADER, "")
    # The proxy appends the address it saw; everything left of it was written by the client.
    for hop in reversed([part for part in header.split(",") if part.strip()]):
        address = _parsed(hop)
        if address is None:
            # A malformed hop: nothing further left can be believed either.
            return remote
        if not _trusted(address, networks):
            return str(address)
    return remote
