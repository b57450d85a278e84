from django.urls import path

from . import citizen_views
from .views import ApplicationWizardView, SubmittedView

app_name = "applications"

wizard = ApplicationWizardView.as_view(url_name="applications:wizard_step")
correction = citizen_views.CorrectionWizardView.as_view(url_name="applications:correct_step")

urlpatterns = [
    path("apply/submitted/", SubmittedView.as_view(), name="submitted"),
    path("apply/<slug:step>/", wizard, name="wizard_step"),
    path("apply/", wizard, name="wizard"),
    path("my/", citizen_views.my_applications, name="my_applications"),
    path("my/<str:number>/", citizen_views.my_application, name="my_application"),
    path("my/<str:number>/withdraw/", citizen_views.withdraw, name="withdraw"),
    path("my/<str:number>/correct/", citizen_views.correction_start, name="correct"),
    path("my/<str:number>/correct/<slug:step>/", correction, name="correct_step"),
]
