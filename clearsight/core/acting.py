"""The acting organisation (issue 14, M1–M3): a person who works for several organisations acts for
one at a time, chosen after sign-in and switchable from the header. While they act for it, their
roles, and so everything they can see, every audit event they cause, the reports they make and the
figures they read, are those of that organisation alone."""

from .models import Membership

SESSION_KEY = "clearsight_acting_organisation"


def memberships_of(user) -> list:
    """Every active membership of the user, whichever organisation they act for."""
    return list(Membership.objects.filter(user=user, organisation__is_active=True).select_related("organisation"))


def organisations_of(user) -> list:
    seen = {}
    for m in memberships_of(user):
        seen.setdefault(m.organisation_id, m.organisation)
    return sorted(seen.values(), key=lambda o: o.name)


def organisation_ids(user, *capabilities) -> set:
    """The organisations in which the user may do something: those where one of their roles carries
    any of ``capabilities``, of the organisation they act for (all of theirs before they choose, as
    on the page where they choose). Empty for anyone not signed in. Every context asks this (or
    ``User.organisation_ids_with_role``) rather than reading memberships itself (issue 15)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return user.organisation_ids_with(*capabilities)


def act_for(user, organisation_id, rows=None):
    """Restrict the user object to its roles in one organisation for the rest of the request."""
    rows = memberships_of(user) if rows is None else rows
    user._memberships_cache = [m for m in rows if m.organisation_id == organisation_id]
    user.acting_organisation = next((m.organisation for m in user._memberships_cache), None)
    user.acts_for_several = len({m.organisation_id for m in rows}) > 1


def resolve(request) -> bool:
    """Apply the session's acting organisation to request.user. Returns False when the user works
    for several organisations and has not chosen one yet (they must be asked)."""
    user = request.user
    rows = memberships_of(user)
    ids = {m.organisation_id for m in rows}
    chosen = request.session.get(SESSION_KEY)
    if chosen in ids:
        act_for(user, chosen, rows)
        return True
    if len(ids) == 1:
        request.session[SESSION_KEY] = next(iter(ids))
        act_for(user, next(iter(ids)), rows)
        return True
    user.acting_organisation, user.acts_for_several = None, len(ids) > 1
    return not ids


def choose(request, organisation):
    request.session[SESSION_KEY] = organisation.id
    act_for(request.user, organisation.id)


def home_organisation(user):
    """The organisation that made the person's account: the one of their first membership. Only its
    administrators rename or suspend the account, which every organisation they work for shares."""
    first = Membership.objects.filter(user=user).select_related("organisation").order_by("id").first()
    return first.organisation if first else None


def organisations_administered_by(user) -> set:
    """Where the user is an administrator, whichever organisation they act for now."""
    from .roles import Role

    return {m.organisation_id for m in memberships_of(user) if m.role == Role.ADMINISTRATOR}
