from django.urls import path

from core.views import keep_alive
from subscribers import views

app_name = "signin"

urlpatterns = [
    path("", views.signin_start, name="start"),
    path("callback/", views.signin_callback, name="callback"),
    path("out/", views.signout, name="signout"),
    path("keep-alive/", keep_alive, name="keep_alive"),
]
