from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("statements", views.statement_list, name="list"),
    path("statements/new", views.create, name="create"),
    path("statements/<uuid:public_id>", views.statement, name="statement"),
    path("statements/<uuid:public_id>/details", views.details, name="details"),
    path("statements/<uuid:public_id>/sections/new", views.section_add, name="section-add"),
    path("statements/<uuid:public_id>/sections/<slug:key>", views.section, name="section"),
    path("statements/<uuid:public_id>/sections/<slug:key>/remove", views.section_remove, name="section-remove"),
    path("statements/<uuid:public_id>/sign-off", views.sign_off, name="sign-off"),
    path("statements/<uuid:public_id>/preview", views.preview, name="preview"),
    path("statements/<uuid:public_id>/statement.<str:fmt>", views.draft_download, name="download"),
    path("statements/<uuid:public_id>/versions", views.versions, name="versions"),
    path("statements/<uuid:public_id>/versions/new", views.version_save, name="version-save"),
    path("statements/<uuid:public_id>/versions/<int:number>.<str:fmt>", views.version_download, name="version-download"),
    path("statements/<uuid:public_id>/approve", views.approve, name="approve"),
    path("statements/<uuid:public_id>/new-draft", views.new_draft, name="new-draft"),
    path("statements/<uuid:public_id>/registry-summary", views.registry, name="registry"),
    path("statements/<uuid:public_id>/registry-summary.csv", views.registry_csv, name="registry-csv"),
]
