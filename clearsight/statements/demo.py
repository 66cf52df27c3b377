"""A fictional draft statement for Anytown Council: "Anytown Council Modern Slavery Statement
2026/27", reviewing the 2025/26 action plan and proposing 2026/27's, with its text sections written
for Clearsight (not taken from any real statement), sign-off people and one saved version. Runs after
the action plan's demo data; does nothing if those plans are missing; safe to run twice."""

from django.utils import timezone

from clearsight.actionplan.api import PlanYear
from clearsight.core.models import Organisation, User

from . import rules, services
from .models import Section, Signatory, Statement

TITLE = "Anytown Council Modern Slavery Statement 2026/27"

TEXT = {
    "introduction": (
        "Modern slavery is the exploitation of people for someone else's gain, through force, threats or deception. "
        "It includes forced labour, sexual and criminal exploitation, domestic servitude and human trafficking.\n\n"
        "This statement explains what Anytown Council did in 2025/26 to find and respond to modern slavery, and what "
        "it will do in 2026/27. It covers:\n"
        "- the services the council runs and commissions\n"
        "- the goods, works and services the council buys, through its own teams and the shared procurement service\n"
        "- the council's work with the police, health partners and voluntary groups in the Anytown partnership\n\n"
        "The council publishes a statement each year because it wants residents, staff and suppliers to know what it "
        "expects and what it is doing, not only because the law asks large organisations to do so."),
    "review-process": (
        "Each spring every action owner tells the statement owner what their action achieved and whether it should "
        "continue. The modern slavery partnership discussed the draft at its June meeting, and the council's "
        "leadership team agreed it before it went to Cabinet.\n\n"
        "The council will review this statement and its action plan again by the end of March 2027."),
    "services": (
        "Anytown Council provides, commissions or buys services including:\n"
        "- adult social care and children's services\n"
        "- housing, homelessness advice and private sector housing enforcement\n"
        "- licensing, environmental health and trading standards\n"
        "- waste collection, street cleaning, parks and leisure\n"
        "- planning, building control and highways\n"
        "- revenues and benefits, customer services and corporate support"),
}

CUSTOM = ("Working with partners",
          "The council leads the Anytown modern slavery partnership, which brings together the police, the fire "
          "service, health partners, the shared procurement service and local voluntary groups. Partners share "
          "intelligence, plan joint visits and agree how victims are supported.")


def load():
    council = Organisation.objects.filter(name="Anytown Council").first()
    helen = User.objects.filter(email="statement@anytown.example").first()
    if council is None or helen is None:
        return
    plan = PlanYear.objects.filter(organisation=council, title="2026/27").first()
    reviewed = PlanYear.objects.filter(organisation=council, title="2025/26").first()
    if plan is None or reviewed is None:
        return
    if Statement.objects.filter(organisation=council, title=TITLE).exists():
        return
    statement = services.create_statement(organisation=council, title=TITLE, plan=plan, reviewed_plan=reviewed,
                                          user=helen, **rules.default_periods(plan, reviewed))
    now = timezone.now()
    for key, text in TEXT.items():
        Section.objects.filter(statement=statement, key=key).update(
            text=text, completed=key != "review-process", updated_at=now, updated_by=helen)
    Section.objects.filter(statement=statement, key="responsibilities").update(updated_at=now, updated_by=helen)
    Section.objects.create(statement=statement, key="custom-1", kind=Section.Key.CUSTOM, title=CUSTOM[0], text=CUSTOM[1],
                           completed=True, position=50, updated_at=now, updated_by=helen)
    Signatory.objects.create(statement=statement, name="Councillor Priya Shah", role="Leader of Anytown Council",
                             position=0)
    Signatory.objects.create(statement=statement, name="Martin Okafor", role="Chief Executive, Anytown Council",
                             position=1)
    services.save_version(statement, helen, note="First full draft for the partnership meeting")
