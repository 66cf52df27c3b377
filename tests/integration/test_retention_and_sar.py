"""Case retention (anonymise or delete closed cases after the retention period) and the subject
access export, end to end."""

import re
import shutil
import subprocess
from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.cases import register, retention, subject_access
from clearsight.cases.models import (
    AddressFlag,
    Case,
    CaseShare,
    ContactChannel,
    NrmRecord,
    OutcomeScore,
    Person,
    Placement,
    RiskStatus,
    SafetyPlan,
    ServiceReferral,
    SupportTask,
)
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import AddressFlagFactory, CaseFactory, CaseShareFactory, ContactChannelFactory, NrmRecordFactory, OrganisationFactory, PlacementFactory, RiskStatusFactory, SafetyPlanFactory, ServiceReferralFactory, SupportTaskFactory, make_case, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=timezone.get_default_timezone()), tick=True):
        yield


def fill(case, caseworker, bexford):
    """Everything a case can hold, with identifying free text."""
    ContactChannelFactory(person=case.person, kind="phone", value="07700 900123", safe_to_contact=True)
    ContactChannelFactory(person=case.person, kind="address", value="14 Canal Street")
    SupportTaskFactory(case=case, phase="immediate", description="Collect Amira from Anytown police station",
                       owner=caseworker, due_on=case.opened_on)
    ServiceReferralFactory(case=case, service="Counselling", partner=bexford, notes="Amira prefers a woman counsellor")
    PlacementFactory(case=case, kind="emergency", address="Room 4, 12 Station Road", starts_on=case.opened_on)
    SafetyPlanFactory(case=case, risks="Her uncle Karim waits outside school", measures="Taxi to school",
                      responsible="Foster carer", review_on=case.opened_on)
    AddressFlagFactory(case=case, address="22 Dock Road", reason="exploiters")
    OutcomeScore.objects.create(case=case, measure="risk", score=2, scored_on=case.opened_on, scored_by=caseworker)
    RiskStatusFactory(case=case, category="victim", exploitation_types=["child-sexual-exploitation"],
                      vulnerability_markers=["looked-after"], valid_from=case.opened_on, recorded_by=caseworker)
    NrmRecordFactory(case=case, referred_on=case.opened_on, nrm_reference="NRM-998877", rg_decision="positive",
                     rg_decided_on=case.opened_on)
    CaseShareFactory(case=case, organisation=bexford, agreement="Anytown and Bexford ISA 2018",
                     reason="Amira moved to a Bexford placement", shared_by=caseworker)


@pytest.fixture
def cases(clock, anytown, bexford):
    caseworker = make_user(anytown, Role.CASEWORKER)
    # Closed on 1 March 2019: more than 6 years before 15 June 2026. She turned 18 on 10 October 2018,
    # while the case was open.
    old = make_case(anytown, caseworker, date_of_birth=date(2000, 10, 10), opened_on=date(2017, 4, 1),
                    status="closed", closed_on=date(2019, 3, 1), closure_reason="Moved to Bexford with her foster carer")
    Person.objects.filter(pk=old.person.pk).update(aliases="Mira\nAmy")
    fill(old, caseworker, bexford)
    # Closed only 2 years ago: kept as it is
    recent = make_case(anytown, caseworker, first_name="Recent", opened_on=date(2023, 1, 1), status="closed",
                       closed_on=date(2024, 6, 1), closure_reason="Support ended")
    # A person with an old closed case and an open one: the old case is anonymised, the person is not
    returning = make_case(anytown, caseworker, first_name="Returning", opened_on=date(2015, 1, 1), status="closed",
                          closed_on=date(2018, 1, 1), closure_reason="Returned home")
    again = CaseFactory(person=returning.person, organisation=anytown, team=returning.team, created_by=caseworker,
                        opened_on=date(2026, 1, 1))
    ContactChannelFactory(person=returning.person, kind="email", value="returning@example.org")
    return old, recent, returning, again, caseworker


def run(*args):
    out = StringIO()
    call_command("apply_case_retention", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_changes_nothing(cases):
    old, recent, returning, _, _ = cases
    output = run("--dry-run")
    assert "closed before 15 June 2020 (kept for 6 years)" in output
    assert "Dry run: nothing has been changed." in output
    assert "Cases anonymised: 2" in output and old.reference in output and returning.reference in output
    assert recent.reference not in output
    assert "People anonymised: 1" in output
    assert "People kept because they have another case still within retention: 1" in output
    assert "Contact details deleted: 2" in output and "Address flags deleted: 1" in output
    assert "Free-text entries emptied: 10" in output
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()
    assert AddressFlag.objects.count() == 1 and ContactChannel.objects.count() == 3
    assert not AuditEvent.objects.filter(actor_label="apply_case_retention").exists()


def test_anonymising_removes_what_identifies_and_keeps_the_counts(cases):
    old, recent, returning, again, _ = cases
    facts_before = register.case_facts(Case.objects.get(pk=old.pk))
    dates = [date(2017, 5, 1), date(2018, 10, 9), date(2018, 10, 10), date(2019, 2, 28)]
    counted_before = [register.on_register(facts_before, on) for on in dates]

    dry = run("--dry-run")
    output = run()
    assert dry.replace("Dry run: nothing has been changed. Without --dry-run this would do the following.\n", "") == output

    old.refresh_from_db()
    person = Person.objects.get(pk=old.person.pk)
    assert old.anonymised_at is not None and person.anonymised_at is not None
    assert (person.first_name, person.last_name, person.aliases, person.display_name) == ("", "", "", "Anonymised person")
    assert old.closure_reason == ""
    assert not ContactChannel.objects.filter(person=person).exists()
    assert not AddressFlag.objects.filter(case=old).exists()
    assert list(SupportTask.objects.filter(case=old).values_list("description", flat=True)) == [""]
    assert list(ServiceReferral.objects.filter(case=old).values_list("service", "notes")) == [("Counselling", "")]
    assert list(Placement.objects.filter(case=old).values_list("address", flat=True)) == [""]
    assert list(SafetyPlan.objects.filter(case=old).values_list("risks", "measures", "responsible")) == [("", "", "")]
    assert list(CaseShare.objects.filter(case=old).values_list("reason", flat=True)) == [""]
    assert NrmRecord.objects.get(case=old).nrm_reference == ""
    # What the register and the outcome figures count is kept
    assert OutcomeScore.objects.filter(case=old).count() == 1 and RiskStatus.objects.filter(case=old).count() == 1
    # She turned 18 while the case was open, so her exact date of birth is what keeps the counts right
    assert person.date_of_birth == date(2000, 10, 10)
    facts_after = register.case_facts(Case.objects.get(pk=old.pk))
    assert [register.on_register(facts_after, on) for on in dates] == counted_before == [True, True, False, False]

    # The person with an open case keeps their record; their old case is anonymised
    returning.refresh_from_db()
    returning_person = Person.objects.get(pk=returning.person.pk)
    assert returning.anonymised_at is not None and returning.closure_reason == ""
    assert returning_person.anonymised_at is None and returning_person.first_name == "Returning"
    assert ContactChannel.objects.filter(person=returning_person).count() == 1
    # The recent case is untouched
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.closure_reason == "Support ended"

    events = AuditEvent.objects.filter(actor_label="apply_case_retention").order_by("id")
    assert [(e.action, e.record_type, e.record_id, e.actor) for e in events] == [
        ("change", "case", str(returning.public_id), None), ("change", "case", str(old.public_id), None)]
    assert "person kept: another case is within retention" in events[0].description
    assert "person anonymised" in events[1].description and events[1].organisation == old.organisation
    # Nothing is left to do
    assert "No cases to be anonymised." in run()


def test_dates_of_birth_are_coarsened_when_that_keeps_the_counts():
    periods = [(date(2017, 4, 1), date(2019, 3, 1))]
    # A child throughout the case: the year is enough
    assert retention.coarse_date_of_birth(date(2008, 8, 19), periods) == date(2008, 1, 1)
    # Turned 18 in the month after the case closed: 1 January would have made her 18 while it was open
    assert retention.coarse_date_of_birth(date(2001, 3, 20), periods) == date(2001, 3, 1)
    # Turned 18 while the case was open: kept
    assert retention.coarse_date_of_birth(date(2000, 10, 10), periods) == date(2000, 10, 10)
    assert retention.coarse_date_of_birth(None, periods) is None
    assert retention.cutoff(date(2028, 2, 29), 6) == date(2022, 3, 1)


def test_the_retention_period_comes_from_settings(cases, settings):
    settings.CASE_RETENTION_YEARS = 10
    assert "No cases to be anonymised." in run("--dry-run")
    settings.CASE_RETENTION_YEARS = 1
    output = run("--dry-run")
    assert "kept for 1 years" in output and cases[1].reference in output


def test_delete_removes_the_cases_and_people_left_without_a_case(cases):
    old, recent, returning, again, _ = cases
    old_person, returning_person = old.person, returning.person
    output = run("--delete")
    assert "Cases deleted: 2" in output and "People deleted: 1" in output
    assert not Case.objects.filter(pk__in=[old.pk, returning.pk]).exists()
    assert not Person.objects.filter(pk=old_person.pk).exists()
    assert Person.objects.filter(pk=returning_person.pk).exists() and Case.objects.filter(pk=again.pk).exists()
    assert not SupportTask.objects.exists() and not ContactChannel.objects.filter(person_id=old_person.pk).exists()
    events = AuditEvent.objects.filter(actor_label="apply_case_retention", action="delete")
    assert {e.record_id for e in events} == {str(old.public_id), str(returning.public_id)}
    assert all(e.record_type == "case" for e in events)


# --- Subject access export -----------------------------------------------------------------------------

def test_subject_access_export_is_one_pdf_with_everything(client, sign_in, cases):
    old, _, _, _, caseworker = cases
    sign_in(client, caseworker)
    client.get(reverse("cases:support", args=[old.public_id]))  # an audit event about the case
    response = client.get(reverse("cases:subject-access-export", args=[old.person.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{old.person.public_id}.pdf"'
    assert "Amira" not in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF") and len(content) > 5_000
    export = AuditEvent.objects.get(action="export")
    assert (export.record_type, export.record_id, export.actor) == ("person", str(old.person.public_id), caseworker)

    # The PDF renders these sections: check them through their text version
    person = Person.objects.get(pk=old.person.pk)
    doc = subject_access.document(person, [old], subject_access.audit_events_about(person, [old]))
    text = doc.text()
    for expected in ("Name: Amira Haddad", "Mira", "Date of birth: 10 October 2000", "07700 900123", "14 Canal Street",
                     f"== Case {old.reference}", "Reason for closing: Moved to Bexford with her foster carer",
                     "NRM reference: NRM-998877", "Reasonable Grounds decision: Positive, 1 April 2017",
                     "Collect Amira from Anytown police station", "Amira prefers a woman counsellor",
                     "Room 4, 12 Station Road", "Her uncle Karim waits outside school", "22 Dock Road",
                     "Reduced risk of harm | 2", "Child sexual exploitation", "Looked-after child or care leaver",
                     "Anytown and Bexford ISA 2018", "Who has viewed or changed these records", "Support plan",
                     "Subject access export: 1 case"):
        assert expected in text, expected
    assert [s.title for s in doc.sections if s.level == 1] == [
        "Person record", f"Case {old.reference}", "Who has viewed or changed these records"]
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
        for expected in ("Subject access export", "Amira Haddad", "Her uncle Karim waits outside school", old.reference):
            assert expected in re.sub(r"\s+", " ", extracted), expected


def test_subject_access_export_holds_only_cases_the_user_can_see(client, sign_in, cases, anytown):
    old, _, returning, again, caseworker = cases
    other_worker = make_user(anytown, Role.CASEWORKER)
    Case.objects.filter(pk=again.pk).update(created_by=other_worker)
    again.assignments.all().delete()
    again.assignments.create(user=other_worker)
    sign_in(client, other_worker)
    response = client.get(reverse("cases:subject-access-export", args=[returning.person.public_id]))
    assert response.status_code == 200
    person = Person.objects.get(pk=returning.person.pk)
    text = subject_access.document(person, [again], []).text()
    assert again.reference in text and returning.reference not in text
    assert "Cases held by other teams or organisations are theirs to disclose" in text
    # Someone who sees none of the person's cases gets "not found"; someone who cannot work on cases, 403
    client.logout()
    sign_in(client, make_user(OrganisationFactory(name="Carlow District Council"), Role.CASEWORKER))
    assert client.get(reverse("cases:subject-access-export", args=[old.person.public_id])).status_code == 404
    client.logout()
    sign_in(client, make_user(anytown, Role.STAFF))
    assert client.get(reverse("cases:subject-access-export", args=[old.person.public_id])).status_code == 403
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_subject_access_export_includes_the_source_concern_and_its_referral_answers(client, sign_in, cases, anytown):
    from datetime import timedelta

    from clearsight.concerns.models import Action, StatutoryReferral

    from ..concern_helpers import make_concern

    _, _, returning, again, caseworker = cases
    reporter = make_user(anytown, Role.STAFF)
    concern = make_concern(reporter, people=[("Returning Haddad", "child"), ("Sami Other", "adult")],
                           what_happened="Seen collecting cash for an older man at the station.")
    concern_people = list(concern.people.order_by("position"))
    theirs = Action.objects.create(concern=concern, person=concern_people[0], kind="nrm_referral", title="NRM referral",
                                   owner=caseworker, due_at=timezone.now() + timedelta(days=1))
    StatutoryReferral.objects.create(action=theirs, kind="nrm", status="submitted",
                                     answers={"pv-under-age": "yes", "birthplace": "Tirana"})
    someone_else = Action.objects.create(concern=concern, person=concern_people[1], kind="duty_to_notify",
                                         title="Duty to Notify", owner=caseworker, due_at=timezone.now() + timedelta(days=1))
    StatutoryReferral.objects.create(action=someone_else, kind="dtn", answers={"birthplace": "Somewhere Secret"})
    Case.objects.filter(pk=again.pk).update(source_concern=concern.public_id)
    again.refresh_from_db()

    person = Person.objects.get(pk=returning.person.pk)
    text = subject_access.document(person, [again], []).text()
    for expected in (f"-- Reported concern {concern.reference}", "Seen collecting cash for an older man at the station.",
                     "Name or description given: Returning Haddad", "1 other person: left out",
                     "-- NRM referral and Duty to Notify answers", "Form: NRM referral", "Status: Submitted to the Home Office",
                     "Is the potential victim under 18? | yes", "Place of birth | Tirana"):
        assert expected in text, expected
    assert "Sami Other" not in text and "Somewhere Secret" not in text  # another person's details

    # Through the view, by a caseworker (assigned to the case) who does not handle concerns
    again.assignments.create(user=caseworker)
    sign_in(client, caseworker)
    response = client.get(reverse("cases:subject-access-export", args=[person.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
        assert concern.reference in extracted and "Tirana" in re.sub(r"\s+", " ", extracted)

    # A case not opened from a concern has neither section
    assert "Reported concern" not in subject_access.document(person, [returning], []).text()


def test_subject_access_export_includes_the_reported_consent_wishes_and_added_information(cases, anytown):
    """Given a concern whose reporter said the adult did not want anyone told, and later added
    information; when a case opened from it is exported for the person; then the export holds what
    the reporter said of their consent and wishes, and what the reporter added (issue 17)."""
    from clearsight.concerns.models import AddedInformation

    from ..concern_helpers import make_concern

    _, _, returning, again, _ = cases
    reporter = make_user(anytown, Role.STAFF)
    concern = make_concern(reporter, people=[("Returning Haddad", "adult")])
    concern.people.update(reported_consent="does_not_agree", reported_wishes="She does not want anyone told.")
    AddedInformation.objects.create(concern=concern, added_by=reporter, text="She has moved to the car wash on Mill Lane.")
    Case.objects.filter(pk=again.pk).update(source_concern=concern.public_id)
    again.refresh_from_db()

    text = subject_access.document(Person.objects.get(pk=returning.person.pk), [again], []).text()
    assert "What they wanted to happen, as the reporter said: She does not want anyone told." in text
    assert "Whether they knew of the report and agreed, as the reporter said: Yes, they know, but they do not want it reported" in text
    assert "She has moved to the car wash on Mill Lane." in text
