"""Demo supplier assessments for Anytown Council, written for Clearsight (every business is made up):
a good assessment reviewed almost a year ago (so its reassessment is due soon), a sub-standard one
with an open action plan (one action done, one in progress, one overdue), and a questionnaire sent
and not answered yet. The unanswered one's link is fixed (DEMO_TOKEN) so anyone trying the demo can
open the supplier's pages at /supplier-assessment/<DEMO_TOKEN>/."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clearsight.core.models import Organisation, User
from clearsight.supply.api import Contract, Supplier, SupplierContact

from . import questionnaires, rules, services
from .models import Action, ActionPlan, Assessment, hash_token

COUNCIL = "Anytown Council"
DEMO_TOKEN = "demo-link-for-castle-home-care-questionnaire"

SUPPLIERS = [
    # name, SME, turnover, keywords, contact (name, role, email), contract (reference, title, annual value, months left)
    ("Greenleaf Grounds Maintenance Ltd", True, Decimal("2400000"), "Grounds maintenance and tree work",
     ("Hannah Greaves", "Operations director", "hannah@greenleaf-grounds.example"),
     ("DEMO-AS-001", "Parks and open spaces grounds maintenance", Decimal("120000"), 20)),
    ("Brightwater Facilities Services Ltd", False, Decimal("48000000"), "Office cleaning and facilities services",
     ("Marcus Bell", "Compliance manager", "compliance@brightwater-fs.example"),
     ("DEMO-AS-002", "Cleaning of civic buildings", Decimal("1350000"), 9)),
    ("Castle Home Care Ltd", True, Decimal("6100000"), "Domiciliary care at home",
     ("Irene Kowalczyk", "Registered manager", "irene@castlehomecare.example"),
     ("DEMO-AS-003", "Home care framework lot 2", Decimal("820000"), 30)),
]


def _supplier(council, name, is_sme, turnover, keywords, contact, contract, manager):
    supplier, _ = Supplier.objects.get_or_create(
        organisation=council, name=name,
        defaults={"is_sme": is_sme, "annual_turnover": turnover, "keywords": keywords, "source": "demo"})
    if not supplier.contacts.exists():
        SupplierContact.objects.create(supplier=supplier, name=contact[0], role=contact[1], email=contact[2], is_main=True)
    reference, title, value, months_left = contract
    today = timezone.localdate()
    Contract.objects.get_or_create(organisation=council, reference=reference, defaults={
        "supplier": supplier, "title": title, "annual_value": value, "total_value": value * 4,
        "starts_on": today - timedelta(days=900), "ends_on": today + timedelta(days=30 * months_left),
        "current_expiry": today + timedelta(days=30 * months_left), "contract_manager": manager,
        "category": "Facilities and services"})
    return supplier


def _answers(questionnaire, choose):
    return {q.key: {"answer": choose(q), "detail": ""} for q in questionnaire.questions}


def _assessment(council, supplier, sent_by, sent_days_ago, token):
    now = timezone.now()
    contact = supplier.contacts.first()
    kind, reason = services.choose_for(supplier)
    return Assessment(
        organisation=council, supplier=supplier, questionnaire=questionnaires.CURRENT[kind], questionnaire_reason=reason,
        contact=contact, recipient_name=contact.name, recipient_email=contact.email, sent_by=sent_by,
        sent_at=now - timedelta(days=sent_days_ago), token_hash=hash_token(token),
        link_expires_at=now - timedelta(days=sent_days_ago) + timedelta(days=services.LINK_DAYS))


def _reviewed(assessment, reviewer, days_ago, note, declared):
    questionnaire = questionnaires.get(assessment.questionnaire)
    result = rules.score(questionnaire, assessment.answers)
    when = timezone.now() - timedelta(days=days_ago)
    assessment.status = Assessment.Status.REVIEWED
    assessment.started_at = when - timedelta(days=6)
    assessment.submitted_at = when - timedelta(days=3)
    assessment.declared_by_name, assessment.declared_by_role = declared
    assessment.result, assessment.score, assessment.explanation = result.result, result.percent, result.explanation()
    assessment.reviewed_by, assessment.reviewed_at, assessment.completed_on = reviewer, when, when.date()
    assessment.review_note = note
    assessment.save()
    return assessment


def load():
    council = Organisation.objects.filter(name=COUNCIL).first()
    procurement = User.objects.filter(email="procurement@anytown.example").first()
    contracts = User.objects.filter(email="contracts@anytown.example").first()
    if council is None or procurement is None or contracts is None:
        return
    with transaction.atomic():
        suppliers = [_supplier(council, *row, manager=contracts) for row in SUPPLIERS]
        greenleaf, brightwater, castle = suppliers
        today = timezone.localdate()

        if not Assessment.objects.filter(supplier=greenleaf).exists():
            good = _assessment(council, greenleaf, procurement, 360, "demo-greenleaf-not-a-real-link")
            good.answers = _answers(questionnaires.get(good.questionnaire), lambda q: q.options[0].value)
            good.answers["agency_labour"]["answer"] = "none"
            good.answers["accommodation"]["answer"] = "none"
            good.answers["policy_written"]["detail"] = "Our ethical employment policy, signed by both directors in March."
            _reviewed(good, procurement, 340, "Policy seen and signed. Seasonal staff are employed directly.",
                      ("Hannah Greaves", "Operations director"))

        if not Assessment.objects.filter(supplier=brightwater).exists():
            weak = _assessment(council, brightwater, contracts, 45, "demo-brightwater-not-a-real-link")
            middle = {"agency_labour": "unchecked", "wages_own_account": "yes", "id_documents": "yes", "right_to_work": "agency",
                      "recruitment_fees": "no_policy", "accommodation": "none", "policy_written": "yes", "statement_published": "old"}
            weak.answers = _answers(questionnaires.get(weak.questionnaire),
                                    lambda q: middle.get(q.key) or (q.options[1].value if len(q.options) > 2 else q.options[0].value))
            weak.answers["agency_labour"]["detail"] = "We use three agencies for night cleaning cover."
            _reviewed(weak, contracts, 21, "Agreed an action plan with Marcus Bell on a call.", ("Marcus Bell", "Compliance manager"))
            plan = ActionPlan.objects.create(organisation=council, supplier=brightwater, assessment=weak, opened_by=contracts,
                                             opened_at=timezone.now() - timedelta(days=21))
            Action.objects.create(plan=plan, owner=contracts, due_on=today - timedelta(days=3), status=Action.Status.DONE,
                                  description="Check that each cleaning agency holds any licence it needs, and keep a record",
                                  evidence_note="Licence check register received; all three agencies checked.",
                                  completed_at=timezone.now() - timedelta(days=4))
            Action.objects.create(plan=plan, owner=contracts, due_on=today + timedelta(days=40), status=Action.Status.IN_PROGRESS,
                                  description="Get board approval for the modern slavery policy and publish an up-to-date statement")
            Action.objects.create(plan=plan, owner=procurement, due_on=today - timedelta(days=2),
                                  description="Carry out right to work checks directly for agency night staff")

        if not Assessment.objects.filter(supplier=castle).exists():
            sent = _assessment(council, castle, procurement, 4, DEMO_TOKEN)
            sent.save()
