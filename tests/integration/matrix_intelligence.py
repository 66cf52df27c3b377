"""URL matrix entries for intelligence, premises and businesses (see test_url_matrix.py).

The records show sharing by agreement and handling codes at work (acceptance 2): the council's
"own" record is one that Anytown Police share with it under an active agreement (for reports, with
handling code C naming the council). "Someone else's" record is, for reports, a police report with
handling code C naming only a charity and, for premises and businesses, one recorded by a former
partner whose agreement expired yesterday: each is a 404 for the council's people, and Bexford's
people (no agreement) get 404 for the council's records."""

from datetime import date, timedelta

from clearsight.core.roles import Capability

from ..factories import BusinessFactory, IntelligenceReportFactory, PremisesFactory
from .matrix_support import Expect, roles_with

WORK = roles_with(Capability.WORK_IN_PARTNERSHIP)
HANDLERS = roles_with(Capability.HANDLE_CONCERNS)


def _org(name):
    from clearsight.core.models import Organisation

    return Organisation.objects.get_or_create(name=name, defaults={"kind": "police"})[0]


def _agreement(council, partner, *, expired=False):
    from clearsight.partnership.models import InformationSharingAgreement

    from ..factories import agreement_in_force

    today = date.today()
    title = f"ISA {council.name} and {partner.name}"
    existing = InformationSharingAgreement.objects.unscoped("test set-up").filter(title=title).first()
    return existing or agreement_in_force(
        council, partner, title=title, kinds=["intelligence"], starts_on=today - timedelta(days=400),
        review_on=today + timedelta(days=100), ends_on=today - timedelta(days=1) if expired else None)


def _partners(w):
    council = w["anytown_person"].primary_organisation
    police, former = _org("Anytown Police"), _org("Former Partner Trust")
    _agreement(council, police)
    _agreement(council, former, expired=True)
    return council, police, former


def _report(owner, conditions):
    report = IntelligenceReportFactory(
        organisation=owner, date=date(2026, 1, 5), subject_kind="premises", text="Workers sleep on site.",
        source_evaluation="2", assessment="B", handling_code="C", handling_conditions="Not for the owner.")
    report.conditions_organisations.set(conditions)
    return report


def _shared_report(w, user):
    council, police, _ = _partners(w)
    charity = _org("Harbour Light Refuge")
    return _report(police, [council]), _report(police, [charity])


def _premises(owner):
    return PremisesFactory(organisation=owner, address="Unit 3, Station Yard", postcode="AN4 3CW",
                           premises_type="hand_car_wash")


def _shared_premises(w, user):
    _, police, former = _partners(w)
    return _premises(police), _premises(former)


def _shared_business(w, user):
    from clearsight.supply.models import Supplier

    council, police, former = _partners(w)
    Supplier.objects.get_or_create(organisation=council, name="Anytown Hand Car Wash")  # a register to match against

    return (BusinessFactory(organisation=police, name="Station Yard Carwash", postcode="AN4 3CW"),
            BusinessFactory(organisation=former, name="Station Yard Carwash", postcode="AN4 3CW"))


RECORDS = {
    "shared_intelligence": _shared_report,
    "shared_premises": _shared_premises,
    "shared_business": _shared_business,
}

EXPECTATIONS = {
    "intelligence:reports": Expect(roles=WORK),
    "intelligence:report-add": Expect(roles=WORK),
    "intelligence:report": Expect(roles=WORK, record="shared_intelligence"),
    "intelligence:premises-list": Expect(roles=WORK),
    "intelligence:premises-add": Expect(roles=WORK),
    "intelligence:premises": Expect(roles=WORK, record="shared_premises"),
    # A POST without a reference: handlers are told what is missing (400); nobody else may link.
    "intelligence:premises-link-concern": Expect(roles=frozenset(), method="post", record="shared_premises",
                                                 status={role: 400 for role in HANDLERS}),
    "intelligence:businesses": Expect(roles=WORK),
    "intelligence:business-add": Expect(roles=WORK),
    "intelligence:business": Expect(roles=WORK, record="shared_business"),
    # Finding matching suppliers: a POST that redirects back to the profile.
    "intelligence:business-match": Expect(roles=frozenset(), method="post", record="shared_business",
                                          status={role: 302 for role in WORK}, audited=False),
}
