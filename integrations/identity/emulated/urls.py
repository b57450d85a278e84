"""/asan-login/: the emulated ASAN Login (OpenID Connect issuer `<portal>/asan-login`), in
development and tests only; every URL answers 404 while a real ASAN Login is configured."""

from django.urls import path, re_path
from oauth2_provider import views as toolkit

from integrations.identity.emulated.views import AsanLoginAuthorizeView, emulated_only

# django-oauth-toolkit reverses its own names in this namespace (discovery, the logout page).
app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", AsanLoginAuthorizeView.as_view(), name="authorize"),
    path("token/", emulated_only(toolkit.TokenView.as_view()), name="token"),
    re_path(
        r"^\.well-known/openid-configuration$",
        emulated_only(toolkit.ConnectDiscoveryInfoView.as_view()),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", emulated_only(toolkit.JwksInfoView.as_view()), name="jwks-info"),
    path("userinfo/", emulated_only(toolkit.UserInfoView.as_view()), name="user-info"),
    path("logout/", emulated_only(toolkit.RPInitiatedLogoutView.as_view()), name="rp-initiated-logout"),
]
