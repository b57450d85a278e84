from django.urls import path

from . import document_views

app_name = "documents"

urlpatterns = [
    path("<str:token>/", document_views.bundle_detail, name="bundle"),
]
