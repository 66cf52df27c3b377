from django.urls import include, path

from .views import report, triage

app_name = "concerns"

urlpatterns = [
    path("report", report.start, name="report-start"),
    path("report/<uuid:public_id>/person/<int:position>", report.person, name="report-person"),
    path("report/<uuid:public_id>/person/<int:position>/remove", report.remove_person, name="report-remove-person"),
    path("report/<uuid:public_id>/person/<int:position>/wishes", report.wishes, name="report-wishes"),
    path("report/<uuid:public_id>/people", report.more_people, name="report-more-people"),
    path("report/<uuid:public_id>/check", report.check, name="report-check"),
    path("report/<uuid:public_id>/sent", report.sent, name="report-sent"),
    path("report/<uuid:public_id>/delete", report.delete_draft, name="report-delete"),
    path("report/<uuid:public_id>/<slug:step>", report.step, name="report-step"),
    path("reports", report.my_reports, name="my-reports"),
    path("reports/<uuid:public_id>", report.my_report, name="my-report"),
    path("reports/<uuid:public_id>/add-information", report.add_information, name="my-report-add"),
    path("concerns", triage.queue, name="queue"),
    path("concerns/<uuid:public_id>", triage.concern, name="concern"),
    path("concerns/<uuid:public_id>/triage", triage.triage, name="triage"),
    path("actions/<uuid:public_id>", triage.action, name="action"),
    path("actions", triage.my_actions, name="my-actions"),
    path("", include("clearsight.concerns.referral_urls")),
]
