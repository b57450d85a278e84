"""The project's URLs plus the bare view (bench settings only: production never routes here)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """The physical limit of the stack: the full middleware stack, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("azerishiq_portal.urls")),
]
