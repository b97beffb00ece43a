"""`/health/` for the load balancer and the city's monitoring; a 404 for everyone else."""

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from minden_integration.operations.health import CHECKS, health_report


def _has_token(request) -> bool:
    token = settings.PORTAL_HEALTH_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.strip().encode(), token.encode())
    )


def _from_allowed_address(request) -> bool:
    """The connection's own address: X-Forwarded-For is written by whoever sends it."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.PORTAL_HEALTH_ALLOWED_ADDRESSES
    )


@never_cache
@require_safe
def health(request):
    """All checks, or those `?checks=database,cache,storage` names: what a load balancer asks,
    so that a stopped worker does not take the web processes out of rotation."""
    if not (_has_token(request) or _from_allowed_address(request)):
        raise Http404
    names = [name.strip() for name in request.GET.get("checks", "").split(",") if name.strip()]
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        return JsonResponse(
            {"error": f"unknown checks {unknown}; known: {sorted(CHECKS)}"}, status=400
        )
    healthy, checks = health_report(names)
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks},
        status=200 if healthy else 503,
    )
