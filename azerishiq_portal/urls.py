from django.contrib import admin
from django.urls import include, path, re_path

from applications.documents.views import document_verify
from applications.egov.api import api as egov_api
from applications.egov.api import unknown_path as egov_unknown_path
from applications.egov.views import token as egov_token
from applications.public_views import start_page, status_link, status_lookup
from notifications.views import dev_sms_outbox, healthz, livez, readyz
from operations.metrics import metrics

urlpatterns = [
    path("", start_page, name="home"),
    path("", include("applications.urls")),
    path("status/", status_lookup, name="status"),
    path("s/<str:token>/", status_link, name="status_link"),
    path("signin/", include("subscribers.urls")),
    # The emulated ASAN Login (OpenID Connect provider): development and tests only, else 404.
    path("asan-login/", include("integrations.identity.emulated.urls")),
    path("d/", include("applications.documents.urls")),
    path("", include("applications.handover.urls")),
    path("verify/<slug:code>/", document_verify, name="document_verify"),
    path("notifications/", include("notifications.urls")),
    path("dev/sms/", dev_sms_outbox, name="dev_sms"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("livez", livez, name="livez"),
    path("metrics", metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    # e-gov.az: its clients' OAuth 2.0 token endpoint (client credentials) and the API.
    path("api/oauth/token/", egov_token, name="oauth2_token"),
    path("api/v1/", egov_api.urls),
    re_path(r"^api/", egov_unknown_path, name="api_unknown_path"),
    path("admin/", admin.site.urls),
]

# A database error that escaped a middleware gets the same friendly 503 as one raised in a view
# (core.outage.DatabaseUnavailableMiddleware); anything else is Django's 500.
handler500 = "core.outage.server_error"
