from django.urls import path

from .views import ApplicationWizardView, SubmittedView

app_name = "applications"

wizard = ApplicationWizardView.as_view(url_name="applications:wizard_step")

urlpatterns = [
    path("submitted/", SubmittedView.as_view(), name="submitted"),
    path("<slug:step>/", wizard, name="wizard_step"),
    path("", wizard, name="wizard"),
]
