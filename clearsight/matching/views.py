"""The supplier matching review queue: matches the engine was unsure about, for a procurement
officer to confirm or reject. Views are thin; the rules are in reviews.py."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from clearsight.core import audit
from clearsight.core.dates import long_date_time
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs
from clearsight.supply.api import Supplier, supply_data_org_ids

from . import company, resolve, reviews
from . import same_as as same_as_rules
from .forms import OTHER_NAME, DecisionForm, SameAsForm
from .models import MatchingRun, MatchReview


def _kind_label(review):
    kind = reviews.KINDS.get(review.kind)
    return kind.label if kind else review.kind


@needs(Capability.MANAGE_SUPPLY_DATA)
def queue(request):
    pending, later = reviews.asked_now_and_later(
        MatchReview.objects.for_user(request.user).filter(status=MatchReview.Status.PENDING))
    pending = pending.select_related("organisation").order_by("suggests_none", "-probability", "created_at")
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    none_suggested = pending.filter(suggests_none=True).count()
    rows = [{"review": r, "kind": _kind_label(r), "likelihood": reviews.likelihood(r.probability),
             "percent": reviews.percent(r.probability), "others": len(reviews.candidates_of(r)) - 1} for r in page]
    audit.record(request, audit.Action.VIEW, record_type="supplier match queue",
                 description=f"Supplier matches to review: {page.paginator.count} waiting")
    several = len({r["review"].organisation_id for r in rows}) > 1
    runs = [] if rows else resolve.run_sentences(MatchingRun.objects.for_user(request.user)
                                                 .select_related("organisation").order_by("organisation__name", "source"))
    several = several or len({organisation for *_, organisation in runs}) > 1
    return render(request, "matching/queue.html", {"page": page, "rows": rows, "count": page.paginator.count,
                                                   "none_suggested": none_suggested, "later": later.count(),
                                                   "several_organisations": several, "runs": runs})


def _shown(item):
    """The review's candidates as the page shows them: most likely first, with the likelihood in words."""
    return [{**c, "position": i, "likelihood": reviews.likelihood(c["probability"]),
             "percent": reviews.percent(c["probability"])} for i, c in enumerate(reviews.candidates_of(item), start=1)]


def _names(candidates):
    names = [f"“{c['record'].get('name', '')}”" for c in candidates]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def review(request, public_id):
    item = get_object_or_404(MatchReview.objects.for_user(request.user).select_related("organisation", "decided_by"),
                             public_id=public_id)
    kind = reviews.KINDS.get(item.kind)
    candidates = _shown(item)
    subject = item.left.get("name", "")
    other_company = item.kind == "company" and item.subject_supplier_id is not None
    form = DecisionForm(request.POST or None, initial={"version": item.version}, subject=subject, candidates=candidates,
                        suggests_none=item.suggests_none, other_company=other_company)
    conflict = False
    if request.method == "POST" and item.status == MatchReview.Status.PENDING and form.is_valid():
        choice, number = form.chosen(), form.other_number()
        try:
            item = reviews.decide(item, choice=choice, user=request.user, version=form.cleaned_data["version"],
                                  other=company.entered_company(number) if number else None)
        except reviews.AlreadyDecided as decided:
            item, conflict = decided.review, True
            candidates = _shown(item)
            if item.status == MatchReview.Status.PENDING:  # changed meanwhile: deciding again, after a look, is allowed
                data = request.POST.copy()
                data["version"] = item.version
                # The choice is a position among the candidates, which may have been ranked again
                # (reviews.refresh_review): the person chooses again from the list as it is now.
                data.pop("choice", None)
                form = DecisionForm(data, subject=subject, candidates=candidates, suggests_none=item.suggests_none,
                                    other_company=other_company)
                form.is_valid()
                form.errors.pop("choice", None)
            form.add_error(None, _already_decided(item))
        except reviews.CandidateGone as gone:
            form.add_error("choice", str(gone))
        except reviews.NumberSetMeanwhile as meanwhile:
            item.refresh_from_db()  # the decision was undone
            form.add_error(None, str(meanwhile))
        else:
            chosen = reviews.candidates_of(item)[item.chosen] if item.chosen is not None else None
            audit.record(request, audit.Action.CHANGE, record_type=item._meta.verbose_name, record_id=item.public_id,
                         description=_decision_description(item, chosen, len(candidates)))
            shared = _shared_number(request, item)
            said = _decision_message(subject, chosen, candidates)
            messages.success(request, f"{said.rstrip('.')}. {shared}" if shared else said)
            return redirect("matching:queue")
    elif request.method == "POST" and item.status != MatchReview.Status.PENDING:
        form.is_valid()
        conflict = True
        form.add_error(None, _already_decided(item))
    # A supplier new in an import may also wait to be confirmed as one the organisation has: asked
    # first, as a yes there makes this question unnecessary (reviews.merge_suppliers ends it).
    first_question = MatchReview.objects.for_user(request.user).filter(
        kind="supplier", status=MatchReview.Status.PENDING, subject_supplier_id=item.subject_supplier_id).first() \
        if item.kind == "company" and item.subject_supplier_id and item.status == MatchReview.Status.PENDING else None
    audit.record(request, audit.Action.VIEW, record_type=item._meta.verbose_name, record_id=item.public_id,
                 description=f"Supplier match viewed ({item.kind}, {item.get_status_display().lower()})")
    meanwhile = reviews.number_set_meanwhile(item, lock=False) if item.status == MatchReview.Status.PENDING else ""
    consequence = (kind.consequence if kind else reviews.Kind.consequence).format(
        subject=subject, chosen=f"“{candidates[0]['record'].get('name', '')}”" if len(candidates) == 1
        else "one of these organisations")
    return render(request, "matching/review.html", {
        "meanwhile": meanwhile, "consequence": consequence,
        "item": item, "kind": kind, "form": form, "candidates": candidates, "subject": subject,
        "found": sum(not c.get("entered") for c in candidates),  # the ones Clearsight found, not one entered
        "first_question": first_question,
        "none_suggested": item.suggests_none and item.status == MatchReview.Status.PENDING,
        "chosen": candidates[item.chosen] if item.chosen is not None and item.chosen < len(candidates) else None,
    }, status=409 if conflict else 200)


def _decision_description(item, chosen, shown: int) -> str:
    if chosen is None:
        return f"Supplier match rejected: none of {shown} candidates ({item.kind})"
    if chosen.get("entered"):
        return f"Supplier match confirmed: another company, entered by its number {chosen.get('ref', '')}, not one " \
               f"of {shown} candidates ({item.kind})"
    return f"Supplier match confirmed: candidate {item.chosen + 1} of {shown} ({item.kind})"


def _decision_message(subject, chosen, candidates) -> str:
    if chosen is None:
        return f"{subject} was kept separate from {_names(candidates)}"
    if chosen.get("entered") and chosen.get("entry") is None:
        return (f"{subject} was given the company number {chosen['ref']}. No loaded company register holds it, so "
                "check it on the company's Companies House record.")
    name = chosen["record"].get("name", "")
    return f"{subject} was matched to {name} ({chosen['ref']})" if chosen.get("entered") else \
        f"{subject} was matched to {name}"


def _shared_number(request, item) -> str:
    """A sentence saying which other suppliers have the company number a register question just gave
    its supplier (one organisation recorded twice splits its spend and checks), or ""."""
    if item.kind != "company" or item.status != MatchReview.Status.CONFIRMED or not item.subject_supplier_id:
        return ""
    supplier = Supplier.objects.for_user(request.user).filter(pk=item.subject_supplier_id).first()
    if supplier is None or not supplier.company_number:
        return ""
    others = list(Supplier.objects.for_user(request.user).filter(
        organisation_id=supplier.organisation_id, company_number=supplier.company_number).exclude(pk=supplier.pk)
        .values_list("name", flat=True)[:3])
    if not others:
        return ""
    return (f"{_names([{'record': {'name': name}} for name in others])} "
            f"{'has' if len(others) == 1 else 'have'} this company number too: if they are one organisation, say so "
            f"on {supplier.name}'s page.")


def _already_decided(item):
    if item.status == MatchReview.Status.PENDING:
        return "This match changed while you were looking at it. Check it again and then decide."
    if item.status == MatchReview.Status.WITHDRAWN:
        return f"This question is no longer needed. {item.withdrawn_because}"
    who = str(item.decided_by) if item.decided_by else "someone else"
    when = long_date_time(item.decided_at)
    outcome = "confirmed" if item.status == MatchReview.Status.CONFIRMED else "rejected"
    return f"This match has already been {outcome} by {who}{' on ' + when if when else ''}. It cannot be decided again."


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def not_this_company(request, public_id):
    """Say the company number matching gave a supplier is not its company: a confirmation page, then
    the number is removed and the pair never proposed again (company.not_this_company)."""
    supplier = get_object_or_404(Supplier.objects.for_user(request.user).select_related("organisation"),
                                 public_id=public_id, organisation_id__in=supply_data_org_ids(request.user))
    source = company.number_source(supplier)
    back = redirect("supply:supplier", public_id=supplier.public_id)
    if source is None:
        messages.info(request, company.nothing_to_undo(supplier))
        return back
    conflict = False
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            company.not_this_company(supplier, user=request.user, version=version)
        except company.NumberChanged:
            conflict = True
            supplier.refresh_from_db()
            source = company.number_source(supplier)
            if source is None:
                messages.info(request, f"{supplier.name}'s company number was changed while you were looking at it, "
                                       "so it was not removed. Check it below.")
                return back
        else:
            audit.record_for(request, audit.Action.CHANGE, supplier,
                             description=f"Company number removed: not this company ({source.get_method_display().lower()})")
            named = source.entry.name if source.entry else f"company number {source.company_number}"
            messages.success(request, f"The company number was removed from {supplier.name}. Clearsight will not "
                                      f"suggest {named} for it again.")
            return back
    audit.record_for(request, audit.Action.VIEW, supplier, description="Company number and where it came from")
    return render(request, "matching/not_this_company.html", {
        "supplier": supplier, "source": source, "origin": company.origin_text(source), "conflict": conflict,
    }, status=409 if conflict else 200)


def _versions(request):
    try:
        return int(request.POST.get("version", "")), int(request.POST.get("other_version", ""))
    except ValueError:
        return -1, -1


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def same_as(request, public_id):
    """Say a supplier is the same organisation as another of its organisation's suppliers: choose it,
    check what happens, and they are merged (same_as.merge_as_same). Puts right a "different
    organisations" answered by mistake, or one company recorded twice."""
    suppliers = Supplier.objects.for_user(request.user).select_related("organisation").filter(
        organisation_id__in=supply_data_org_ids(request.user))
    supplier = get_object_or_404(suppliers, public_id=public_id)
    offered = same_as_rules.suggestions(supplier)
    form = SameAsForm(request.POST if request.POST.get("step") == "choose" else None, subject=supplier.name,
                      offered=offered, find=lambda name: same_as_rules.find_by_name(supplier, name))
    other, conflict, gone = None, False, False
    if request.method == "POST" and request.POST.get("step") == "confirm":
        other = suppliers.filter(organisation=supplier.organisation, public_id=request.POST.get("other_id") or None) \
            .exclude(pk=supplier.pk).first() if _is_uuid(request.POST.get("other_id")) else None
        gone = other is None  # merged or removed since it was chosen (another tab, or a colleague)
        if other is not None:
            try:
                same_as_rules.merge_as_same(supplier, other, user=request.user, versions=_versions(request))
            except same_as_rules.Changed:
                conflict = True
                supplier.refresh_from_db()
                other.refresh_from_db()
            else:
                audit.record_for(request, audit.Action.CHANGE, other,
                                 description="Supplier merged: another supplier record found to be the same organisation")
                audit.record(request, audit.Action.DELETE, record_type=Supplier._meta.verbose_name,
                             record_id=supplier.public_id, description="Supplier merged into another: the same organisation")
                messages.success(request, f"{supplier.name} and {other.name} are now one supplier, {other.name}. "
                                          f"“{supplier.name}” is kept as another name it goes by.")
                return redirect("supply:supplier", public_id=other.public_id)
    elif request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("supplier") if form.cleaned_data["other"] == OTHER_NAME else \
            next((s for s, _ in offered if str(s.public_id) == form.cleaned_data["other"]), None)
        other = chosen
    audit.record_for(request, audit.Action.VIEW, supplier, description="Suppliers that may be the same organisation")
    return render(request, "matching/same_as.html", {
        "supplier": supplier, "form": form, "other": other, "conflict": conflict, "offered": offered, "gone": gone,
    }, status=409 if conflict or gone else 200)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
