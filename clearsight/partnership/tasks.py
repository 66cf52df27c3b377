"""Background work for partnership agreements, run by the django-tasks worker."""

from django.conf import settings
from django_tasks import task

from clearsight.core import email

SUBJECTS = {
    "proposed": "Information sharing agreement waiting for your organisation's acceptance: {title}",
    "in_force": "Information sharing agreement now in force: {title}",
    "suspended": "Information sharing agreement suspended: {title}",
    "resumed": "Information sharing agreement resumed: {title}",
    "ended": "Information sharing agreement ended: {title}",
}

OPENINGS = {
    "proposed": "New terms have been proposed for an information sharing agreement your organisation is a party to. "
                "Nothing is shared under these terms until an authorised signatory of every party has accepted them.",
    "in_force": "Every party has accepted the terms of this information sharing agreement. They are now in force.",
    "suspended": "A party has suspended this information sharing agreement. Nothing is shared under it until that "
                 "party lifts the suspension.",
    "resumed": "The suspension of this information sharing agreement has been lifted. Sharing under the terms in "
               "force has resumed.",
    "ended": "This information sharing agreement has been ended. Nothing is shared under it any more.",
}


def signatories(organisation_ids):
    """Active users who sign agreements for any of the organisations."""
    from clearsight.core.models import Membership
    from clearsight.core.roles import ROLES, Capability

    roles = [r.value for r, info in ROLES.items() if Capability.SIGN_AGREEMENTS in info.capabilities]
    return (Membership.objects.filter(organisation_id__in=organisation_ids, role__in=roles, user__is_active=True,
                                      organisation__is_active=True)
            .select_related("user").order_by("user__email"))


@task()
def email_agreement_signatories(agreement_id: int, event: str, party_ids: list):
    """Tell each party's signatories what happened to an agreement. The email names the agreement
    and the event only (no personal data), with a link to sign in and read it."""
    from .models import InformationSharingAgreement

    agreement = InformationSharingAgreement.objects.unscoped("emailing the signatories of the parties").get(pk=agreement_id)
    organisation_of = {}
    for membership in signatories(party_ids):
        organisation_of.setdefault(membership.user.email, membership.organisation)
    recipients = sorted(organisation_of)
    if not recipients:
        return 0
    link = f"{settings.SITE_URL}/partnership/agreements/{agreement.public_id}/"
    body = (f"{OPENINGS[event]}\n\nAgreement: {agreement.title}\n\n"
            f"Sign in to Clearsight to read it and see which parties have accepted it:\n{link}\n\n"
            "You are getting this email because you are an authorised signatory of information sharing agreements "
            "for your organisation.")
    # One email each: signatories of one organisation do not learn the others' addresses.
    # The key is the agreement, the event and when the agreement last changed: run again, it sends nothing more.
    key = email.message_key("agreement", agreement.public_id, event, agreement.updated_at.isoformat())
    subject = SUBJECTS[event].format(title=agreement.title)
    return len([email.queue(key, to, subject, body, organisation=organisation_of[to]) for to in recipients])
