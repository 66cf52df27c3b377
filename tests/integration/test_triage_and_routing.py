"""First responders triage concerns into the actions the law requires, on time, with a record."""

import html

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.concerns import services
from clearsight.concerns.models import Action, Concern, RouteSetting, StatutoryReferral
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import PartnershipFactory, agreement_in_force, change_agreement, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def responder(user_with):
    return user_with(Role.FIRST_RESPONDER, Role.STAFF)


@pytest.fixture
def reporter(user_with):
    return user_with(Role.STAFF)


@pytest.fixture
def ictg_available(anytown):
    routes = services.ensure_route_settings(anytown)
    routes["ictg_referral"].available = True
    routes["ictg_referral"].save()


def test_a_17_year_old_gets_front_door_nrm_and_ictg_actions(reporter, responder, ictg_available):
    concern = make_concern(reporter, people=[("Boy at the car wash", "child")])
    actions = triage(concern, responder, age="child", consent="refused")
    assert {a.kind for a in actions} == {"childrens_front_door", "nrm_referral", "ictg_referral"}
    for action in actions:
        assert action.owner == responder
        assert action.due_at > timezone.now() - timezone.timedelta(minutes=1)
    nrm = next(a for a in actions if a.kind == "nrm_referral")
    # Referred without consent: the referral record is the NRM branch for a child
    assert nrm.referral.kind == StatutoryReferral.Kind.NRM
    assert nrm.referral.answers["pv-under-age"] == "yes"
    assert "pv-want-to-submit-nrm" not in nrm.referral.answers


def test_an_adult_who_refuses_gets_a_duty_to_notify_without_identifying_details(reporter, responder):
    concern = make_concern(reporter, people=[("Maria Lopez", "adult")])
    person = concern.people.get()
    person.gender, person.nationality = "female", "Spanish"
    person.save()
    actions = triage(concern, responder, consent="refused")
    assert [a.kind for a in actions] == ["duty_to_notify"]
    answers = actions[0].referral.answers
    assert actions[0].referral.kind == StatutoryReferral.Kind.DUTY_TO_NOTIFY
    assert not [k for k in answers if k.startswith(("pv-name", "pv-dob", "pv-contact", "pv-phone"))]
    assert "Maria" not in str(answers) and "Lopez" not in str(answers)
    assert answers["pv-want-to-submit-nrm"] == "no"


def test_a_duty_to_notify_report_does_not_start_with_the_reporters_free_text(reporter, responder):
    concern = make_concern(reporter, people=[("A woman", "adult")],
                           what_happened="Maria Lopez, born 3/4/1990, says the agency keeps her passport.",
                           location="Flat 2, 10 Elm Road, where Maria lives", indicator_details="Maria looked frightened")
    answers = triage(concern, responder, consent="refused")[0].referral.answers
    text = str(answers)
    assert "Maria" not in text and "Elm Road" not in text and "1990" not in text
    # An NRM referral, made with consent, does start with what was reported
    other = make_concern(reporter, what_happened="Seen sleeping at the car wash.")
    nrm = next(a for a in triage(other, responder, consent="given") if a.kind == "nrm_referral")
    assert nrm.referral.answers["what-happened"] == "Seen sleeping at the car wash."


def test_the_form_cannot_switch_a_referral_to_another_branch(client, sign_in, reporter, responder):
    child = make_concern(reporter, people=[("Boy", "child")])
    nrm = next(a for a in triage(child, responder, age="child") if a.kind == "nrm_referral").referral
    refused = make_concern(reporter)
    dtn = triage(refused, responder, consent="refused")[0].referral
    sign_in(client, responder)
    page = client.post(reverse("concerns:referral-page", args=[nrm.public_id, "pv-under-age"]),
                       {"pv-under-age": "no", "form_version": nrm.version})
    nrm.refresh_from_db()
    assert nrm.answers["pv-under-age"] == "yes"
    assert "settled at triage" in page.content.decode()
    client.post(reverse("concerns:referral-page", args=[dtn.public_id, "pv-want-to-submit-nrm"]),
                {"pv-want-to-submit-nrm": "yes", "form_version": dtn.version})
    dtn.refresh_from_db()
    assert dtn.answers["pv-want-to-submit-nrm"] == "no"
    assert client.get(reverse("concerns:referral-page", args=[dtn.public_id, "pv-name-referral"])).status_code == 404


def test_changing_the_routing_configuration_changes_the_actions(client, sign_in, anytown, reporter, responder, administrator):
    services.ensure_route_settings(anytown)
    setting = RouteSetting.objects.get(organisation=anytown, kind="ictg_referral")
    assert not setting.available
    first = make_concern(reporter, people=[("A child", "child")])
    assert "ictg_referral" not in {a.kind for a in triage(first, responder, age="child")}

    # An administrator turns the ICTG route on and sets the NRM referral to be due within 4 hours
    sign_in(client, administrator)
    url = reverse("admin:concerns_routesetting_change", args=[setting.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"available": "on", "title": "Refer to the ICTG service", "due": "working_days", "due_amount": "1",
                                 "owner": "", "reference_label": "ICTG reference", "contact_name": "", "contact_phone": "0300 000 0000",
                                 "contact_email": "", "contact_web_form": "", "guidance": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    nrm = RouteSetting.objects.get(organisation=anytown, kind="nrm_referral")
    response = client.post(reverse("admin:concerns_routesetting_change", args=[nrm.pk]), {
        "available": "on", "title": nrm.title, "due": "hours", "due_amount": "4", "owner": "", "reference_label": "NRM reference",
        "contact_name": "", "contact_phone": "", "contact_email": "", "contact_web_form": "", "guidance": ""})
    assert response.status_code == 302

    second = make_concern(reporter, people=[("Another child", "child")])
    before = timezone.now()
    actions = {a.kind: a for a in triage(second, responder, age="child")}
    assert "ictg_referral" in actions and actions["ictg_referral"].title == "Refer to the ICTG service"
    hours = (actions["nrm_referral"].due_at - before).total_seconds() / 3600
    assert 3.9 < hours < 4.1


def test_route_owner_from_configuration(anytown, reporter, responder, bexford):
    champion = make_user(anytown, Role.PROCUREMENT_OFFICER)
    routes = services.ensure_route_settings(anytown)
    routes["procurement_champion"].owner = champion
    routes["procurement_champion"].save()
    concern = make_concern(reporter)
    actions = {a.kind: a for a in triage(concern, responder, supplier=True)}
    assert actions["procurement_champion"].owner == champion
    assert actions["nrm_referral"].owner == responder


def test_triage_through_the_page_records_whose_judgement(client, sign_in, reporter, responder, ictg_available):
    concern = make_concern(reporter, people=[("Girl at the nail bar", "unknown")])
    sign_in(client, responder)
    url = reverse("concerns:triage", args=[concern.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "outcome": "potential_victims", "reasoning": "She could not say her address and an older man spoke for her.",
        "immediate_danger": "no", "supplier_involved": "no", "version": concern.version,
        "person-1-is_potential_victim": "yes", "person-1-age_group": "unknown",
    })
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.triage.first_responder == responder
    assert concern.status == Concern.Status.ACTIONS_OPEN
    assert {a.kind for a in concern.actions.all()} == {"childrens_front_door", "nrm_referral", "ictg_referral"}
    assert AuditEvent.objects.filter(actor=responder, action="change", record_id=str(concern.public_id)).exists()


def test_triage_form_errors_keep_what_was_typed(client, sign_in, reporter, responder):
    concern = make_concern(reporter)
    sign_in(client, responder)
    page = client.post(reverse("concerns:triage", args=[concern.public_id]), {
        "outcome": "potential_victims", "reasoning": "My careful reasoning", "version": concern.version,
        "person-1-is_potential_victim": "yes", "person-1-age_group": "adult",
    }).content.decode()
    assert "There is a problem" in page
    assert "Select yes if anyone is in immediate danger now" in page
    assert "Select whether they consent to an NRM referral" in page
    assert "My careful reasoning" in page
    assert not Action.objects.filter(concern=concern).exists()


def test_two_first_responders_triaging_at_once(client, sign_in, anytown, reporter, responder):
    other = make_user(anytown, Role.FIRST_RESPONDER)
    concern = make_concern(reporter)
    data = {"outcome": "not_modern_slavery", "reasoning": "Checked.", "immediate_danger": "no", "supplier_involved": "no",
            "version": concern.version, "person-1-is_potential_victim": "no", "person-1-age_group": "adult"}
    sign_in(client, responder)
    assert client.post(reverse("concerns:triage", args=[concern.public_id]), data).status_code == 302
    client.logout()
    sign_in(client, other)
    Concern.objects.filter(pk=concern.pk).update(status=Concern.Status.IN_TRIAGE)  # reopened meanwhile
    page = client.post(reverse("concerns:triage", args=[concern.public_id]), dict(data, reasoning="My different view")).content.decode()
    assert "Another first responder triaged this concern" in page
    assert "My different view" in page
    assert Concern.objects.get(pk=concern.pk).triage.reasoning == "Checked."


def test_completing_an_action_records_when_who_and_reference(client, sign_in, reporter, responder):
    concern = make_concern(reporter, people=[("Child", "child")])
    front_door = next(a for a in triage(concern, responder, age="child") if a.kind == "childrens_front_door")
    sign_in(client, responder)
    url = reverse("concerns:action", args=[front_door.public_id])
    page = client.post(url, {"outcome": "done", "reference": "", "notes": "", "version": front_door.version}).content.decode()
    assert "Enter the reference you were given" in page
    assert client.post(url, {"outcome": "done", "reference": "MASSH-1234", "notes": "Spoke to duty worker", "version": front_door.version}).status_code == 302
    front_door.refresh_from_db()
    assert (front_door.status, front_door.done_by, front_door.reference) == ("done", responder, "MASSH-1234")
    assert front_door.done_at is not None


def test_overdue_action_shows_to_owner_and_manager_and_is_emailed(client, sign_in, settings, anytown, reporter, responder):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_user(anytown, Role.TEAM_MANAGER)
    concern = make_concern(reporter, people=[("Child", "child")])
    action = next(a for a in triage(concern, responder, age="child") if a.kind == "childrens_front_door")
    Action.objects.filter(pk=action.pk).update(due_at=timezone.now() - timezone.timedelta(hours=1))

    sign_in(client, responder)
    assert "1</span> overdue action that you own" in client.get(reverse("core:home")).content.decode()
    client.logout()
    sign_in(client, manager)
    assert "overdue action in your team" in client.get(reverse("core:home")).content.decode()

    call_command("send_overdue_reminders", stdout=open("/dev/null", "w"))
    assert sorted(m.to for m in mail.outbox) == sorted([[responder.email], [manager.email]])  # one email each
    message = mail.outbox[0]
    assert concern.reference in message.body
    assert "Child" not in message.subject + message.body  # no names in email
    call_command("send_overdue_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2  # told once


def test_queue_is_ordered_by_urgency_then_age(client, sign_in, reporter, responder):
    old = make_concern(reporter)
    Concern.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timezone.timedelta(days=3))
    child = make_concern(reporter, people=[("Child", "child")])
    danger = make_concern(reporter, immediate_danger="yes")
    sign_in(client, responder)
    page = client.get(reverse("concerns:queue")).content.decode()
    positions = [page.index(c.reference) for c in (danger, child, old)]
    assert positions == sorted(positions)


def test_partnerships_that_share_concerns(client, sign_in, anytown, bexford, reporter, responder):
    from ..factories import OrganisationFactory

    police = OrganisationFactory(name="Anytown Police", kind="police")
    officer = make_user(police, Role.FIRST_RESPONDER)
    other_council = make_user(bexford, Role.FIRST_RESPONDER)
    concern = make_concern(reporter)
    url = reverse("concerns:concern", args=[concern.public_id])
    partnership = PartnershipFactory(name="Anytown Safeguarding Partnership", kind="safeguarding", shares_concerns=False)
    partnership.members.add(anytown, police)

    from datetime import timedelta

    from django.utils import timezone


    agreement = agreement_in_force(anytown, police, kinds=["concerns"], title="ISA",
                                   review_on=timezone.localdate() + timedelta(days=100))

    sign_in(client, officer)
    assert client.get(url).status_code == 404  # not shared
    partnership.shares_concerns = True
    partnership.save()
    assert client.get(url).status_code == 200
    # The agreement ends: the sharing stops.
    change_agreement(agreement, ends_on=timezone.localdate() - timedelta(days=1))
    assert client.get(url).status_code == 404
    # An agreement that does not cover concerns does not share them.
    change_agreement(agreement, ends_on=None, data_kinds=["intelligence"])
    assert client.get(url).status_code == 404
    client.logout()
    sign_in(client, other_council)
    assert client.get(url).status_code == 404


def test_reporter_sees_status_not_the_case(client, sign_in, reporter, responder):
    concern = make_concern(reporter, people=[("Child", "child")])
    triage(concern, responder, age="child")
    sign_in(client, reporter)
    page = client.get(reverse("concerns:my-reports")).content.decode()
    assert concern.reference in page and "Action being taken" in page  # in the reporter's words (issue 17)
    assert client.get(reverse("concerns:concern", args=[concern.public_id])).status_code == 403
    assert "Indicators and what they said" not in page


def test_a_procurement_champion_at_a_partner_sees_and_records_their_action(client, sign_in, anytown, reporter, responder, administrator):
    from ..factories import OrganisationFactory

    shared_service = OrganisationFactory(name="Shire Shared Procurement Service", kind="procurement", is_first_responder=False)
    PartnershipFactory(name="Shire Procurement Partnership", kind="procurement").members.add(anytown, shared_service)
    champion = make_user(shared_service, Role.PROCUREMENT_OFFICER, Role.STAFF)
    routes = services.ensure_route_settings(anytown)
    # The council's administrator can choose the partner's champion as the owner
    sign_in(client, administrator)
    page = client.get(reverse("admin:concerns_routesetting_change", args=[routes["procurement_champion"].pk])).content.decode()
    assert champion.full_name in page
    client.logout()
    routes["procurement_champion"].owner = champion
    routes["procurement_champion"].save()
    action = next(a for a in triage(make_concern(reporter), responder, supplier=True) if a.kind == "procurement_champion")
    Action.objects.filter(pk=action.pk).update(due_at=timezone.now() - timezone.timedelta(hours=2))

    sign_in(client, champion)
    assert "overdue action that you own" in client.get(reverse("core:home")).content.decode()
    assert action.title in html.unescape(client.get(reverse("concerns:my-actions")).content.decode())
    response = client.post(reverse("concerns:action", args=[action.public_id]),
                           {"outcome": "done", "reference": "PROC-7", "notes": "", "version": action.version})
    assert response["Location"] == reverse("concerns:my-actions")
    action.refresh_from_db()
    assert action.status == "done" and action.done_by == champion


def test_a_referral_action_is_completed_only_through_its_record(client, sign_in, reporter, responder):
    action = next(a for a in triage(make_concern(reporter), responder, consent="given") if a.kind == "nrm_referral")
    sign_in(client, responder)
    response = client.post(reverse("concerns:action", args=[action.public_id]),
                           {"outcome": "not_needed", "reference": "", "notes": "skip", "version": action.version})
    assert response["Location"] == reverse("concerns:referral", args=[action.referral.public_id])
    action.refresh_from_db()
    assert action.status == "open"
