"""What the cases context puts on caseworkers' and team managers' home pages: children about to turn
18 while waiting for a Conclusive Grounds decision, people who turned 18 while waiting and have not yet
consented to stay in the NRM, overdue safety plan reviews and long waits for a Conclusive Grounds
decision, across the open cases the user can see."""

from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from . import services
from .models import Case


def _open_cases(user):
    return Case.objects.for_user(user).exclude(status=Case.Status.CLOSED).select_related("person", "nrm") \
        .prefetch_related("safety_plans", "nrm__extensions")


def case_items(user, today=None):
    today = today or timezone.localdate()
    turning_18 = turned_18 = reviews = long_waits = 0
    for case in _open_cases(user):
        record = services.nrm_for(case)
        if record is not None:
            pos = services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today)
            turned_18 += pos.turned_18
            turning_18 += bool(pos.turning_18) and not pos.turned_18
            long_waits += bool(pos.cg_wait_long)
        reviews += len(services.safety_reviews_overdue(case, today))
    href = reverse("cases:list")
    items = []
    if turning_18:
        items.append(Item(turning_18, f"{'child turns' if turning_18 == 1 else 'children turn'} 18 within "
                          f"{services.eighteen_alert_days()} days while waiting for a Conclusive Grounds decision. "
                          "They must then consent to stay in the NRM.", href, "See your cases"))
    if turned_18:
        items.append(Item(turned_18, f"{'person has' if turned_18 == 1 else 'people have'} turned 18 while waiting for a "
                          "Conclusive Grounds decision: record whether they consent to stay in the NRM", href, "See your cases"))
    if reviews:
        items.append(Item(reviews, f"safety plan {'review is' if reviews == 1 else 'reviews are'} overdue", href, "See your cases"))
    if long_waits:
        items.append(Item(long_waits, f"{'person has' if long_waits == 1 else 'people have'} waited more than "
                          f"{services.long_cg_wait_days()} days for a Conclusive Grounds decision", href, "See your cases"))
    return items


def register():
    from clearsight.core import attention

    attention.register(Role.CASEWORKER, case_items)
    attention.register(Role.TEAM_MANAGER, case_items)
