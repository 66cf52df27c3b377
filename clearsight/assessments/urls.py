from django.urls import path

from .views import council, supplier

app_name = "assessments"

urlpatterns = [
    # The council's pages
    path("supplier-assessments", council.assessment_list, name="list"),
    path("supplier-assessments/send/<uuid:public_id>", council.send, name="send"),
    path("supplier-assessments/<uuid:public_id>", council.assessment_page, name="assessment"),
    path("supplier-assessments/<uuid:public_id>/withdraw", council.revoke, name="revoke"),
    path("supplier-assessments/evidence/<uuid:public_id>", council.evidence_file, name="evidence"),
    path("action-plans/<uuid:public_id>", council.plan_page, name="plan"),
    path("action-plans/<uuid:public_id>/add-action", council.action_add, name="action-add"),
    path("action-plans/<uuid:public_id>/escalate", council.plan_escalate, name="plan-escalate"),
    path("action-plans/<uuid:public_id>/close", council.plan_close, name="plan-close"),
    path("action-plans/actions/<uuid:public_id>", council.action_page, name="action"),
    # The supplier's pages, opened by the link in the email (no account)
    path("supplier-assessment/<str:token>/", supplier.start, name="supplier-start"),
    path("supplier-assessment/<str:token>/questions/<slug:question>/", supplier.question_page, name="supplier-question"),
    path("supplier-assessment/<str:token>/evidence/<uuid:evidence_id>/remove", supplier.remove_evidence,
         name="supplier-evidence-remove"),
    path("supplier-assessment/<str:token>/check-answers/", supplier.check_answers, name="supplier-check"),
    path("supplier-assessment/<str:token>/sent/", supplier.sent, name="supplier-sent"),
]
