"""Partnership pages: groups, information sharing agreements, meetings (agenda, minutes, actions)."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clearsight.core import audit, locking
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs

from . import actions as action_rules
from . import agreements as agreement_rules
from . import agenda as agenda_rules
from . import forms, sharing
from .models import (
    GroupMember,
    InformationSharingAgreement,
    Meeting,
    PartnershipAction,
    PartnershipGroup,
    running_org_ids,
)

WORK = Capability.WORK_IN_PARTNERSHIP
RUN = Capability.RUN_PARTNERSHIP
CHECKED = "version compare-and-set on a record already checked"


def signed_in(view):
    """Any signed-in user: the page shows only what is theirs (their own partnership actions)."""
    return never_cache(login_required(view))


def _may_run(user, group):
    return group.organisation_id in running_org_ids(user)


# --- groups ----------------------------------------------------------------------------------------------

@needs(WORK, RUN, Capability.SIGN_AGREEMENTS)
def groups(request):
    items = list(PartnershipGroup.objects.for_user(request.user).select_related("organisation").prefetch_related("members__organisation"))
    invitations = list(GroupMember.invitations_for(request.user))
    audit.record(request, audit.Action.VIEW, record_type="partnership groups", description=f"{len(items)} groups")
    return render(request, "partnership/groups.html", {"groups": items, "can_run": request.user.can(RUN),
                                                       "invitations": invitations})


def _invitation(request, public_id, organisation_id):
    return get_object_or_404(GroupMember.invitations_for(request.user), group__public_id=public_id,
                             organisation__public_id=organisation_id)


@needs(RUN, Capability.SIGN_AGREEMENTS)
@require_POST
def invitation_answer(request, public_id, organisation_id):
    """The invited organisation's coordinator or signatory accepts or declines joining a group."""
    invitation = _invitation(request, public_id, organisation_id)
    group = invitation.group
    if request.POST.get("answer") == "accept":
        GroupMember.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(accepted_at=timezone.now(), accepted_by=request.user)
        audit.record_for(request, audit.Action.CHANGE, group, description=f"Invitation to join accepted for {invitation.organisation.name}")
        messages.success(request, f"{invitation.organisation.name} has joined {group.name}.")
    elif request.POST.get("answer") == "decline":
        invitation.delete()
        audit.record_for(request, audit.Action.CHANGE, group, description=f"Invitation to join declined for {invitation.organisation.name}")
        messages.success(request, f"You have declined the invitation to {group.name}.")
    return redirect("partnership:groups")


def _get_group(request, public_id):
    return get_object_or_404(PartnershipGroup.objects.for_user(request.user).select_related("organisation"), public_id=public_id)


@needs(WORK, RUN)
def group(request, public_id):
    item = _get_group(request, public_id)
    members = list(item.members.select_related("organisation", "contact_user"))
    if not _may_run(request.user, item):
        members = [m for m in members if m.is_accepted]  # who else was invited is the runner's business
    meetings = list(item.meetings.order_by("-held_on"))
    today = timezone.localdate()
    audit.record_for(request, audit.Action.VIEW, item, description="Partnership group")
    return render(request, "partnership/group.html", {
        "group": item, "members": members, "can_run": _may_run(request.user, item),
        "upcoming": sorted([m for m in meetings if m.held_on >= today], key=lambda m: m.held_on),
        "past": [m for m in meetings if m.held_on < today],
    })


def _save_members(group, organisations, by):
    """Members as chosen: the organisation running the group is a member at once; every other new
    member is invited, and takes part only once it accepts."""
    keep = {o.id for o in organisations}
    group.members.exclude(organisation_id__in=keep).delete()
    existing = set(group.members.values_list("organisation_id", flat=True))
    now = timezone.now()
    GroupMember.objects.bulk_create([
        GroupMember(group=group, organisation=o, invited_by=by,
                    accepted_at=now if o.id == group.organisation_id else None,
                    accepted_by=by if o.id == group.organisation_id else None)
        for o in organisations if o.id not in existing])
    group.members.filter(organisation_id=group.organisation_id, accepted_at__isnull=True).update(accepted_at=now, accepted_by=by)


@needs(RUN)
def group_add(request):
    running = running_org_ids(request.user)
    form = forms.GroupForm(request.POST or None, running_orgs=running)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            item = PartnershipGroup.objects.create(name=d["name"], kind=d["kind"], organisation=d["organisation"],
                                                   meeting_frequency=d["meeting_frequency"],
                                                   terms_of_reference=d["terms_of_reference"])
            _save_members(item, set(d["members"]) | {d["organisation"]}, request.user)
        audit.record_for(request, audit.Action.CREATE, item, description="Partnership group added")
        messages.success(request, "The group has been added. Each other agency has been invited: it takes part once its "
                                  "coordinator accepts. Now give each agency's single point of contact.")
        return redirect("partnership:group", public_id=item.public_id)
    return render(request, "partnership/group_form.html", {"form": form, "group": None})


@needs(RUN)
def group_edit(request, public_id):
    item = _get_group(request, public_id)
    if not _may_run(request.user, item):
        raise PermissionDenied
    running = running_org_ids(request.user)
    if request.method == "POST":
        form = forms.GroupForm(request.POST, running_orgs=running, group=item)
        if form.is_valid():
            d = form.cleaned_data
            records = PartnershipGroup.objects.unscoped(CHECKED)
            with transaction.atomic():
                if locking.saved_or_refused(form, records, item.pk, d["version"], initial_for=forms.GroupForm.initial_for):
                    for key in ["name", "kind", "organisation", "meeting_frequency", "terms_of_reference"]:
                        setattr(item, key, d[key])
                    item.version = d["version"] + 1
                    item.save()
                    _save_members(item, set(d["members"]) | {d["organisation"]}, request.user)
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description="Partnership group changed")
                messages.success(request, "The group has been saved.")
                return redirect("partnership:group", public_id=item.public_id)
    else:
        form = forms.GroupForm(initial=forms.GroupForm.initial_for(item), running_orgs=running, group=item)
    audit.record_for(request, audit.Action.VIEW, item, description="Change group" + (": errors shown" if form.errors else ""))
    return render(request, "partnership/group_form.html", {"form": form, "group": item})


def _contact_initial(group, member):
    return {"version": group.version, "contact_user": str(member.contact_user.public_id) if member.contact_user_id else "",
            "contact_name": member.contact_name, "contact_email": member.contact_email}


def _member_now(member):
    return type(member).objects.select_related("contact_user").get(pk=member.pk)


@needs(RUN)
def member_contact(request, public_id, organisation_id):
    item = _get_group(request, public_id)
    if not _may_run(request.user, item):
        raise PermissionDenied
    # Only a member that has accepted may have one of its staff named: until then its people are not listed.
    member = get_object_or_404(item.members.select_related("organisation", "contact_user").filter(accepted_at__isnull=False),
                               organisation__public_id=organisation_id)
    if request.method == "POST":
        form = forms.ContactForm(request.POST, organisation=member.organisation)
        if form.is_valid():
            d = form.cleaned_data
            records = PartnershipGroup.objects.unscoped(CHECKED)
            with transaction.atomic():
                if locking.saved_or_refused(form, records, item.pk, d["version"],
                                            initial_for=lambda now: _contact_initial(now, _member_now(member))):
                    member.contact_user = d["contact_user"]
                    member.contact_name = "" if d["contact_user"] else d["contact_name"].strip()
                    member.contact_email = "" if d["contact_user"] else d["contact_email"]
                    member.save()
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description=f"Contact for {member.organisation.name} changed")
                messages.success(request, f"The contact for {member.organisation.name} has been saved.")
                return redirect("partnership:group", public_id=item.public_id)
    else:
        form = forms.ContactForm(organisation=member.organisation, initial=_contact_initial(item, member))
    audit.record_for(request, audit.Action.VIEW, item, description="Change a member's contact")
    return render(request, "partnership/contact_form.html", {"form": form, "group": item, "member": member})


# --- agreements -------------------------------------------------------------------------------------------
SIGN = Capability.SIGN_AGREEMENTS


def _agreement_row(agreement, today):
    status = agreement.status_on(today)
    return {"agreement": agreement, "status": status, "label": sharing.STATUS_LABELS[status],
            "tag": sharing.STATUS_TAGS[status], "sharing": status in sharing.SHARING_STATUSES}


@needs(WORK, RUN, SIGN)
def agreements(request):
    today = timezone.localdate()
    rows = [_agreement_row(a, today) for a in
            InformationSharingAgreement.objects.for_user(request.user).select_related("in_force_version").prefetch_related("parties")]
    rows.sort(key=lambda r: (not r["sharing"], r["agreement"].title))
    audit.record(request, audit.Action.VIEW, record_type="information sharing agreements", description=f"{len(rows)} agreements")
    return render(request, "partnership/agreements.html", {"rows": rows, "can_run": request.user.can(RUN), "today": today})


def _get_agreement(request, public_id):
    return get_object_or_404(InformationSharingAgreement.objects.for_user(request.user).select_related("in_force_version"),
                             public_id=public_id)


def _orgs(ids):
    from clearsight.core.models import Organisation

    return list(Organisation.objects.filter(id__in=ids, is_active=True).order_by("name"))


def _may_accept(user, version):
    """The user's organisations that are parties to the version and have not accepted it yet."""
    if version is None:
        return []
    waiting = set(version.parties.values_list("id", flat=True)) - set(version.acceptances.values_list("organisation_id", flat=True))
    return _orgs(waiting & agreement_rules.signing_org_ids(user))


@needs(WORK, RUN, SIGN)
def agreement(request, public_id):
    item = _get_agreement(request, public_id)
    row = _agreement_row(item, timezone.localdate())
    audit.record_for(request, audit.Action.VIEW, item, description="Information sharing agreement")
    latest = item.latest_version()
    in_force = item.in_force_version
    previous = item.versions.filter(number__lt=latest.number).order_by("-number").first() if latest else None
    ended = item.status == InformationSharingAgreement.Status.ENDED
    mine_signing = agreement_rules.signing_org_ids(request.user)
    suspensions = list(item.suspensions.select_related("organisation", "suspended_by", "lifted_by"))
    return render(request, "partnership/agreement.html", {
        "row": row, "agreement": item, "latest": latest, "in_force": in_force,
        "pending": latest if latest and (in_force is None or latest.pk != in_force.pk) else None,
        "in_force_parties": list(in_force.parties.order_by("name")) if in_force else [],
        "states": agreement_rules.party_states(latest) if latest else [],
        "changes": agreement_rules.changes_from(previous, latest) if latest else [],
        "versions": list(item.versions.select_related("proposed_for").order_by("-number")),
        "suspensions": suspensions,
        "can_run": not ended and bool(set(item.parties.values_list("id", flat=True)) & running_org_ids(request.user)),
        "can_accept": not ended and bool(_may_accept(request.user, latest)),
        "can_suspend": not ended and bool(agreement_rules.may_suspend(request.user, item)),
        "can_lift": [s for s in suspensions if s.lifted_at is None and s.organisation_id in mine_signing],
        "can_end": not ended and bool(mine_signing & agreement_rules.deciding_party_ids(item)),
    })


def _terms(d):
    return {k: d[k] for k in agreement_rules.TERMS}


def _proposer_org(user, parties):
    """The organisation a coordinator proposes for: one of theirs among the parties."""
    mine = [p for p in sorted(parties, key=lambda o: o.name) if p.id in running_org_ids(user)]
    return mine[0] if mine else None


@needs(RUN)
def agreement_add(request):
    form = forms.AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parties = form.cleaned_data["parties"]
        proposer = _proposer_org(request.user, parties)
        if proposer is None:
            form.add_error("parties", "Your organisation must be one of the parties")
        else:
            item = agreement_rules.propose(None, _terms(form.cleaned_data), parties, by=request.user, for_organisation=proposer)
            audit.record_for(request, audit.Action.CREATE, item, description="Information sharing agreement proposed")
            messages.success(request, "The agreement has been proposed. Nothing is shared until an authorised signatory "
                                      "of every party has accepted it; their signatories have been emailed.")
            return redirect("partnership:agreement", public_id=item.public_id)
    return render(request, "partnership/agreement_form.html", {"form": form, "agreement": None})


@needs(RUN)
def agreement_edit(request, public_id):
    item = _get_agreement(request, public_id)
    if not {p.id for p in item.parties.all()} & running_org_ids(request.user):
        raise PermissionDenied
    if item.status == InformationSharingAgreement.Status.ENDED:
        raise PermissionDenied
    if request.method == "POST":
        form = forms.AgreementForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            proposer = _proposer_org(request.user, d["parties"])
            if proposer is None:
                form.add_error("parties", "Your organisation must be one of the parties")
            else:
                try:
                    agreement_rules.propose(item, _terms(d), d["parties"], by=request.user, for_organisation=proposer,
                                            expected_version=d["version"] or 0)
                except agreement_rules.Conflict:
                    now = InformationSharingAgreement.objects.unscoped(CHECKED).filter(pk=item.pk).first()
                    locking.add_conflict_error(form, now and now.version, now and forms.AgreementForm.initial_for(now))
                except agreement_rules.NotAllowed as error:
                    form.add_error(None, str(error))
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description="Information sharing agreement: new terms proposed")
                messages.success(request, "The new terms have been proposed. The terms in force (if any) stay in force "
                                          "until an authorised signatory of every party has accepted the new ones.")
                return redirect("partnership:agreement", public_id=item.public_id)
    else:
        form = forms.AgreementForm(initial=forms.AgreementForm.initial_for(item))
    audit.record_for(request, audit.Action.VIEW, item, description="Change agreement" + (": errors shown" if form.errors else ""))
    return render(request, "partnership/agreement_form.html", {"form": form, "agreement": item})


def _refused(request, form, error):
    form.add_error(None, str(error))


@needs(SIGN)
def agreement_accept(request, public_id):
    item = _get_agreement(request, public_id)
    latest = item.latest_version()
    organisations = _may_accept(request.user, latest)
    if not organisations or item.status == InformationSharingAgreement.Status.ENDED:
        raise PermissionDenied
    form = forms.AcceptForm(request.POST or None, organisations=organisations,
                            initial={"version_number": latest.number,
                                     "organisation": str(organisations[0].public_id) if len(organisations) == 1 else None})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            in_force = agreement_rules.accept(item, d["version_number"], by=request.user, for_organisation=d["organisation"])
        except agreement_rules.NotAllowed as error:
            _refused(request, form, error)
        else:
            audit.record_for(request, audit.Action.CHANGE, item,
                             description=f"Information sharing agreement version {d['version_number']} accepted")
            messages.success(request, "Your organisation has accepted the agreement. " + (
                "Every party has now accepted it: it is in force." if in_force else
                "It comes into force when every party has accepted it."))
            return redirect("partnership:agreement", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Accept agreement")
    return render(request, "partnership/agreement_accept.html", {"form": form, "agreement": item, "latest": latest})


def _stop_agreement(request, item, organisations, *, form_class, template, stop, done, audit_done, audit_view):
    """The suspend and end pages: the organisation to act for (one of ``organisations``), the form,
    then ``stop(agreement, cleaned_data, organisation)``. Refused when there is nothing to act for."""
    if not organisations or item.status == InformationSharingAgreement.Status.ENDED:
        raise PermissionDenied
    form = form_class(request.POST or None, organisations=organisations,
                      initial={"organisation": str(organisations[0].public_id) if len(organisations) == 1 else None})
    if request.method == "POST" and form.is_valid():
        try:
            stop(item, form.cleaned_data, form.cleaned_data["organisation"])
        except agreement_rules.NotAllowed as error:
            _refused(request, form, error)
        else:
            audit.record_for(request, audit.Action.CHANGE, item, description=audit_done)
            messages.success(request, done)
            return redirect("partnership:agreement", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description=audit_view)
    return render(request, template, {"form": form, "agreement": item})


@needs(WORK, RUN, SIGN)
def agreement_suspend(request, public_id):
    item = _get_agreement(request, public_id)
    return _stop_agreement(
        request, item, _orgs(agreement_rules.may_suspend(request.user, item)),
        form_class=forms.SuspendForm, template="partnership/agreement_suspend.html",
        stop=lambda agreement, data, organisation: agreement_rules.suspend(
            agreement, data["reason"], by=request.user, for_organisation=organisation),
        done="The agreement is suspended: nothing is shared under it. Every party's signatories have been told.",
        audit_done="Information sharing agreement suspended", audit_view="Suspend agreement")


@needs(SIGN)
@require_POST
def agreement_lift(request, public_id):
    item = _get_agreement(request, public_id)
    lifted = False
    for organisation in _orgs(agreement_rules.signing_org_ids(request.user)):
        try:
            agreement_rules.lift_suspension(item, by=request.user, for_organisation=organisation)
            lifted = True
        except agreement_rules.NotAllowed:
            continue
    if not lifted:
        raise PermissionDenied
    audit.record_for(request, audit.Action.CHANGE, item, description="Information sharing agreement: suspension lifted")
    messages.success(request, "Your organisation's suspension has been lifted.")
    return redirect("partnership:agreement", public_id=item.public_id)


@needs(SIGN)
def agreement_end(request, public_id):
    item = _get_agreement(request, public_id)
    return _stop_agreement(
        request, item,
        _orgs(agreement_rules.signing_org_ids(request.user) & agreement_rules.deciding_party_ids(item)),
        form_class=forms.EndForm, template="partnership/agreement_end.html",
        stop=lambda agreement, data, organisation: agreement_rules.end(
            agreement, by=request.user, for_organisation=organisation),
        done="The agreement has ended. Nothing is shared under it any more.",
        audit_done="Information sharing agreement ended", audit_view="End agreement")


# --- meetings and actions ---------------------------------------------------------------------------------

@needs(RUN)
def meeting_add(request, public_id):
    group_item = _get_group(request, public_id)
    if not _may_run(request.user, group_item):
        raise PermissionDenied
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = Meeting.objects.create(group=group_item, held_on=form.cleaned_data["held_on"],
                                          location=form.cleaned_data["location"])
            item.agenda = agenda_rules.draft(item)
            item.agenda_drafted_at = timezone.now()
            item.save(update_fields=["agenda", "agenda_drafted_at"])
        audit.record_for(request, audit.Action.CREATE, item, description="Meeting added, agenda drafted")
        messages.success(request, "The meeting has been added and its agenda drafted from what is open. Check and edit it.")
        return redirect("partnership:meeting", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, group_item, description="Add a meeting")
    return render(request, "partnership/meeting_add.html", {"form": form, "group": group_item})


def _get_meeting(request, public_id):
    return get_object_or_404(Meeting.objects.for_user(request.user).select_related("group__organisation"), public_id=public_id)


@needs(WORK, RUN)
def meeting(request, public_id):
    item = _get_meeting(request, public_id)
    today = timezone.localdate()
    actions = list(item.actions.select_related("owner", "owner_organisation"))
    audit.record_for(request, audit.Action.VIEW, item, description="Meeting")
    return render(request, "partnership/meeting.html", {
        "meeting": item, "group": item.group, "actions": actions, "today": today,
        "can_run": _may_run(request.user, item.group),
        "by_agency": action_rules.actions_by_agency([a for a in actions if a.status == "open"]),
        "contacts": {m.organisation_id: m for m in item.group.members.filter(accepted_at__isnull=False).select_related("contact_user")},
    })


def _meeting_initial(meeting):
    return {"version": meeting.version, "agenda": meeting.agenda, "decisions": meeting.decisions, "status": meeting.status}


@needs(RUN)
def meeting_edit(request, public_id):
    item = _get_meeting(request, public_id)
    if not _may_run(request.user, item.group):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.MeetingRecordForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            records = Meeting.objects.unscoped(CHECKED)
            with transaction.atomic():
                if locking.saved_or_refused(form, records, item.pk, d["version"], initial_for=_meeting_initial):
                    item.agenda, item.decisions, item.status = d["agenda"], d["decisions"], d["status"]
                    item.version = d["version"] + 1
                    item.save()
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description="Agenda or minutes changed")
                messages.success(request, "The agenda and minutes have been saved.")
                return redirect("partnership:meeting", public_id=item.public_id)
    else:
        form = forms.MeetingRecordForm(initial=_meeting_initial(item))
    audit.record_for(request, audit.Action.VIEW, item, description="Change agenda and minutes")
    return render(request, "partnership/meeting_edit.html", {"form": form, "meeting": item})


@needs(RUN)
def meeting_open_items(request, public_id):
    """What is open for the group now: the draft agenda's sources, to compare with the agenda."""
    item = _get_meeting(request, public_id)
    if not _may_run(request.user, item.group):
        raise PermissionDenied
    items = agenda_rules.open_items(item)
    audit.record_for(request, audit.Action.VIEW, item, description="Open items for the agenda")
    return render(request, "partnership/open_items.html", {"meeting": item, "items": items,
                                                           "draft": agenda_rules.agenda_text(item, items)})


@needs(RUN)
def action_add(request, public_id):
    item = _get_meeting(request, public_id)
    if not _may_run(request.user, item.group):
        raise PermissionDenied
    form = forms.ActionForm(request.POST or None, group=item.group, initial={"status": "open"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        action = PartnershipAction.objects.create(meeting=item, description=d["description"].strip(), owner=d["owner"],
                                                  owner_organisation=d["owner_organisation"], due_on=d["due_on"], status=d["status"])
        audit.record_for(request, audit.Action.CREATE, action, description="Partnership action added")
        messages.success(request, "The action has been added.")
        return redirect("partnership:meeting", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Add an action")
    return render(request, "partnership/action_form.html", {"form": form, "meeting": item, "action": None})


@signed_in
def action_edit(request, public_id):
    action = get_object_or_404(PartnershipAction.objects.for_user(request.user).select_related("meeting__group"), public_id=public_id)
    item = action.meeting
    if not (_may_run(request.user, item.group) or action.owner_id == request.user.id):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.ActionForm(request.POST, group=item.group)
        if form.is_valid():
            d = form.cleaned_data
            records = PartnershipAction.objects.unscoped(CHECKED)
            with transaction.atomic():
                if locking.saved_or_refused(form, records, action.pk, d["version"], initial_for=forms.ActionForm.initial_for):
                    # The action's owner records progress; only the group's coordinators move an
                    # action to another person, agency or date (so its emails go to the right agency).
                    keys = ["description", "owner", "owner_organisation", "due_on", "status"] if _may_run(
                        request.user, item.group) else ["description", "status"]
                    for key in keys:
                        setattr(action, key, d[key])
                    action.completed_on = timezone.localdate() if d["status"] == "done" else None
                    action.version = d["version"] + 1
                    action.save()
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, action, description="Partnership action changed")
                messages.success(request, "The action has been saved.")
                return redirect("partnership:meeting", public_id=item.public_id)
    else:
        form = forms.ActionForm(initial=forms.ActionForm.initial_for(action), group=item.group)
    audit.record_for(request, audit.Action.VIEW, action, description="Change action")
    return render(request, "partnership/action_form.html", {"form": form, "meeting": item, "action": action})


@needs(RUN)
@require_POST
def send_actions(request, public_id):
    item = _get_meeting(request, public_id)
    if not _may_run(request.user, item.group):
        raise PermissionDenied
    results = action_rules.send_actions(item)
    sent = [r for r in results if r.to]
    missing = [r.organisation.name for r in results if not r.to]
    audit.record_for(request, audit.Action.CHANGE, item, description=f"Actions sent to {len(sent)} agencies")
    if sent:
        messages.success(request, f"Actions sent to {len(sent)} {'agency' if len(sent) == 1 else 'agencies'}: "
                                  + ", ".join(r.organisation.name for r in sent) + ".")
    if missing:
        messages.warning(request, "Not sent to " + ", ".join(missing) + ": they have no single point of contact. Add one on the group page.")
    if not results:
        messages.warning(request, "There are no open actions to send.")
    return redirect("partnership:meeting", public_id=item.public_id)


@signed_in
def my_actions(request):
    today = timezone.localdate()
    items = list(PartnershipAction.objects.for_user(request.user).filter(owner=request.user, status="open")
                 .select_related("meeting__group", "owner_organisation").order_by("due_on"))
    audit.record(request, audit.Action.VIEW, record_type="partnership actions", description=f"{len(items)} own actions")
    return render(request, "partnership/my_actions.html", {"items": items, "today": today})
