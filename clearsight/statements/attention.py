"""What the statement builder puts on a statement owner's home page: the drafts they are writing."""

from django.urls import reverse

from clearsight.core.attention import Item
from clearsight.core.roles import Capability, Role

from .models import Statement


def draft_items(user):
    drafts = (Statement.objects.for_user(user)
              .filter(status=Statement.Status.DRAFT,
                      organisation_id__in=user.organisation_ids_with(Capability.WRITE_STATEMENT))
              .order_by("-covers_from"))
    return [Item(1, f"draft statement to finish and approve: {draft.title}",
                 reverse("statements:statement", kwargs={"public_id": draft.public_id}), "Continue the statement")
            for draft in drafts]


def register():
    from clearsight.core import attention

    attention.register(Role.STATEMENT_OWNER, draft_items)
