"""The token endpoint e-gov.az's clients get their access tokens from."""

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.views import TokenView

from applications.egov import problems
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded

_token_view = TokenView.as_view()


@csrf_exempt
def token(request):
    """django-oauth-toolkit's token endpoint (client credentials), limited per client address:
    each attempt hashes a client secret, which is costly on purpose."""
    try:
        over = rate_limit_exceeded(request, group="egov-token", key="ip", rate=settings.EGOV_TOKEN_RATE)
    except RateLimitUnavailable:
        return problems.problem_response(problems.unavailable())
    if over:
        return problems.problem_response(problems.rate_limited(retry_after=60))
    return _token_view(request)
