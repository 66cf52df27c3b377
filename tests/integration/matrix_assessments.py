"""URL matrix entries for supplier assessments and action plans (see test_url_matrix.py).

The council's pages are for procurement officers and contract managers of the supplier's
organisation. The supplier's pages are public: the token in the link is the key, so each request
in the matrix gets a fresh, valid link (``_link``)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from clearsight.core.roles import Capability

from ..factories import OrganisationFactory, SupplierFactory
from .matrix_support import Expect, roles_with

ASSESSORS = roles_with(Capability.ASSESS_SUPPLIERS)


def _supplier(organisation):
    return SupplierFactory(organisation=organisation, name=f"Assessed Supplier {uuid.uuid4().hex[:6]}")


def _assessment(organisation, status="sent", token=None):
    from clearsight.assessments.models import Assessment, hash_token

    return Assessment.objects.create(
        organisation=organisation, supplier=_supplier(organisation), questionnaire="short-2026",
        recipient_email="supplier@example.com", token_hash=hash_token(token or uuid.uuid4().hex), status=status,
        link_expires_at=timezone.now() + timedelta(days=30), submitted_at=timezone.now() if status == "submitted" else None)


def _evidence(organisation):
    from clearsight.assessments.models import EvidenceFile

    stored_name = f"{uuid.uuid4().hex}.pdf"
    folder = settings.PRIVATE_FILES_ROOT / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(b"%PDF-1.4 matrix test file")
    return EvidenceFile.objects.create(organisation=organisation, assessment=_assessment(organisation, "submitted"),
                                       question="policy_written", stored_name=stored_name, original_name="policy.pdf",
                                       content_type="application/pdf", size=25)


def _plan(organisation):
    from clearsight.assessments.models import ActionPlan

    assessment = _assessment(organisation, "reviewed")
    return ActionPlan.objects.create(organisation=organisation, supplier=assessment.supplier, assessment=assessment)


def _action(organisation, owner):
    from clearsight.assessments.models import Action

    return Action.objects.create(plan=_plan(organisation), description="Adopt a policy", owner=owner,
                                 due_on=timezone.localdate() + timedelta(days=30))


def _link(status="sent", **extra):
    """URL arguments for a fresh link of its own council (the supplier's pages need no sign-in)."""

    def make(record):
        organisation = OrganisationFactory(name=f"Linked Council {uuid.uuid4().hex[:8]}", kind="council", is_first_responder=False)
        token = f"matrix-{uuid.uuid4().hex}"
        _assessment(organisation, status, token)
        return {"token": token, **extra}

    return make


EXPECTATIONS = {
    "assessments:list": Expect(roles=ASSESSORS),
    "assessments:send": Expect(roles=ASSESSORS, record="supplier"),
    "assessments:assessment": Expect(roles=ASSESSORS, record="assessment"),
    "assessments:revoke": Expect(roles=ASSESSORS, record="assessment"),
    "assessments:evidence": Expect(roles=ASSESSORS, record="assessment_evidence"),
    "assessments:plan": Expect(roles=ASSESSORS, record="action_plan"),
    "assessments:action-add": Expect(roles=ASSESSORS, record="action_plan"),
    "assessments:plan-escalate": Expect(roles=ASSESSORS, record="action_plan"),
    "assessments:plan-close": Expect(roles=ASSESSORS, record="action_plan"),
    "assessments:action": Expect(roles=ASSESSORS, record="action_plan_action"),
    # The supplier's pages: anyone holding a valid link, signed in or not.
    "assessments:supplier-start": Expect(public=True, kwargs=_link()),
    "assessments:supplier-question": Expect(public=True, kwargs=_link(question="policy_written")),
    "assessments:supplier-check": Expect(public=True, kwargs=_link()),
    "assessments:supplier-sent": Expect(public=True, kwargs=_link("submitted")),
    "assessments:supplier-evidence-remove": Expect(public=True, kwargs=_link(evidence_id=uuid.uuid4()),
                                                   special={"anonymous": 405, "signed_in": 405}),
}

RECORDS = {
    "assessment": lambda w, user: (_assessment(w["anytown_person"].primary_organisation),
                                   _assessment(w["bexford_person"].primary_organisation)),
    "assessment_evidence": lambda w, user: (_evidence(w["anytown_person"].primary_organisation),
                                            _evidence(w["bexford_person"].primary_organisation)),
    "action_plan": lambda w, user: (_plan(w["anytown_person"].primary_organisation),
                                    _plan(w["bexford_person"].primary_organisation)),
    "action_plan_action": lambda w, user: (_action(w["anytown_person"].primary_organisation, w["anytown_person"]),
                                           _action(w["bexford_person"].primary_organisation, w["bexford_person"])),
}
