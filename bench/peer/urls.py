from django.urls import include, path

from bench.peer import views

urlpatterns = [
    path("bench/bare/", views.bare),
    path("status/", views.status, name="status"),
    path("i18n/", include("django.conf.urls.i18n")),
]
