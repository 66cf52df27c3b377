"""Support, safety, outcomes, the children-at-risk register and subject access exports. Included in
the "cases" namespace by clearsight/cases/urls.py. Records are named by public id (or, inside a case,
by row number), never by anything about the person."""

from django.urls import path

from . import subject_access
from .views import outcomes, register, safety, support

urlpatterns = [
    path("cases/<uuid:public_id>/support", support.support, name="support"),
    path("cases/<uuid:public_id>/support/tasks/add", support.task_add, name="support-task-add"),
    path("cases/<uuid:public_id>/support/tasks/<int:task_id>", support.task_edit, name="support-task-edit"),
    path("cases/<uuid:public_id>/support/referrals/add", support.referral_add, name="service-referral-add"),
    path("cases/<uuid:public_id>/support/referrals/<int:referral_id>", support.referral_edit, name="service-referral-edit"),
    path("cases/<uuid:public_id>/support/placements/add", support.placement_add, name="placement-add"),
    path("cases/<uuid:public_id>/support/placements/<int:placement_id>", support.placement_edit, name="placement-edit"),
    path("cases/<uuid:public_id>/safety", safety.safety, name="safety"),
    path("cases/<uuid:public_id>/safety/add", safety.plan_add, name="safety-plan-add"),
    path("cases/<uuid:public_id>/safety/<int:plan_id>/review", safety.plan_review, name="safety-plan-review"),
    path("cases/<uuid:public_id>/safety/flags/add", safety.flag_add, name="address-flag-add"),
    path("cases/<uuid:public_id>/safety/flags/<int:flag_id>/remove", safety.flag_remove, name="address-flag-remove"),
    path("cases/<uuid:public_id>/outcomes", outcomes.outcomes, name="outcomes"),
    path("cases/<uuid:public_id>/outcomes/add", outcomes.outcome_add, name="outcome-add"),
    path("cases-outcomes", outcomes.summary, name="outcomes-summary"),
    path("register", register.register, name="register"),
    path("people-records/<uuid:person_id>/export", subject_access.export, name="subject-access-export"),
    path("people-records/<uuid:person_id>/subject-access", subject_access.preview, name="subject-access-preview"),
]
