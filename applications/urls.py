from django.urls import path, register_converter

from applications import numbers, views
from applications.corrections import views as correction_views
from applications.wizard.correction import CorrectionWizardView
from applications.wizard.views import ApplicationWizardView, SubmittedView


class ApplicationNumberConverter:
    """An application number as issued (AZI-XXXXX-XXXXX): anything else is a 404 before any
    query (PostgreSQL refuses a NUL character in one)."""

    regex = f"{numbers.PREFIX}-[{numbers.ALPHABET}]{{5}}-[{numbers.ALPHABET}]{{5}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ApplicationNumberConverter, "application_number")

app_name = "applications"

wizard = ApplicationWizardView.as_view(url_name="applications:wizard_step")
correction = CorrectionWizardView.as_view(url_name="applications:correct_step")

urlpatterns = [
    path("apply/submitted/", SubmittedView.as_view(), name="submitted"),
    path("apply/<slug:step>/", wizard, name="wizard_step"),
    path("apply/", wizard, name="wizard"),
    path("my/", views.my_applications, name="my_applications"),
    path("my/<application_number:number>/", views.my_application, name="my_application"),
    path("my/<application_number:number>/withdraw/", views.withdraw, name="withdraw"),
    path("my/<application_number:number>/correct/", views.correction_start, name="correct"),
    path("my/<application_number:number>/correct/<slug:step>/", correction, name="correct_step"),
    path("my/<application_number:number>/answer/", correction_views.answer, name="answer"),
    path("files/<str:token>/", correction_views.handed_in_file, name="handed_in_file"),
]
