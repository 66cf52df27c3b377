"""Template tags other contexts use to link to cases: the concern page offers to open a case from the
concern, or links to the case already opened from it. (Concerns sit below cases, so the concern page
loads this tag instead of importing anything from cases, as it does with supply's.)"""

from django import template

from ..models import Case
from ..services import can_work_on_cases, case_organisation_ids, teams_for_opening

register = template.Library()

# A case is opened from a concern once it is triaged: until then the first responder's next step is triage.
NOT_TRIAGED = ("draft", "new", "in_triage")


@register.inclusion_tag("cases/_concern_case.html", takes_context=True)
def case_from_concern(context, concern):
    """For people who may open cases: the cases opened from ``concern`` that they may see, with links;
    the teams of their own organisations holding others (no link, nothing about the person); and
    the button that opens a case from the concern, while someone in it may still need one."""
    user = context["request"].user
    if concern.status in NOT_TRIAGED or not can_work_on_cases(user):
        return {"show": False}
    visible = list(
        Case.objects.for_user(user)
        .filter(source_concern=concern.public_id)
        .select_related("team")
        .order_by("opened_on", "reference")
    )
    elsewhere = list(
        Case.objects.unscoped("concern page: whether a case was opened from this concern")
        .filter(source_concern=concern.public_id, organisation_id__in=case_organisation_ids(user))
        .exclude(pk__in=[c.pk for c in visible])
        .order_by("team__name")
        .values_list("team__name", flat=True)
        .distinct()
    )
    opened = (
        len(visible)
        + Case.objects.unscoped("concern page: how many cases were opened from this concern")
        .filter(source_concern=concern.public_id)
        .exclude(pk__in=[c.pk for c in visible])
        .count()
    )
    can_open = teams_for_opening(user).exists()
    return {
        "show": True,
        "concern": concern,
        "cases": visible,
        "elsewhere": elsewhere,
        "can_open": can_open and opened < max(concern.people.count(), 1),
        "opened": opened,
    }
