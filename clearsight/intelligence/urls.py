from django.urls import path

from . import views

app_name = "intelligence"

urlpatterns = [
    path("intelligence", views.reports, name="reports"),
    path("intelligence/new", views.report_add, name="report-add"),
    path("intelligence/<uuid:public_id>", views.report, name="report"),
    path("premises", views.premises_list, name="premises-list"),
    path("premises/new", views.premises_add, name="premises-add"),
    path("premises/<uuid:public_id>", views.premises, name="premises"),
    path("premises/<uuid:public_id>/link-concern", views.premises_link_concern, name="premises-link-concern"),
    path("businesses", views.businesses, name="businesses"),
    path("businesses/new", views.business_add, name="business-add"),
    path("businesses/<uuid:public_id>", views.business, name="business"),
    path("businesses/<uuid:public_id>/find-suppliers", views.business_match, name="business-match"),
]
