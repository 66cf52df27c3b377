"""What changes the action plan: plan years, actions, progress updates, the year-end review (its
emails and chasing) and closing a year. Views check who may act (rules.py) and then call these.

Every function here is safe inside a request: it reads plan rows it was handed (already reached
through ``.for_user``) or says why it reads more (``.unscoped``)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from clearsight.core import email, locking
from clearsight.core.dates import long_date

from . import rules
from .models import PlanAction, PlanYear, ProgressUpdate, ReviewRequest, ReviewResponse

CHECKED = "a plan or action the user was already allowed to act on"


class CannotClose(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


class AlreadyDone(Exception):
    """The plan moved on (someone else opened the review or closed the year first)."""




# --- plan years and actions -------------------------------------------------------------------------

def create_plan(organisation, user, *, title, starts_on, ends_on, framework):
    return PlanYear.objects.create(organisation=organisation, title=title.strip(), starts_on=starts_on, ends_on=ends_on,
                                   framework=framework)


def title_taken(organisation, title) -> bool:
    return PlanYear.objects.unscoped("checking a new plan's title is free in the user's organisation").filter(
        organisation=organisation, title__iexact=title.strip()).exists()


def overlapping_plan(organisation, starts_on, ends_on):
    """The organisation's plan year (if any) whose dates overlap the given ones: one organisation
    runs one plan year at a time."""
    return (PlanYear.objects.unscoped("checking a new plan year's dates against the user's organisation's plans")
            .filter(organisation=organisation, starts_on__lte=ends_on, ends_on__gte=starts_on)
            .order_by("starts_on").first())


ACTION_FIELDS = ("title", "description", "area", "owner", "owner_organisation", "due_on")


def add_action(plan, user, data):
    last = plan.actions.order_by("-position").values_list("position", flat=True).first() or 0
    action = PlanAction.objects.create(plan=plan, created_by=user, position=last + 1,
                                       **{k: data[k] for k in ACTION_FIELDS})
    action.other_areas.set(data.get("other_areas", []))
    return action


def change_action(action, data) -> bool:
    """Compare-and-set on the version: False (nothing saved) if someone else saved first, or if the
    year-end review opened in the meantime (actions are fixed from then on)."""
    with transaction.atomic():
        updated = locking.save_if_unchanged(
            PlanAction.objects.unscoped(CHECKED).filter(plan__status=PlanYear.Status.OPEN), action.pk, data["version"],
            **{k: data[k] for k in ACTION_FIELDS})
        if updated:
            action.other_areas.set(data.get("other_areas", []))
    if updated:
        action.refresh_from_db()
    return bool(updated)


def add_progress(action, user, *, text, status, version, written_on=None):
    """Add a dated update and set the action's status, as a compare-and-set on the version the user
    saw: None (nothing saved) if someone else changed the action in between, or if its year has
    been closed (a closed year's statuses are final)."""
    with transaction.atomic():
        if not locking.save_if_unchanged(
                PlanAction.objects.unscoped(CHECKED).exclude(plan__status=PlanYear.Status.CLOSED), action.pk, version,
                status=status):
            return None
        update = ProgressUpdate.objects.create(action=action, text=text.strip(), status=status, author=user,
                                               written_on=written_on or timezone.localdate())
    action.refresh_from_db()
    return update


# --- the year-end review -----------------------------------------------------------------------------

@dataclass
class Sent:
    owner: object
    count: int  # actions listed in the email
    emailed: bool = True  # False for an owner without an active account


def _link(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def review_email(plan, owner, actions, *, chasing=False) -> EmailMessage:
    """One email to one owner listing only their own actions, each with the link to answer it."""
    due = long_date(plan.review_due_on) if plan.review_due_on else "as soon as you can"
    lines = [f"Dear {owner.full_name},", ""]
    if chasing:
        lines += [f"We have not yet had your reply for the year-end review of {plan.organisation.name}'s modern "
                  f"slavery action plan {plan.title}. It was due by {due}.", ""]
    else:
        lines += [f"{plan.organisation.name} is reviewing its modern slavery action plan {plan.title}. You own the "
                  f"{'action' if len(actions) == 1 else f'{len(actions)} actions'} below. For each one, please tell us "
                  f"what was done, whether it was completed and whether it should continue next year.", "",
                  f"Please reply by {due}.", ""]
    for number, action in enumerate(actions, 1):
        lines += [f"{number}. {action.title}", f"   Due: {long_date(action.due_on)}",
                  f"   Reply: {_link('actionplan:response', public_id=action.public_id)}", ""]
    lines += ["You will need to sign in to Clearsight. All your actions are listed here:",
              _link("actionplan:my-actions"), "",
              "This email was sent by Clearsight. It lists only the actions you own."]
    subject = (f"Reminder: your reply for the action plan {plan.title} review is late" if chasing
               else f"Action plan {plan.title}: tell us what was done by {due}")
    return EmailMessage(subject=subject, body="\n".join(lines), to=[owner.email])


def _actions_for_review(plan):
    return list(plan.actions.select_related("owner", "owner_organisation", "area", "review", "plan__organisation")
                .order_by("area__position", "position", "pk"))


def open_review(plan, user, review_due_on: date) -> list[Sent]:
    """Start the year-end review: the plan goes into review and each owner gets ONE email listing
    only their actions. Owners without an active account cannot sign in, so they are not emailed
    (``Sent.emailed`` is False): the statement owner answers for them. Raises AlreadyDone if the
    plan is no longer open."""
    with transaction.atomic():
        updated = PlanYear.objects.unscoped(CHECKED).filter(pk=plan.pk, status=PlanYear.Status.OPEN).update(
            status=PlanYear.Status.IN_REVIEW, review_opened_at=timezone.now(), review_opened_by=user,
            review_due_on=review_due_on, version=F("version") + 1)
        if not updated:
            raise AlreadyDone
        plan.refresh_from_db()
        by_owner = rules.outstanding_by_owner(_actions_for_review(plan))
        for owner in by_owner:
            ReviewRequest.objects.get_or_create(plan=plan, owner=owner)
    sent = []
    for owner, actions in sorted(by_owner.items(), key=lambda kv: kv[0].full_name):
        if owner.is_active:  # queued, sent by the task worker (core/email.py)
            email.queue_message(email.message_key("plan-review", plan.pk, owner.pk), review_email(plan, owner, actions),
                                organisation=plan.organisation)
        sent.append(Sent(owner, len(actions), emailed=owner.is_active))
    return sent


@dataclass
class OwnerStatus:
    owner: object
    organisations: list
    actions: int
    answered: int
    request: object  # ReviewRequest or None

    @property
    def replied(self):
        return self.answered == self.actions


def review_status(plan) -> list[OwnerStatus]:
    """Each owner, how many of their actions they have answered, and when they were chased."""
    requests = {r.owner_id: r for r in plan.review_requests.all()}
    rows = {}
    for action in _actions_for_review(plan):
        row = rows.setdefault(action.owner_id, OwnerStatus(action.owner, [], 0, 0, requests.get(action.owner_id)))
        row.actions += 1
        row.answered += rules._response_of(action) is not None
        if action.owner_organisation.name not in row.organisations:
            row.organisations.append(action.owner_organisation.name)
    return sorted(rows.values(), key=lambda r: (r.replied, r.owner.full_name))


def chase_late_owners(plan, now=None) -> list[Sent]:
    """Email each owner who is late (reply-by date passed, actions still unanswered), at most once a
    day, listing only their unanswered actions. Records each chase on the owner's ReviewRequest."""
    now = now or timezone.now()
    if not rules.is_late(plan, timezone.localdate(now)):
        return []
    sent = []
    for owner, actions in sorted(rules.outstanding_by_owner(_actions_for_review(plan)).items(),
                                 key=lambda kv: kv[0].full_name):
        with transaction.atomic():
            request_row, _ = ReviewRequest.objects.select_for_update().get_or_create(plan=plan, owner=owner)
            if not owner.is_active or not rules.may_chase(request_row, now):
                continue
            request_row.times_chased += 1
            request_row.last_chased_at = now
            request_row.save(update_fields=["times_chased", "last_chased_at"])
        email.queue_message(email.message_key("plan-chase", plan.pk, owner.pk, request_row.times_chased),
                            review_email(plan, owner, actions, chasing=True), organisation=plan.organisation)
        sent.append(Sent(owner, len(actions)))
    return sent


def chase_all(now=None) -> list:
    """For the daily command: chase late owners in every plan under review."""
    now = now or timezone.now()
    plans = PlanYear.objects.unscoped("the daily chasing command goes through every plan under review").filter(
        status=PlanYear.Status.IN_REVIEW).select_related("organisation")
    return [(plan, chase_late_owners(plan, now)) for plan in plans]


def save_response(action, user, data) -> bool:
    """Record or change the response for an action. ``data["version"]`` is the version the user saw
    (0 when there was no response): False, with nothing saved, if someone else saved in between.
    Raises AlreadyDone if the review is no longer open (the year was closed in the meantime)."""
    fields = {"undertaken": data["undertaken"].strip(), "done": data["done"], "continues": data["continues"],
              "next_year_description": data["next_year_description"].strip() if data["continues"] else "",
              "responded_by": user, "responded_at": timezone.now()}
    with transaction.atomic():
        # The same lock close_year takes: a response is saved before the year closes or not at all,
        # so the review tables, final statuses and carried-forward actions all agree.
        still_open = (PlanYear.objects.unscoped(CHECKED).select_for_update()
                      .filter(pk=action.plan_id, status=PlanYear.Status.IN_REVIEW).values_list("pk", flat=True))
        if not list(still_open):
            raise AlreadyDone
        if data["version"] == 0:
            try:
                with transaction.atomic():
                    ReviewResponse.objects.create(action=action, **fields)
            except IntegrityError:
                return False
            return True
        return ReviewResponse.objects.filter(action=action, version=data["version"]).update(
            version=F("version") + 1, **fields) == 1


def close_year(plan, user, *, title, starts_on, ends_on):
    """Close the year in one transaction: each action is marked done or not done from its response,
    the next plan year starts (linked to this one), and each action whose owner said it continues is
    carried into it as a new action linked to the original. Actions that do not continue are never
    copied. Raises CannotClose while any action has no response, AlreadyDone if the year is closed."""
    with transaction.atomic():
        locked = PlanYear.objects.unscoped(CHECKED).select_for_update().get(pk=plan.pk)
        if locked.status == PlanYear.Status.CLOSED:
            raise AlreadyDone
        actions = _actions_for_review(locked)
        problems = rules.close_problems(locked, actions)
        if problems:
            raise CannotClose(problems)
        try:
            with transaction.atomic():
                new = PlanYear.objects.create(organisation=locked.organisation, title=title.strip(), starts_on=starts_on,
                                              ends_on=ends_on, framework=locked.framework, previous=locked)
        except IntegrityError:
            raise AlreadyDone
        for position, action in enumerate(actions, 1):
            PlanAction.objects.unscoped(CHECKED).filter(pk=action.pk).update(
                status=rules.final_status(action), version=F("version") + 1, updated_at=timezone.now())
            carried = rules.carried_forward(action)
            if carried is None:
                continue
            description, area, owner, organisation = carried
            follow_on = PlanAction.objects.create(
                plan=new, area=area, title=action.title, description=description, owner=owner,
                owner_organisation=organisation, due_on=ends_on, carried_from=action, position=position,
                created_by=user)
            follow_on.other_areas.set(action.other_areas.all())
        PlanYear.objects.unscoped(CHECKED).filter(pk=locked.pk).update(
            status=PlanYear.Status.CLOSED, closed_at=timezone.now(), closed_by=user, version=F("version") + 1)
    plan.refresh_from_db()
    return new
