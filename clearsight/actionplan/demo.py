"""Fictional Anytown Council action plans, written for Clearsight: 2025/26 (closed after its
year-end review, every owner having replied) and 2026/27 (running: the continuing actions carried
forward through the real closing code, new actions, progress updates, one overdue). Runs after the
core demo data; safe to run twice."""

from datetime import date, datetime, time

from django.utils import timezone

from clearsight.core.models import Organisation, User

from . import services
from .models import Framework, PlanAction, PlanYear, ProgressUpdate, ReviewRequest, ReviewResponse
from .reference_data import load_frameworks

# area, title, description, owner email, due, (undertaken, done, continues, next year's wording or "")
LAST_YEAR = [
    ("defining-risk", "Map modern slavery risk across council services",
     "Work with each directorate to list where our services, buildings and contracts could meet modern slavery, "
     "and agree a simple risk rating for each.", "coordinator@anytown.example", date(2025, 9, 30),
     ("Risk mapping workshops were held with adult social care, housing, environmental health and facilities. A "
      "risk register for modern slavery now sits in the corporate risk register and is reviewed each quarter.",
      True, False, "")),
    ("defining-risk", "Publish the modern slavery statement",
     "Publish the statement on the council website once Cabinet has approved it, and promote it on the intranet.",
     "statement@anytown.example", date(2025, 7, 31),
     ("The statement was approved by Cabinet in June 2025 and published on the website and the intranet in July.",
      True, True, "Publish the 2026/27 statement on the website and the intranet once Cabinet has approved it, "
      "and send it to the national statement registry.")),
    ("prevention", "Modern slavery e-learning for frontline staff",
     "Make the modern slavery e-learning module mandatory for frontline roles in housing, social care, licensing "
     "and environmental health.", "training@anytown.example", date(2026, 3, 31),
     ("The module became mandatory for the listed roles in October 2025. By March 2026, 78% of the staff who "
      "need it had completed it.", False, True,
      "Raise completion of the modern slavery e-learning to 95% of frontline staff who need it, with monthly "
      "reminders to line managers.")),
    ("prevention", "Briefing for councillors",
     "Run a briefing on modern slavery and the council's duties for all councillors.",
     "coordinator@anytown.example", date(2025, 12, 31),
     ("Two briefings were held in November 2025, attended by 41 councillors.", True, False, "")),
    ("prevention", "Modern slavery clauses in new contracts",
     "Add standard modern slavery clauses to the council's contract templates through the shared procurement "
     "service.", "champion@shireprocurement.example", date(2025, 10, 31),
     ("The clauses were added to all contract templates in September 2025.", True, False, "")),
    ("detection", "Supplier self-assessments for high-risk contracts",
     "Ask suppliers on high-risk contracts (cleaning, care, construction, textiles) to complete the modern slavery "
     "self-assessment and review their answers.", "procurement@anytown.example", date(2026, 3, 31),
     ("Self-assessments were sent to 34 suppliers; 27 were returned and reviewed, and 5 action plans agreed.",
      False, True, "Complete and review self-assessments for every supplier on a high-risk contract, and follow up "
      "the action plans agreed last year.")),
    ("detection", "Internal audit of the action plan",
     "Internal audit to check that the actions in the statement were delivered and evidenced.",
     "auditor@anytown.example", date(2026, 2, 28),
     ("The audit reported in February 2026 with substantial assurance and two recommendations on evidence.",
      True, False, "")),
    ("response", "Agree the NRM referral pathway",
     "Agree one pathway for first responders to refer potential victims to the National Referral Mechanism or "
     "make a Duty to Notify report, with out-of-hours cover.", "coordinator@anytown.example", date(2025, 11, 30),
     ("The pathway was agreed by the safeguarding partnership in November 2025. Out-of-hours cover is not yet "
      "in place.", False, True, "Put out-of-hours cover in place for the NRM referral pathway and test it twice "
      "a year.")),
    ("response", "Train first responders",
     "Train the council's modern slavery single points of contact as NRM first responders.",
     "training@anytown.example", date(2025, 9, 30),
     ("Six officers completed first responder training in August 2025.", True, False, "")),
    ("evaluation", "Learning review after each operation",
     "Hold a short learning review after each partnership operation and report the lessons to the partnership.",
     "coordinator@anytown.example", date(2026, 3, 31),
     ("Learning reviews were held after both operations; the lessons went to the partnership in January 2026.",
      True, True, "")),
    ("evaluation", "Review supplier assessment results",
     "Report what the supplier self-assessments found to the procurement board.",
     "champion@shireprocurement.example", date(2026, 3, 31),
     ("A summary report went to the procurement board in March 2026.", True, False, "")),
    ("evaluation", "Refresh the statement and action plan",
     "Review this year's action plan with every owner and refresh the statement's commitments.",
     "statement@anytown.example", date(2026, 3, 31),
     ("The review was carried out in April 2026 and the refreshed commitments form the 2026/27 plan.",
      True, False, "")),
]

NEW_ACTIONS = [
    ("prevention", "Awareness campaign for taxi and private hire drivers",
     "Include modern slavery signs and how to report them in licensing conditions and driver training.",
     "coordinator@anytown.example", date(2026, 12, 31)),
    ("detection", "Check spend data for high-risk suppliers",
     "Screen the council's spend data each quarter for suppliers in high-risk sectors who are not yet assessed.",
     "procurement@anytown.example", date(2027, 1, 31)),
    ("response", "Support pathway for displaced care workers",
     "Agree with partners how care workers who lose their sponsor are supported and referred.",
     "coordinator@anytown.example", date(2027, 3, 31)),
]

PROGRESS = {
    "Modern slavery e-learning for frontline staff": [
        (date(2026, 6, 30), "in_progress", "Monthly reminder reports now go to line managers. Completion is 84%."),
        (date(2026, 10, 15), "in_progress", "Completion is 90%. Housing repairs has the most staff still to complete."),
    ],
    "Supplier self-assessments for high-risk contracts": [
        (date(2026, 9, 1), "in_progress", "Self-assessments sent to the 12 suppliers who had not replied last year."),
    ],
    "Awareness campaign for taxi and private hire drivers": [
        (date(2026, 8, 20), "in_progress", "Draft training content agreed with licensing. Waiting for the committee date."),
    ],
}


def _user(email):
    return User.objects.get(email=email)


def _org_of(user):
    return user.primary_organisation


def load():
    council = Organisation.objects.filter(name="Anytown Council").first()
    if council is None or PlanYear.objects.filter(organisation=council, title="2025/26").exists():
        return
    load_frameworks()
    framework = Framework.objects.get(code="five-responsibilities")
    areas = {a.code: a for a in framework.areas.all()}
    four_ps = {a.code: a for a in Framework.objects.get(code="four-ps").areas.all()}
    helen = _user("statement@anytown.example")
    plan = PlanYear.objects.create(organisation=council, title="2025/26", starts_on=date(2025, 4, 1),
                                   ends_on=date(2026, 3, 31), framework=framework,
                                   created_at=timezone.make_aware(datetime(2025, 3, 20, 10)))
    opened = timezone.make_aware(datetime.combine(date(2026, 4, 1), time(9)))
    for position, (area, title, description, email, due, (undertaken, done, continues, next_text)) in enumerate(LAST_YEAR, 1):
        owner = _user(email)
        action = PlanAction.objects.create(
            plan=plan, area=areas[area], title=title, description=description, owner=owner,
            owner_organisation=_org_of(owner), due_on=due, position=position, created_by=helen,
            status="done" if done else "in_progress")
        if area == "response":
            action.other_areas.set([four_ps["protect"]])
        elif area == "detection":
            action.other_areas.set([four_ps["pursue"]])
        elif area == "prevention":
            action.other_areas.set([four_ps["prevent"]])
        ReviewResponse.objects.create(action=action, undertaken=undertaken, done=done, continues=continues,
                                      next_year_description=next_text, responded_by=owner,
                                      responded_at=opened + timezone.timedelta(days=7 + position))
    PlanYear.objects.filter(pk=plan.pk).update(status=PlanYear.Status.IN_REVIEW, review_opened_at=opened,
                                               review_opened_by=helen, review_due_on=date(2026, 4, 24))
    plan.refresh_from_db()
    for owner in {a.owner for a in plan.actions.select_related("owner")}:
        chased = owner.email == "champion@shireprocurement.example"
        ReviewRequest.objects.create(plan=plan, owner=owner, sent_at=opened, times_chased=1 if chased else 0,
                                     last_chased_at=opened + timezone.timedelta(days=24) if chased else None)
    # Closed through the same code as the page: continuing actions carried forward, linked.
    new = services.close_year(plan, helen, title="2026/27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))
    PlanYear.objects.filter(pk=plan.pk).update(closed_at=timezone.make_aware(datetime(2026, 5, 5, 15)))

    last = new.actions.count()
    for position, (area, title, description, email, due) in enumerate(NEW_ACTIONS, last + 1):
        owner = _user(email)
        PlanAction.objects.create(plan=new, area=areas[area], title=title, description=description, owner=owner,
                                  owner_organisation=_org_of(owner), due_on=due, position=position, created_by=helen)
    for action in new.actions.select_related("owner"):
        for written_on, status, text in PROGRESS.get(action.title, []):
            ProgressUpdate.objects.create(action=action, written_on=written_on, status=status, text=text, author=action.owner)
            PlanAction.objects.filter(pk=action.pk).update(status=status)
    # The NRM pathway's out-of-hours cover was due earlier in the year, so it shows as overdue.
    PlanAction.objects.filter(plan=new, title="Agree the NRM referral pathway").update(due_on=date(2026, 9, 30))
