from django.urls import path

from applications.handover import views

app_name = "handover"

urlpatterns = [
    path("h/<str:token>/", views.previous_holder, name="previous_holder"),
    path("h/<str:token>/final-bill.pdf", views.final_bill_pdf, name="final_bill_pdf"),
    path("r/<str:token>/", views.co_owner, name="co_owner"),
]
