"""Every PDF Clearsight makes is tagged for assistive technology (PDF/UA-1, made by core.pdf): the
NRM referral or Duty to Notify answers, the subject access export and the Modern Slavery Statement
each have a structure tree with their headings and tables, their language, and their title in the
metadata, shown as the window title."""

import pytest
from django.urls import reverse

from clearsight.concerns.models import StatutoryReferral
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import make_case, make_user
from ..pdf_checks import assert_tagged, structure
from .matrix_statements import make_statement

pytestmark = pytest.mark.django_db


def test_the_nrm_referral(client, sign_in, anytown):
    first_responder = make_user(anytown, Role.FIRST_RESPONDER, Role.STAFF)
    concern = make_concern(first_responder, people=[("Alex Smith", "adult")])
    triage(concern, first_responder)
    referral = StatutoryReferral.objects.get(action__concern=concern)
    sign_in(client, first_responder)
    response = client.get(reverse("concerns:referral-pdf", kwargs={"public_id": referral.public_id}))
    reader = assert_tagged(response.content, title=f"NRM referral for concern {concern.reference}")
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= structure(reader)
    assert reader.outline[0].title == reader.metadata.title


def test_the_subject_access_export(client, sign_in, anytown):
    caseworker = make_user(anytown, Role.CASEWORKER)
    case = make_case(anytown, caseworker)
    sign_in(client, caseworker)
    response = client.get(reverse("cases:subject-access-export", args=[case.person.public_id]))
    reader = assert_tagged(response.content, title="Subject access export")
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= structure(reader)


def test_the_modern_slavery_statement(client, sign_in, anytown):
    owner = make_user(anytown, Role.STATEMENT_OWNER)
    statement = make_statement(anytown, owner)
    sign_in(client, owner)
    response = client.get(reverse("statements:download", kwargs={"public_id": statement.public_id, "fmt": "pdf"}))
    reader = assert_tagged(response.content, title=statement.title)
    assert reader.metadata.subject == "Modern Slavery Statement"
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI"} <= structure(reader)
