"""Views every signed-in page relies on: keeping the session alive from the timeout warning."""

import time

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.middleware import SESSION_TOUCHED_KEY


@require_POST
def keep_alive(request):
    """ "Davam et" in the session timeout warning: the session starts its idle time again."""
    if request.user.is_authenticated:
        request.session[SESSION_TOUCHED_KEY] = int(time.time())
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("home")
    return redirect(next_url)
