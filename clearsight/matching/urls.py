from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("suppliers/matches", views.queue, name="queue"),
    path("suppliers/matches/<uuid:public_id>", views.review, name="review"),
]
