from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("supply-risk", views.overview, name="overview"),
    path("supply-risk/<str:table>.csv", views.overview_export, name="export"),
    path("supply-risk/reference-data", views.reference, name="reference"),
    path("suppliers/<uuid:public_id>/screen", views.screen_again, name="screen-again"),
]
