"""The client's address as the audit log and the sign-in throttle see it.

Behind a reverse proxy REMOTE_ADDR is the proxy; X-Forwarded-For is believed only for the hops the
office lists in DIEUHANH_TRUSTED_PROXIES, read from the right, so a client cannot forge its address by
sending the header itself."""

import ipaddress

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def _ip(value: str):
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address: str) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in network for network in settings.DIEUHANH_TRUSTED_PROXY_NETWORKS)


def client_ip(request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(address):
        return address
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop if _ip(hop) else address
    return hops[0] if hops and _ip(hops[0]) else address


def same_site(request, target: str | None, default: str) -> str:
    """`target` (a next= value) when it is a path on this site, else `default`: never an open redirect, and
    never a bare word that redirect() would take for a view name ("1e309")."""
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
