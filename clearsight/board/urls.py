from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("board-figures", views.dashboard, name="dashboard"),
    path("board-figures/report", views.report, name="report"),
    path("board-figures/details/<slug:section>", views.details, name="details"),
    path("board-figures/figures.xlsx", views.export_xlsx, name="export-xlsx"),
    path("board-figures/<slug:table>.csv", views.export_csv, name="export-csv"),
]
