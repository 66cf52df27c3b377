from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("suppliers/matches", views.queue, name="queue"),
    path("suppliers/matches/<uuid:public_id>", views.review, name="review"),
    path("suppliers/<uuid:public_id>/company-number", views.not_this_company, name="not-this-company"),
    path("suppliers/<uuid:public_id>/same-organisation", views.same_as, name="same-as"),
]
