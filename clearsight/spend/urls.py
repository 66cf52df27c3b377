from django.urls import path

from . import views

app_name = "spend"

urlpatterns = [
    path("spend/", views.overview, name="overview"),
    path("spend/imports/", views.imports, name="imports"),
    path("spend/imports/upload", views.upload, name="upload"),
    path("spend/imports/<uuid:public_id>/columns", views.mapping, name="mapping"),
    path("spend/imports/<uuid:public_id>/progress", views.progress, name="progress"),
    path("spend/imports/<uuid:public_id>/status.json", views.status, name="status"),
    path("spend/imports/<uuid:public_id>", views.report, name="report"),
    path("spend/imports/<uuid:public_id>/undo", views.undo_import, name="undo"),
    path("spend/layouts/", views.remembered_layouts, name="layouts"),
    path("spend/layouts/<uuid:public_id>", views.remembered_layout, name="layout"),
    path("spend/layouts/<uuid:public_id>/forget", views.forget_layout, name="forget-layout"),
]
