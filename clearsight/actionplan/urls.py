from django.urls import path

from . import views

app_name = "actionplan"

urlpatterns = [
    path("action-plan/", views.plans, name="plans"),
    path("action-plan/start/", views.plan_add, name="plan-add"),
    path("action-plan/your-actions/", views.my_actions, name="my-actions"),
    path("action-plan/<uuid:public_id>/", views.plan, name="plan"),
    path("action-plan/<uuid:public_id>/actions/add/", views.action_add, name="action-add"),
    path("action-plan/<uuid:public_id>/review/open/", views.review_open, name="review-open"),
    path("action-plan/<uuid:public_id>/review/", views.review_status, name="review-status"),
    path("action-plan/<uuid:public_id>/review/chase/", views.review_chase, name="review-chase"),
    path("action-plan/<uuid:public_id>/close/", views.close, name="close"),
    path("action-plan/<uuid:public_id>/review-tables/", views.review_page, name="review-tables"),
    path("action-plan/actions/<uuid:public_id>/", views.action, name="action"),
    path("action-plan/actions/<uuid:public_id>/change/", views.action_edit, name="action-edit"),
    path("action-plan/actions/<uuid:public_id>/progress/", views.progress_add, name="progress-add"),
    path("action-plan/actions/<uuid:public_id>/response/", views.response, name="response"),
]
