from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("operations", views.operation_list, name="list"),
    path("operations/new", views.operation_add, name="add"),
    path("operations/figures", views.figures, name="figures"),
    path("operations/figures/<slug:table>.csv", views.figures_export, name="figures-export"),
    path("operations/<uuid:public_id>", views.operation, name="operation"),
    path("operations/<uuid:public_id>/plan", views.operation_edit, name="edit"),
    path("operations/<uuid:public_id>/outcomes", views.outcomes, name="outcomes"),
    path("operations/<uuid:public_id>/victims/new", views.victim_add, name="victim-add"),
    path("operations/<uuid:public_id>/victims/<int:victim_id>/remove", views.victim_remove, name="victim-remove"),
    path("operations/<uuid:public_id>/interventions/new", views.intervention_add, name="intervention-add"),
    path("operations/<uuid:public_id>/interventions/<int:intervention_id>/remove", views.intervention_remove,
         name="intervention-remove"),
]
