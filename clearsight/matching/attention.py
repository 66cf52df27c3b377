"""What matching puts on procurement officers' home pages."""

from django.urls import reverse

from clearsight.core.attention import Item
from clearsight.core.roles import Role


def procurement_officer_items(user):
    from .models import MatchReview
    from .reviews import asked_now_and_later

    waiting, _ = asked_now_and_later(MatchReview.objects.for_user(user).filter(status=MatchReview.Status.PENDING))
    waiting = waiting.count()
    if not waiting:
        return []
    return [Item(waiting, f"supplier {'match' if waiting == 1 else 'matches'} to review",
                 reverse("matching:queue"), "Review supplier matches")]


def register():
    from clearsight.core import attention

    attention.register(Role.PROCUREMENT_OFFICER, procurement_officer_items)
