"""Victim support casework. Cases and people are named by public id only, never by anything about
the person; searches are sent by POST so that no personal data goes in a URL."""

from django.urls import include, path

from .views import assignments, case, nrm

app_name = "cases"

urlpatterns = [
    path("cases/", case.case_list, name="list"),
    path("cases/open", case.open_case, name="open"),
    path("cases/<uuid:public_id>", case.overview, name="case"),
    path("cases/<uuid:public_id>/person", case.person, name="person"),
    path("cases/<uuid:public_id>/person/edit", case.person_edit, name="person-edit"),
    path("cases/<uuid:public_id>/person/contacts/add", case.contact_add, name="contact-add"),
    path("cases/<uuid:public_id>/nrm", nrm.nrm, name="nrm"),
    path("cases/<uuid:public_id>/nrm/referral", nrm.nrm_event, {"event": "referral"}, name="nrm-referral"),
    path("cases/<uuid:public_id>/nrm/reasonable-grounds", nrm.nrm_event, {"event": "reasonable-grounds"},
         name="nrm-reasonable-grounds"),
    path("cases/<uuid:public_id>/nrm/conclusive-grounds", nrm.nrm_event, {"event": "conclusive-grounds"},
         name="nrm-conclusive-grounds"),
    path("cases/<uuid:public_id>/nrm/reconsideration", nrm.nrm_event, {"event": "reconsideration"}, name="nrm-reconsideration"),
    path("cases/<uuid:public_id>/nrm/withdrawal", nrm.nrm_event, {"event": "withdrawal"}, name="nrm-withdrawal"),
    path("cases/<uuid:public_id>/nrm/consent", nrm.nrm_event, {"event": "consent"}, name="nrm-consent"),
    path("cases/<uuid:public_id>/nrm/extensions/add", nrm.extension_add, name="nrm-extension-add"),
    path("cases/<uuid:public_id>/timeline", case.timeline, name="timeline"),
    path("cases/<uuid:public_id>/sharing", case.sharing, name="sharing"),
    path("cases/<uuid:public_id>/sharing/<int:share_id>/end", case.sharing_end, name="sharing-end"),
    path("cases/<uuid:public_id>/close", case.close, name="close"),
    path("cases/<uuid:public_id>/caseworkers", assignments.caseworkers, name="caseworkers"),
    path("cases/<uuid:public_id>/caseworkers/<int:assignment_id>/end", assignments.caseworker_end, name="caseworker-end"),
    path("cases/<uuid:public_id>/risk", assignments.risk_status_add, name="risk-status-add"),
    path("", include("clearsight.cases.support_urls")),
]
