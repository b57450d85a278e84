from django.urls import path

from core.views import keep_alive
from integrations.identity.views import FakeAsanLoginView
from subscribers import views

app_name = "signin"

urlpatterns = [
    path("", views.signin_start, name="start"),
    path("asan/", FakeAsanLoginView.as_view(), name="fake_asan"),
    path("callback/", views.signin_callback, name="callback"),
    path("out/", views.signout, name="signout"),
    path("keep-alive/", keep_alive, name="keep_alive"),
]
