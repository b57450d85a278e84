from django.urls import path

from subscribers import views

app_name = "signin"

urlpatterns = [
    path("", views.signin_start, name="start"),
    path("asan/", views.FakeAsanLoginView.as_view(), name="fake_asan"),
    path("callback/", views.signin_callback, name="callback"),
    path("out/", views.signout, name="signout"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
]
