"""Forms for the partnership pages. Each field is shown with ``{% govuk_field %}``."""

from django import forms

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField
from clearsight.core.models import Membership, Organisation, User

from . import sharing
from .models import InformationSharingAgreement, Meeting, PartnershipAction, PartnershipGroup

class VersionedForm(locking.StartingValues, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _org_choices():
    return [(str(o.public_id), o.name) for o in Organisation.objects.filter(is_active=True).order_by("name")]


class GroupForm(VersionedForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the group's name"})
    kind = forms.ChoiceField(label="Type of group", widget=forms.RadioSelect, choices=PartnershipGroup.Kind.choices,
                             error_messages={"required": "Select the type of group"})
    organisation = forms.ChoiceField(label="Which organisation runs the group?",
                                     error_messages={"required": "Select the organisation that runs the group"})
    members = forms.MultipleChoiceField(label="Member organisations", widget=forms.CheckboxSelectMultiple,
                                        help_text="Select every agency that sits on the group.",
                                        error_messages={"required": "Select the member organisations"})
    meeting_frequency = forms.ChoiceField(label="How often does it meet?", widget=forms.RadioSelect,
                                          choices=PartnershipGroup.Frequency.choices,
                                          error_messages={"required": "Select how often the group meets"})
    terms_of_reference = forms.CharField(label="Terms of reference", required=False, max_length=10000,
                                         widget=forms.Textarea(attrs={"rows": 8}),
                                         help_text="Its purpose, who chairs it, decisions it may make and what it reports to whom.")

    def __init__(self, *args, running_orgs, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.orgs = {str(o.public_id): o for o in Organisation.objects.filter(is_active=True).order_by("name")}
        self.fields["members"].choices = [(k, o.name) for k, o in self.orgs.items()]
        runners = [o for o in self.orgs.values() if o.id in running_orgs] or []
        if group is not None and group.organisation not in runners:
            runners.append(group.organisation)
        self.fields["organisation"].choices = [(str(o.public_id), o.name) for o in runners]
        self.fields["organisation"].widget = forms.RadioSelect()
        self.fields["organisation"].widget.choices = self.fields["organisation"].choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = PartnershipGroup.objects.unscoped("checking a group name is unique").filter(name__iexact=name)
        if self.group is not None:
            others = others.exclude(pk=self.group.pk)
        if others.exists():
            raise forms.ValidationError("There is already a group with this name")
        return name

    def clean_organisation(self):
        return self.orgs.get(self.cleaned_data["organisation"]) or Organisation.objects.get(public_id=self.cleaned_data["organisation"])

    def clean_members(self):
        return [self.orgs[k] for k in self.cleaned_data["members"]]

    @staticmethod
    def initial_for(group):
        return {"version": group.version, "name": group.name, "kind": group.kind,
                "organisation": str(group.organisation.public_id),
                "members": [str(m.organisation.public_id) for m in group.members.select_related("organisation")],
                "meeting_frequency": group.meeting_frequency, "terms_of_reference": group.terms_of_reference}


class ContactForm(VersionedForm):
    contact_user = forms.ChoiceField(label="Their single point of contact", required=False,
                                     help_text="Someone from this agency with a Clearsight account.")
    contact_name = forms.CharField(label="Name", max_length=200, required=False)
    contact_email = forms.EmailField(label="Email address", required=False, max_length=254,
                                     error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        user_ids = Membership.objects.filter(organisation=organisation).values("user_id")
        self.users = {str(u.public_id): u for u in User.objects.filter(pk__in=user_ids, is_active=True).order_by("full_name")}
        self.fields["contact_user"].choices = [("", "No account: give a name and email address")] + [
            (k, f"{u.full_name} ({u.email})") for k, u in self.users.items()]

    def clean(self):
        data = super().clean()
        user = self.users.get(data.get("contact_user") or "")
        data["contact_user"] = user
        if user is None:
            if not (data.get("contact_name") or "").strip():
                self.add_error("contact_name", "Enter the contact's name, or choose someone with an account")
            if not data.get("contact_email") and "contact_email" not in self.errors:
                self.add_error("contact_email", "Enter the contact's email address, or choose someone with an account")
        return data


class AgreementForm(VersionedForm):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the agreement's title"})
    parties = forms.MultipleChoiceField(label="Parties", widget=forms.CheckboxSelectMultiple,
                                        help_text="Every organisation that shares under the agreement, your own included. "
                                                  "Nothing is shared until an authorised signatory of each one has "
                                                  "accepted it in Clearsight.",
                                        error_messages={"required": "Select the organisations that are party to the agreement"})
    purpose = forms.CharField(label="Purpose", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "Enter the purpose of the agreement"})
    lawful_basis = forms.CharField(label="Lawful basis", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=InformationSharingAgreement._meta.get_field("lawful_basis").help_text,
                                   error_messages={"required": "Enter the lawful basis for sharing"})
    data_kinds = forms.MultipleChoiceField(label="Kinds of data shared", widget=forms.CheckboxSelectMultiple,
                                           choices=list(sharing.DATA_KINDS.items()),
                                           error_messages={"required": "Select the kinds of data the agreement shares"})
    starts_on = GovUKDateField(label="Start date", what="the start date", help_text="For example, 1 4 2026",
                               error_messages={"required": "Enter the start date"})
    review_on = GovUKDateField(label="Review date", what="the review date", help_text="For example, 1 4 2027",
                               error_messages={"required": "Enter the review date"})
    ends_on = GovUKDateField(label="End date (optional)", what="the end date", required=False,
                             help_text="The last day of sharing. Leave empty if the agreement runs until it is ended.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.orgs = {str(o.public_id): o for o in Organisation.objects.filter(is_active=True).order_by("name")}
        self.fields["parties"].choices = [(k, o.name) for k, o in self.orgs.items()]

    def clean_parties(self):
        parties = [self.orgs[k] for k in self.cleaned_data["parties"]]
        if len(parties) < 2:
            raise forms.ValidationError("Select at least two organisations")
        return parties

    def clean(self):
        data = super().clean()
        starts, review, ends = data.get("starts_on"), data.get("review_on"), data.get("ends_on")
        if starts and review and review < starts:
            self.add_error("review_on", "The review date must be the same as or after the start date")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data

    @staticmethod
    def initial_for(a):
        return {"version": a.version, "title": a.title, "parties": [str(p.public_id) for p in a.parties.all()],
                "purpose": a.purpose, "lawful_basis": a.lawful_basis, "data_kinds": list(a.data_kinds),
                "starts_on": a.starts_on, "review_on": a.review_on, "ends_on": a.ends_on}


class ForOrganisationForm(forms.Form):
    """A form acted on for one of the user's organisations, chosen from ``organisations``."""

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.orgs = {str(o.public_id): o for o in organisations}
        self.fields["organisation"].choices = [(k, o.name) for k, o in self.orgs.items()]

    def clean_organisation(self):
        return self.orgs[self.cleaned_data["organisation"]]


class AcceptForm(ForOrganisationForm):
    version_number = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.ChoiceField(label="Accept for", widget=forms.RadioSelect,
                                     error_messages={"required": "Select the organisation you are accepting for"})
    confirm = forms.BooleanField(
        label="I am authorised to accept these terms for this organisation, and I have read them",
        error_messages={"required": "Confirm that you are authorised to accept these terms and have read them"})


class SuspendForm(ForOrganisationForm):
    organisation = forms.ChoiceField(label="Suspend for", widget=forms.RadioSelect,
                                     error_messages={"required": "Select the organisation you are suspending it for"})
    reason = forms.CharField(label="Why are you suspending it?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="For example, a suspected breach. Every party's signatories are told.",
                             error_messages={"required": "Enter why you are suspending the agreement"})


class EndForm(ForOrganisationForm):
    organisation = forms.ChoiceField(label="End for", widget=forms.RadioSelect,
                                     error_messages={"required": "Select the organisation you are ending it for"})
    confirm = forms.BooleanField(label="I understand that nothing will be shared under this agreement again",
                                 error_messages={"required": "Confirm that you want to end the agreement"})


class MeetingForm(VersionedForm):
    held_on = GovUKDateField(label="Date", what="the date of the meeting", help_text="For example, 27 11 2026",
                             error_messages={"required": "Enter the date of the meeting"})
    location = forms.CharField(label="Where (optional)", max_length=200, required=False,
                               help_text="A room, or ‘Online’.")


class MeetingRecordForm(VersionedForm):
    agenda = forms.CharField(label="Agenda", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 16}))
    decisions = forms.CharField(label="Decisions", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
                                help_text="What the meeting decided, one decision a line. Do not write victims' names.")
    status = forms.ChoiceField(label="Has the meeting taken place?", widget=forms.RadioSelect,
                               choices=[(Meeting.Status.PLANNED, "No, it is planned"), (Meeting.Status.HELD, "Yes, it has been held")],
                               error_messages={"required": "Select whether the meeting has taken place"})


class ActionForm(VersionedForm):
    description = forms.CharField(label="Action", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What must be done. Use concern references, never victims' names.",
                                  error_messages={"required": "Enter what must be done"})
    owner_organisation = forms.ChoiceField(label="Agency", error_messages={"required": "Select the agency that owns the action"})
    owner = forms.ChoiceField(label="Owner (optional)", required=False,
                              help_text="Someone with a Clearsight account at that agency. Overdue actions show on their home page.")
    due_on = GovUKDateField(label="Due date", what="the due date", help_text="For example, 11 12 2026",
                            error_messages={"required": "Enter the due date"})
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, choices=PartnershipAction.Status.choices,
                               initial=PartnershipAction.Status.OPEN, error_messages={"required": "Select the status"})

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members that accepted their invitation: an invited organisation's staff are never listed.
        orgs = sorted({m.organisation for m in group.members.filter(accepted_at__isnull=False).select_related("organisation")}
                      | {group.organisation}, key=lambda o: o.name)
        self.orgs = {str(o.public_id): o for o in orgs}
        self.fields["owner_organisation"].choices = [("", "Select an agency")] + [(k, o.name) for k, o in self.orgs.items()]
        memberships = (Membership.objects.filter(organisation__in=orgs, user__is_active=True)
                       .select_related("user", "organisation").order_by("user__full_name"))
        self.owners = {}
        for m in memberships:
            self.owners.setdefault(str(m.user.public_id), (m.user, set()))[1].add(m.organisation_id)
        self.fields["owner"].choices = [("", "No one yet")] + [
            (k, f"{u.full_name}, {', '.join(sorted(o.name for o in orgs if o.id in ids))}") for k, (u, ids) in self.owners.items()]

    def clean(self):
        data = super().clean()
        org = self.orgs.get(data.get("owner_organisation") or "")
        data["owner_organisation"] = org
        owner = self.owners.get(data.get("owner") or "")
        data["owner"] = owner[0] if owner else None
        if org and owner and org.id not in owner[1]:
            self.add_error("owner", f"The owner must work for {org.name}")
        return data

    @staticmethod
    def initial_for(a):
        return {"version": a.version, "description": a.description, "owner_organisation": str(a.owner_organisation.public_id),
                "owner": str(a.owner.public_id) if a.owner_id else "", "due_on": a.due_on, "status": a.status}
