from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from notifications.views import dev_sms_outbox

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("apply/", include("applications.urls")),
    path("signin/", include("subscribers.urls")),
    path("d/", include("notifications.document_urls")),
    path("notifications/", include("notifications.urls")),
    path("dev/sms/", dev_sms_outbox, name="dev_sms"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
