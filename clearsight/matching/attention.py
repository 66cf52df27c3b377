"""What matching puts on procurement officers' home pages."""

from django.urls import reverse

from clearsight.core.attention import Item
from clearsight.core.roles import Role


def procurement_officer_items(user):
    from .models import MatchReview

    waiting = MatchReview.objects.for_user(user).filter(status=MatchReview.Status.PENDING).count()
    if not waiting:
        return []
    return [Item(waiting, f"supplier {'match' if waiting == 1 else 'matches'} to review",
                 reverse("matching:queue"), "Review supplier matches")]


def register():
    from clearsight.core import attention

    attention.register(Role.PROCUREMENT_OFFICER, procurement_officer_items)
