"""Twilio's delivery reports, and the development SMS outbox."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.sms import twilio
from integrations.sms.fake import DEV_OUTBOX_CACHE_KEY
from notifications.health import health_report, readiness_report
from notifications.services import delivery_report_record

logger = logging.getLogger(__name__)


@csrf_exempt  # Twilio cannot send a CSRF token; the request signature authenticates it instead.
@require_POST
def twilio_status_callback(request):
    """Record a delivery report; 403 unless X-Twilio-Signature proves it came from Twilio."""
    # Behind a TLS-terminating proxy the request reaches us as http://…; Twilio signed the
    # public https:// address it was given, so validate against that, not what we see.
    url = f"{settings.PUBLIC_BASE_URL}{reverse('notifications:twilio_status')}"
    params = request.POST.dict()
    if not twilio.status_callback_valid(
        url=url,
        params=params,
        signature=request.headers.get("X-Twilio-Signature", ""),
        auth_token=settings.TWILIO_AUTH_TOKEN,
    ):
        return HttpResponseForbidden()
    report = twilio.delivery_report(params)
    if report is not None:
        delivery_report_record(report=report)
    return HttpResponse(status=204)


@never_cache  # one-time codes and document links
def dev_sms_outbox(request):
    """DEBUG only: the SMS the console gateway "sent", newest first, as a phone would show."""
    if not settings.DEBUG:
        raise Http404
    messages = cache.get(DEV_OUTBOX_CACHE_KEY, [])
    return render(request, "notifications/dev_sms.html", {"messages": messages})


def healthz(request):
    """200 when the database, the broker and every pool of workers are healthy; 503 with the
    details (which pool is silent) if not. For operators and monitoring."""
    return _report(health_report())


def readyz(request):
    """Readiness, for the load balancer: 200 when this process can serve citizens (its database
    answers), whatever the workers do."""
    return _report(readiness_report())


def livez(request):
    """Liveness, for the container's health check: the process answers requests."""
    return JsonResponse({"process": "ok"})


def _report(report: dict[str, str]) -> JsonResponse:
    healthy = all(state.startswith("ok") for state in report.values())
    return JsonResponse(report, status=200 if healthy else 503)
