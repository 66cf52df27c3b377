from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("training/team", views.my_team, name="my-team"),
    path("training/team/export.<str:fmt>", views.my_team_export, name="my-team-export"),
    path("training/staff", views.staff_list, name="staff"),
    path("training/staff/<uuid:public_id>", views.staff_record, name="staff-record"),
    path("training/staff/<uuid:public_id>/cohorts", views.override_add, name="override-add"),
    path("training/compliance", views.dashboard, name="dashboard"),
    path("training/compliance/export.<str:fmt>", views.dashboard_export, name="dashboard-export"),
    path("training/import/staff", views.import_staff, name="import-staff"),
    path("training/import/completions", views.import_completions, name="import-completions"),
    path("training/sessions", views.sessions, name="sessions"),
    path("training/sessions/new", views.session_add, name="session-add"),
    path("training/sessions/<uuid:public_id>", views.session, name="session"),
    path("training/sessions/<uuid:public_id>/attendees/new", views.attendance_add, name="attendance-add"),
    path("training/sessions/<uuid:public_id>/report", views.session_report, name="session-report"),
]
