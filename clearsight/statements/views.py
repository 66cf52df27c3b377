"""Statement builder pages: the list, creating a statement, its task list, text sections, sign-off,
preview, versions and downloads, approval, and the registry summary.

Statement owners (WRITE_STATEMENT) write and approve; anyone who views the action plan
(VIEW_ACTION_PLAN: auditors, board members, partnership coordinators) may read statements and
download approved versions. Statements hold no personal data, but every view, change and export is
audited as the brief for the assurance context asks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearsight.core import audit, locking
from clearsight.core.dates import long_date
from clearsight.core.exports import download
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs

from . import assemble, exports, rules, services
from .forms import ApproveForm, DetailsForm, RegistryForm, SectionForm, SignOffForm, VersionForm
from .models import RegistrySummary, Section, Signatory, Statement

READ = (Capability.VIEW_ACTION_PLAN, Capability.WRITE_STATEMENT)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _write_org_ids(user):
    return user.organisation_ids_with(Capability.WRITE_STATEMENT)


def _get(request, public_id):
    return get_object_or_404(Statement.objects.for_user(request.user).select_related(
        "organisation", "plan", "reviewed_plan"), public_id=public_id)


def _writable(request, public_id):
    statement = _get(request, public_id)
    if statement.organisation_id not in _write_org_ids(request.user):
        raise PermissionDenied
    return statement


def _frozen(request, statement):
    messages.info(request, f"This statement was approved on {long_date(statement.approved_on)}, so it can no "
                           f"longer be changed.")
    return redirect("statements:statement", public_id=statement.public_id)


def _approved_version(statement):
    return statement.versions.filter(approved=True).order_by("-number").first()


def _document(statement):
    """What the statement says: the approved version once approved (it never changes), else the
    draft as it reads now."""
    if statement.is_frozen:
        version = _approved_version(statement)
        if version is not None:
            return version.content["document"]
    return assemble.assemble(statement)


def _download(document, fmt, suffix=""):
    if fmt not in CONTENT_TYPES:
        raise Http404
    content = exports.to_docx(document) if fmt == "docx" else exports.to_pdf(document)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(document, suffix)}.{fmt}"'
    return response


# --- List and create ---------------------------------------------------------------------------


@needs(*READ)
def statement_list(request):
    statements = list(Statement.objects.for_user(request.user).select_related("organisation", "plan"))
    audit.record(request, audit.Action.VIEW, record_type="statements", description=f"Statements list: {len(statements)} shown")
    writable = _write_org_ids(request.user)
    return render(request, "statements/list.html", {
        "drafts": [s for s in statements if not s.is_frozen],
        "approved": [s for s in statements if s.is_frozen],
        "can_create": bool(writable),
    })


def _plans(request):
    from clearsight.actionplan.api import PlanYear

    return list(PlanYear.objects.for_user(request.user).filter(organisation_id__in=_write_org_ids(request.user))
                .select_related("organisation").order_by("organisation__name", "-starts_on"))


@needs(Capability.WRITE_STATEMENT)
def create(request):
    plans = _plans(request)
    initial = {"version": 0}
    if plans:
        plan = next((p for p in plans if p.status == p.Status.OPEN), plans[0])
        reviewed = plan.previous if plan.previous_id and plan.previous in plans else None
        initial.update({"plan": str(plan.public_id), "reviewed_plan": str(reviewed.public_id) if reviewed else ""},
                       **rules.default_periods(plan, reviewed))
    form = DetailsForm(request.POST or None, initial=initial, plans=plans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = data["plan"]
        statement = services.create_statement(
            organisation=plan.organisation, title=data["title"].strip() or rules.default_title(plan.organisation, plan),
            plan=plan, reviewed_plan=data["reviewed_plan"], covers_from=data["covers_from"], covers_to=data["covers_to"],
            figures_from=data["figures_from"], figures_to=data["figures_to"], user=request.user)
        audit.record_for(request, audit.Action.CREATE, statement, description="Statement started")
        messages.success(request, "The statement has been started.")
        return redirect("statements:statement", public_id=statement.public_id)
    return render(request, "statements/details_form.html", {"form": form, "item": None, "plans": plans})


# --- The task list -----------------------------------------------------------------------------


@needs(*READ)
def statement(request, public_id):
    item = _get(request, public_id)
    can_write = item.organisation_id in _write_org_ids(request.user)
    tasks = rules.tasks(item)
    audit.record_for(request, audit.Action.VIEW, item, description="Statement task list")
    return render(request, "statements/statement.html", {
        "item": item, "tasks": tasks, "completed": rules.completed_count(tasks), "can_write": can_write,
        "editable": can_write and rules.is_editable(item),
        "blockers": rules.approval_blockers(item, tasks) if can_write and not item.is_frozen else [],
        "approved_version": _approved_version(item), "latest": item.versions.first(),
        "can_start_next": can_write and item.is_frozen and services.next_plan(item.plan) is not None,
    })


# --- Editing -----------------------------------------------------------------------------------


@needs(Capability.WRITE_STATEMENT)
def details(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    plans = [p for p in _plans(request) if p.organisation_id == item.organisation_id]
    form = DetailsForm(request.POST or None, initial=DetailsForm.initial_for(item), plans=plans)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        updated = locking.save_if_unchanged(
            Statement.objects.for_user(request.user).filter(status=Statement.Status.DRAFT), item.pk, data["version"],
            title=data["title"].strip() or rules.default_title(item.organisation, data["plan"]),
            plan=data["plan"], reviewed_plan=data["reviewed_plan"], covers_from=data["covers_from"],
            covers_to=data["covers_to"], figures_from=data["figures_from"], figures_to=data["figures_to"])
        if updated:
            audit.record_for(request, audit.Action.CHANGE, item, description="Statement title, plans or periods changed")
            messages.success(request, "The statement’s details have been saved.")
            return redirect("statements:statement", public_id=item.public_id)
        conflict = True
        item.refresh_from_db()
        # Merged with the statement as saved now (core.locking): what only the other person changed is
        # shown, what both changed keeps this person's answer and says at the field what is saved now.
        locking.add_conflict_error(form, item.version, DetailsForm.initial_for(item))
    audit.record_for(request, audit.Action.VIEW, item, description="Statement details form" + (": conflict shown" if conflict else ""))
    return render(request, "statements/details_form.html", {"form": form, "item": item, "plans": plans})


def _section_page(request, item, section):
    custom = section is None or section.kind == Section.Key.CUSTOM
    form = SectionForm(request.POST or None, initial=SectionForm.initial_for(section), custom=custom)
    conflict, saved_text = False, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"text": data["text"].strip(), "completed": data["completed"] == "yes"}
        if custom:
            fields["title"] = data["title"].strip()
        try:
            if section is None:
                section, saved = services.add_section(item, fields, request.user), True
            else:
                saved = services.save_section(item, section, fields, data["version"], request.user)
        except services.Frozen:
            item.refresh_from_db()
            return _frozen(request, item)
        if saved:
            audit.record_for(request, audit.Action.CHANGE, item, description=f"Statement section saved: {section.title}")
            messages.success(request, f"‘{section.title}’ has been saved.")
            return redirect("statements:statement", public_id=item.public_id)
        conflict = True
        section.refresh_from_db()
        # Merged with the section as saved now (core.locking). Text both rewrote keeps this person's, and
        # the field says what is saved now; the saved text is shown in full below the form as well.
        locking.add_conflict_error(form, section.version, SectionForm.initial_for(section))
        if "text" in form.errors:
            saved_text = section.text
    audit.record_for(request, audit.Action.VIEW, item, description="Statement section form"
                     + (f": {section.title}" if section else ": new section") + (": conflict shown" if conflict else ""))
    return render(request, "statements/section_form.html", {
        "form": form, "item": item, "section": section, "custom": custom, "conflict": conflict,
        "saved_text": saved_text})


@needs(Capability.WRITE_STATEMENT)
def section(request, public_id, key):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    return _section_page(request, item, get_object_or_404(item.sections, key=key))


@needs(Capability.WRITE_STATEMENT)
def section_add(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    return _section_page(request, item, None)


@needs(Capability.WRITE_STATEMENT)
def section_remove(request, public_id, key):
    """A separate "are you sure" page, then the section is removed."""
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    section = get_object_or_404(item.sections, key=key, kind=Section.Key.CUSTOM)
    if request.method != "POST":
        audit.record_for(request, audit.Action.VIEW, item, description="Remove a statement section: are you sure")
        return render(request, "statements/section_remove.html", {"item": item, "section": section})
    try:
        services.remove_section(item, section)
    except services.Frozen:
        item.refresh_from_db()
        return _frozen(request, item)
    audit.record_for(request, audit.Action.CHANGE, item, description=f"Statement section removed: {section.title}")
    messages.success(request, f"‘{section.title}’ has been removed.")
    return redirect("statements:statement", public_id=item.public_id)


@needs(Capability.WRITE_STATEMENT)
def sign_off(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    form = SignOffForm(request.POST or None, initial=SignOffForm.initial_for(item))
    conflict = False
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            updated = locking.save_if_unchanged(Statement.objects.for_user(request.user).filter(status=Statement.Status.DRAFT),
                                                item.pk, form.cleaned_data["version"])
            if updated:
                item.signatories.all().delete()
                Signatory.objects.bulk_create([Signatory(statement=item, name=n, role=r, position=i)
                                               for i, (n, r) in enumerate(form.cleaned_data["people"])])
        if updated:
            audit.record_for(request, audit.Action.CHANGE, item, description="Statement sign-off people changed")
            messages.success(request, "The sign-off has been saved.")
            return redirect("statements:statement", public_id=item.public_id)
        conflict = True
        item.refresh_from_db()
        # Merged with the people saved now (core.locking), person by person.
        locking.add_conflict_error(form, item.version, SignOffForm.initial_for(item))
    audit.record_for(request, audit.Action.VIEW, item, description="Statement sign-off form" + (": conflict shown" if conflict else ""))
    return render(request, "statements/sign_off_form.html", {"form": form, "item": item})


# --- Preview, versions and downloads -----------------------------------------------------------


@needs(*READ)
def preview(request, public_id):
    item = _get(request, public_id)
    document = _document(item)
    audit.record_for(request, audit.Action.VIEW, item, description="Statement preview")
    return render(request, "statements/preview.html", {
        "item": item, "document": document, "blocks": document["blocks"][1:],
        "can_write": item.organisation_id in _write_org_ids(request.user)})


@needs(Capability.WRITE_STATEMENT)
def draft_download(request, public_id, fmt):
    item = _writable(request, public_id)
    document = _document(item)
    response = _download(document, fmt, "" if item.is_frozen else "-draft")
    audit.record_for(request, audit.Action.EXPORT, item, description=f"Statement downloaded as {fmt.upper()}")
    return response


def _visible_versions(request, item):
    versions = item.versions.select_related("created_by")
    if item.organisation_id not in _write_org_ids(request.user):
        versions = versions.filter(approved=True)  # readers see approved versions only
    return versions


@needs(*READ)
def versions(request, public_id):
    item = _get(request, public_id)
    rows = list(_visible_versions(request, item))
    audit.record_for(request, audit.Action.VIEW, item, description=f"Statement versions: {len(rows)} shown")
    return render(request, "statements/versions.html", {
        "item": item, "versions": rows, "can_write": item.organisation_id in _write_org_ids(request.user)})


@needs(Capability.WRITE_STATEMENT)
def version_save(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = services.save_version(item, request.user, note=form.cleaned_data["note"].strip())
        audit.record_for(request, audit.Action.CHANGE, item, description=f"Statement version {version.number} saved")
        messages.success(request, f"Version {version.number} has been saved.")
        return redirect("statements:versions", public_id=item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Save a statement version")
    return render(request, "statements/version_form.html", {"form": form, "item": item,
                                                            "next_number": item.versions.count() + 1})


@needs(*READ)
def version_download(request, public_id, number, fmt):
    item = _get(request, public_id)
    version = get_object_or_404(_visible_versions(request, item), number=number)
    response = _download(version.content["document"], fmt, f"-version-{version.number}")
    audit.record_for(request, audit.Action.EXPORT, item, description=f"Statement version {number} downloaded as {fmt.upper()}")
    return response


# --- Approval ----------------------------------------------------------------------------------


APPROVAL_CONFLICT = ("Someone else changed this statement while you were approving it. It has not been approved. "
                     "Preview it again, then approve it.")


@needs(Capability.WRITE_STATEMENT)
def approve(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        return _frozen(request, item)
    blockers = rules.approval_blockers(item)
    form = ApproveForm(request.POST or None, initial={"version": item.version, "approved_on": timezone.localdate()})
    confirm, conflict = False, False
    if request.method == "POST" and not blockers and form.is_valid():
        data = form.cleaned_data
        if data["version"] != item.version:
            conflict = True
        elif request.POST.get("confirm") == "yes":
            try:
                version = services.approve(item, request.user, data["approved_on"], data["version"])
            except services.NotReady:  # a task was reopened meanwhile
                version, blockers = None, rules.approval_blockers(item)
            if version is not None:
                audit.record_for(request, audit.Action.CHANGE, item,
                                 description=f"Statement approved (version {version.number})")
                messages.success(request, f"The statement has been approved. Version {version.number} is the approved "
                                          f"statement and can no longer be changed.")
                return redirect("statements:statement", public_id=item.public_id)
            if not blockers:
                conflict = True
            item.refresh_from_db()
        else:
            confirm = True
    if conflict:
        # Nothing to merge (the date is the approver's own): the statement they checked is not the one
        # saved now. Said in the error summary; the form carries the version as it is now.
        form.add_error(None, APPROVAL_CONFLICT)
        form.data = form.data.copy()
        form.data["version"] = str(item.version)
    audit.record_for(request, audit.Action.VIEW, item, description="Approve the statement"
                     + (": check page" if confirm else "") + (": conflict shown" if conflict else ""))
    return render(request, "statements/approve.html", {
        "form": form, "item": item, "blockers": blockers, "confirm": confirm,
        "signatories": list(item.signatories.all()), "current_version": item.version})


@require_POST
@needs(Capability.WRITE_STATEMENT)
def new_draft(request, public_id):
    item = _writable(request, public_id)
    if not item.is_frozen or services.next_plan(item.plan) is None:
        messages.info(request, "A new draft can be started once this statement is approved and the next action plan "
                               "year has been started.")
        return redirect("statements:statement", public_id=item.public_id)
    with transaction.atomic():
        # Two clicks at once (or two people) make one draft: the second waits here, then finds it.
        list(Statement.objects.unscoped("lock the statement being copied, already reached through for_user")
             .select_for_update().filter(pk=item.pk).values_list("pk", flat=True))
        started = Statement.objects.for_user(request.user).filter(started_from=item).first()
        if started is None:
            draft = services.new_draft_from(item, request.user)
    if started is not None:  # a second click, or someone else got there first
        messages.info(request, f"A new draft has already been started from {item.title}.")
        return redirect("statements:statement", public_id=started.public_id)
    audit.record_for(request, audit.Action.CREATE, draft, description="Statement started from the previous one")
    messages.success(request, f"A new draft has been started from {item.title}.")
    return redirect("statements:statement", public_id=draft.public_id)


# --- Registry summary --------------------------------------------------------------------------


@needs(Capability.WRITE_STATEMENT)
def registry(request, public_id):
    item = _writable(request, public_id)
    if item.is_frozen:
        if request.method == "POST":
            return _frozen(request, item)
        # What was approved, from the approved version: never filled again from today's data.
        audit.record_for(request, audit.Action.VIEW, item, description="Registry summary (approved)")
        return render(request, "statements/registry.html", {
            "item": item, "approved_rows": services.approved_registry(item) or []})
    summary = services.registry_summary(item)
    form = RegistryForm(request.POST or None, initial=RegistryForm.initial_for(summary))
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            updated = locking.save_if_unchanged(
                RegistrySummary.objects.filter(statement__status=Statement.Status.DRAFT), summary.pk, data["version"],
                updated_by=request.user, **{key: data[key].strip() for key, _ in RegistrySummary.AREAS})
        if updated:
            audit.record_for(request, audit.Action.CHANGE, item, description="Registry summary saved")
            messages.success(request, "The registry summary has been saved.")
            return redirect("statements:registry", public_id=item.public_id)
        item.refresh_from_db()
        if item.is_frozen:
            return _frozen(request, item)
        conflict = True
        summary.refresh_from_db()
        # Merged with the summary as saved now (core.locking). An area both rewrote keeps this person's
        # words, says at the field what is saved now, and is shown in full below the form as well.
        locking.add_conflict_error(form, summary.version, RegistryForm.initial_for(summary))
    audit.record_for(request, audit.Action.VIEW, item, description="Registry summary" + (": conflict shown" if conflict else ""))
    both = [label for key, label in RegistrySummary.AREAS if key in form.errors] if conflict else []
    return render(request, "statements/registry.html", {
        "form": form, "item": item, "summary": summary,
        "saved_rows": [(label, text) for label, text in summary.rows() if label in both]})


@needs(Capability.WRITE_STATEMENT)
def registry_csv(request, public_id):
    item = _writable(request, public_id)
    summary = services.approved_registry(item) if item.is_frozen else services.registry_summary(item)
    audit.record_for(request, audit.Action.EXPORT, item, description="Registry summary exported as CSV")
    return download(f"{exports.filename({'title': item.title})}-registry-summary", services.REGISTRY_HEADERS,
                    services.registry_rows(item, summary or [], item.approved_on or timezone.localdate()))
