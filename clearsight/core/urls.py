from django.urls import path

from .views import account, areas, audit_log, auth, directory, pages, people, scheduled_runs, session, sso

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("sign-in", auth.sign_in, name="sign-in"),
    path("sign-in/security-code", auth.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up-two-factor", auth.two_factor_setup, name="two-factor-setup"),
    path("sign-in/organisation-account", sso.by_email, name="sso-by-email"),
    path("sign-in/with/<slug:slug>", sso.start, name="sso-start"),
    path("sign-in/callback", sso.callback, name="sso-callback"),
    path("sign-out", auth.sign_out, name="sign-out"),
    path("session", session.status, name="session-status"),
    path("session/stay-signed-in", session.extend, name="session-extend"),
    path("account", account.account, name="account"),
    path("account/organisation", account.choose_organisation, name="choose-organisation"),
    path("areas", areas.areas, name="areas"),
    path("people", people.people_list, name="people"),
    path("people/<uuid:public_id>", people.person_detail, name="person-detail"),
    path("people/<uuid:public_id>/edit", people.person_edit, name="person-edit"),
    path("people/<uuid:public_id>/clear-sign-in-delay", people.person_clear_sign_in_delay, name="person-clear-sign-in-delay"),
    path("scheduled-jobs", scheduled_runs.scheduled_runs, name="scheduled-runs"),
    path("organisations", directory.organisations, name="organisations"),
    path("audit-log", audit_log.audit_log, name="audit-log"),
    path("accessibility", pages.accessibility, name="accessibility"),
    path("privacy", pages.privacy, name="privacy"),
    path("cookies", pages.cookies, name="cookies"),
    path("health", pages.health, name="health"),
]
