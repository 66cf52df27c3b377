"""Forms for the supplier and contract registers. Each field is shown with ``{% govuk_field %}``; a
hidden ``version`` lets a save notice that someone else changed the record in the meantime, and the
values the form started from (core.locking's ``StartingValues``) let that save be merged with theirs."""

import re

from django import forms
from django.core.exceptions import ValidationError

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField
from clearsight.core.roles import Role
from clearsight.core.tabular import CellError, parse_amount

from . import reference
from .models import SECTORS, STATEMENT_AREAS, SicCode, SupplierAlias, SupplierLicence
from .names import normalise_name

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]


class MoneyField(forms.CharField):
    def __init__(self, *, what, **kwargs):
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal",
                                                           "spellcheck": False}))
        super().__init__(max_length=30, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not (value or "").strip():
            return None
        try:
            amount = parse_amount(value)  # core.tabular's rules: £1,450.18, at most two decimal places
        except CellError as error:
            if error.kind == "too large":
                raise ValidationError(f"{self.what.capitalize()} is too large") from None
            raise ValidationError(f"{self.what.capitalize()} must be an amount in pounds, like 25000 or £1,450.18") from None
        if amount < 0:
            raise ValidationError(f"{self.what.capitalize()} must be £0 or more")
        return amount

    @staticmethod
    def describe(amount):
        """An amount as a message writes it: £2,000,000 or £1,450.18."""
        return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


class YesNoUnknownField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=YES_NO_UNKNOWN, required=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return {"yes": True, "no": False}.get(value)

    @staticmethod
    def initial_for(value):
        return "unknown" if value is None else "yes" if value else "no"


def _split(value):
    return [part for part in re.split(r"[\s,;]+", value or "") if part]


class VersionedForm(locking.StartingValues, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OrganisationChoiceMixin:
    """A procurement officer for several organisations says whose register a record goes in."""

    def add_organisation_field(self, organisations):
        self.organisations = {str(o.public_id): o for o in organisations}
        if len(organisations) > 1:
            self.fields["organisation"] = forms.ChoiceField(
                label="Whose register is this for?", widget=forms.RadioSelect,
                choices=[(k, o.name) for k, o in self.organisations.items()],
                error_messages={"required": "Select whose register this is for"})
            self.order_fields(["organisation"] + [f for f in self.fields if f != "organisation"])

    def chosen_organisation(self):
        if "organisation" in self.fields:
            return self.organisations[self.cleaned_data["organisation"]]
        return next(iter(self.organisations.values()))


class SupplierForm(OrganisationChoiceMixin, VersionedForm):
    name = forms.CharField(label="Name", max_length=300, error_messages={"required": "Enter the supplier's name"},
                           widget=forms.TextInput(attrs={"spellcheck": False}))
    other_names = forms.CharField(label="Other names (optional)", required=False, max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 3, "spellcheck": False}),
                                  help_text="Trading names or other spellings, one on each line. Spend and contract "
                                            "files that use these names are matched to this supplier.")
    company_number = forms.CharField(label="Company number (optional)", max_length=12, required=False,
                                     widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": False}),
                                     help_text="From Companies House, for example 01234567 or SC123456.")
    charity_number = forms.CharField(label="Charity number (optional)", max_length=12, required=False,
                                     widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": False}))
    address = forms.CharField(label="Address (optional)", required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}))
    sic_codes = forms.CharField(label="SIC codes (optional)", required=False, max_length=200,
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": False}),
                                help_text="The five-digit 2007 codes from Companies House, separated by commas, "
                                          "for example 41201, 43390.")
    sectors = forms.MultipleChoiceField(label="Sectors (optional)", required=False, choices=SECTORS,
                                        widget=forms.CheckboxSelectMultiple)
    keywords = forms.CharField(label="What they provide (optional)", required=False, max_length=1000,
                               help_text="A few words, for example ‘school cleaning and window cleaning’.",
                               widget=forms.TextInput())
    goods = forms.CharField(label="Goods supplied (optional)", required=False, max_length=500,
                            help_text="Separated by commas, for example ‘uniforms, gloves’.", widget=forms.TextInput())
    operating_countries = forms.CharField(label="Countries it operates in (optional)", required=False, max_length=300,
                                          widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": False}),
                                          help_text="Two-letter country codes, separated by commas, for example GB, PL.")
    sourcing_countries = forms.CharField(label="Countries it sources goods or labour from (optional)", required=False,
                                         max_length=300,
                                         widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": False}),
                                         help_text="Two-letter country codes, for example BD, CN.")
    is_sme = YesNoUnknownField(label="Is it a small or medium-sized business?",
                               help_text="Fewer than 250 staff, and turnover up to €50 million.")
    annual_turnover = MoneyField(label="Annual turnover (optional)", what="annual turnover",
                                 help_text="In pounds, for example 48000000 or £48,000,000.")
    uses_agency_labour = YesNoUnknownField(label="Does it use agency workers?")
    subcontracts_work = YesNoUnknownField(label="Does it subcontract the work?")
    provides_worker_accommodation = YesNoUnknownField(label="Does it house its workers?")
    charges_recruitment_fees = YesNoUnknownField(label="Are workers charged recruitment fees?",
                                                 help_text="By the supplier or by agencies it uses.")

    def __init__(self, *args, organisations=(), supplier=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.supplier = supplier
        if supplier is None:
            self.add_organisation_field(list(organisations))
        else:
            self.organisations = {str(supplier.organisation.public_id): supplier.organisation}

    @classmethod
    def initial_for(cls, supplier):
        aliases = [a.name for a in supplier.aliases.all() if normalise_name(a.name) != normalise_name(supplier.name)]
        data = {f: getattr(supplier, f) for f in ("name", "company_number", "charity_number", "address", "postcode",
                                                  "keywords", "sectors", "annual_turnover", "version")}
        data.update({
            "other_names": "\n".join(aliases), "sic_codes": ", ".join(supplier.sic_codes),
            "goods": ", ".join(supplier.goods), "operating_countries": ", ".join(supplier.operating_countries),
            "sourcing_countries": ", ".join(supplier.sourcing_countries),
        })
        for f in ("is_sme", "uses_agency_labour", "subcontracts_work", "provides_worker_accommodation",
                  "charges_recruitment_fees"):
            data[f] = YesNoUnknownField.initial_for(getattr(supplier, f))
        return data

    def clean_company_number(self):
        value = self.cleaned_data["company_number"].replace(" ", "").upper()
        if not value:
            return ""
        if value.isdigit() and len(value) <= 8:
            return value.zfill(8)
        if re.fullmatch(r"[A-Z]{2}\d{1,6}", value):
            return value[:2] + value[2:].zfill(6)
        raise ValidationError("Enter a company number in the Companies House format, like 01234567 or SC123456")

    def clean_charity_number(self):
        value = self.cleaned_data["charity_number"].replace(" ", "").upper()
        if value and not re.fullmatch(r"(SC|NIC?)?\d{5,8}(-\d{1,2})?", value):
            raise ValidationError("Enter a charity number, like 1049226 or SC012345")
        return value

    def clean_postcode(self):
        value = " ".join(self.cleaned_data["postcode"].upper().split())
        if value and not re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", value):
            raise ValidationError("Enter a real postcode, like M5 4WT")
        if value and " " not in value:
            value = f"{value[:-3]} {value[-3:]}"
        return value

    def clean_sic_codes(self):
        codes = []
        for part in _split(self.cleaned_data["sic_codes"]):
            code = part.split("-")[0].strip()
            if not code.isdigit() or len(code) > 5:
                raise ValidationError(f"“{part}” is not a SIC code. SIC codes are five digits, like 41201")
            codes.append(code.zfill(5))
        known = set(SicCode.objects.filter(code__in=codes).values_list("code", flat=True))
        if SicCode.objects.exists():
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValidationError(f"{', '.join(unknown)} {'is not a SIC 2007 code' if len(unknown) == 1 else 'are not SIC 2007 codes'}")
        return list(dict.fromkeys(codes))

    def _countries(self, name):
        codes = [c.upper() for c in _split(self.cleaned_data[name])]
        names = reference.country_names()
        bad = [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c) or (names and c not in names)]
        if bad:
            raise ValidationError(f"{', '.join(bad)}: enter two-letter country codes, like GB for the United Kingdom "
                                  "or BD for Bangladesh")
        return list(dict.fromkeys(codes))

    def clean_operating_countries(self):
        return self._countries("operating_countries")

    def clean_sourcing_countries(self):
        return self._countries("sourcing_countries")

    def clean_goods(self):
        return [g.strip() for g in self.cleaned_data["goods"].split(",") if g.strip()]

    def clean_other_names(self):
        names = [n.strip() for n in self.cleaned_data["other_names"].splitlines() if n.strip()]
        for n in names:
            if len(n) > 300:
                raise ValidationError("Each other name must be 300 characters or fewer")
        return names

    def clean(self):
        data = super().clean()
        if self.errors or "name" not in data:
            return data
        organisation = self.chosen_organisation() if self.supplier is None else self.supplier.organisation
        # A name (or other name) that is already another supplier's would make imports ambiguous.
        taken = {a.normalised: a for a in SupplierAlias.objects.filter(
            organisation=organisation, normalised__in=[normalise_name(n) for n in [data["name"]] + data["other_names"]]
        ).select_related("supplier")}
        for field, names in (("name", [data["name"]]), ("other_names", data["other_names"])):
            for n in names:
                alias = taken.get(normalise_name(n))
                if alias and (self.supplier is None or alias.supplier_id != self.supplier.pk):
                    self.add_error(field, f"“{n}” is already a name of another supplier in the register: "
                                          f"{alias.supplier.name}")
        return data


class LicenceForm(VersionedForm):
    kind = forms.ChoiceField(label="Kind of licence", choices=SupplierLicence.KINDS, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of licence"})
    description = forms.CharField(label="What the licence is (for other kinds)", max_length=200, required=False)
    number = forms.CharField(label="Licence or registration number (optional)", max_length=50, required=False,
                             widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": False}))
    valid_until = GovUKDateField(label="Valid until (optional)", what="the date it is valid until", required=False,
                                 help_text="For example, 31 3 2027")

    def clean(self):
        data = super().clean()
        if data.get("kind") == "other" and not data.get("description", "").strip():
            self.add_error("description", "Enter what the licence is")
        return data


class StatementForm(VersionedForm):
    year = forms.IntegerField(label="Financial year the statement covers", min_value=2016, max_value=2100,
                              widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
                              help_text="The year it ends in: for 2025 to 2026, enter 2026.",
                              error_messages={"required": "Enter the year the statement covers",
                                              "invalid": "The year must be a number, like 2026",
                                              "min_value": "The year must be 2016 or later: statements began in 2016",
                                              "max_value": "Enter a real year, like 2026"})
    url = forms.URLField(label="Link to the statement (optional)", required=False, max_length=200, assume_scheme="https",
                         error_messages={"invalid": "Enter a web address, like https://www.example.co.uk/modern-slavery"},
                         widget=forms.TextInput(attrs={"spellcheck": False}))
    areas_covered = forms.MultipleChoiceField(label="Which of the six recommended areas does it cover?", required=False,
                                              choices=STATEMENT_AREAS, widget=forms.CheckboxSelectMultiple)
    board_approved = YesNoUnknownField(label="Was it approved by the board (or equivalent)?")
    signed = YesNoUnknownField(label="Is it signed by a director (or equivalent)?")
    signed_by = forms.CharField(label="Who signed it (optional)", max_length=200, required=False)

    def __init__(self, *args, supplier, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.supplier, self.item = supplier, item

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = self.supplier.statements.exclude(pk=self.item.pk if self.item else None)
        if year is not None and others.filter(year=year).exists():
            raise ValidationError(f"A statement for {year - 1}/{str(year)[-2:]} is already recorded. Change that one instead")
        return year


class ContactForm(VersionedForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the contact's name"},
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    role = forms.CharField(label="Role (optional)", max_length=200, required=False,
                           help_text="For example, ‘Compliance manager’.")
    email = forms.EmailField(label="Email address (optional)", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}))
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False,
                            widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off", "type": "tel"}))
    is_main = forms.BooleanField(label="This is the main contact for modern slavery questions", required=False)

    def __init__(self, *args, supplier=None, item=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"[\d\s()+\-]{6,40}", phone):
            raise ValidationError("Enter a phone number, like 0161 496 0000")
        return phone


class ContractForm(OrganisationChoiceMixin, VersionedForm):
    supplier_name = forms.CharField(label="Supplier", max_length=300, error_messages={"required": "Enter the supplier's name"},
                                    help_text="The name as it is in the supplier register, or one of its other names.",
                                    widget=forms.TextInput(attrs={"spellcheck": False, "autocomplete": "off"}))
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter the contract's title"})
    reference = forms.CharField(label="Contract reference (optional)", max_length=60, required=False,
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": False}))
    description = forms.CharField(label="Description (optional)", max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    directorate = forms.CharField(label="Directorate or service (optional)", max_length=200, required=False)
    annual_value = MoneyField(label="Annual value (optional)", what="the annual value")
    total_value = MoneyField(label="Total value, including extensions (optional)", what="the total value",
                             help_text="The council's thresholds use this value: under £25,000 a service may let the "
                                       "contract itself; over £1 million the supplier is expected to sign the ethical "
                                       "employment code.")
    starts_on = GovUKDateField(label="Start date (optional)", what="the start date", required=False,
                               help_text="For example, 1 4 2026")
    ends_on = GovUKDateField(label="End date (optional)", what="the end date", required=False)
    current_expiry = GovUKDateField(label="Current expiry date, with extensions taken (optional)",
                                    what="the current expiry date", required=False)
    category = forms.CharField(label="Category (optional)", max_length=200, required=False,
                               help_text="For example, ‘Facilities management’.")
    proclass_code = forms.CharField(label="ProClass code (optional)", max_length=12, required=False,
                                    widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
                                    help_text="For example, 231810.")
    proclass_description = forms.CharField(label="ProClass description (optional)", max_length=200, required=False)
    procurement_route = forms.CharField(label="Procurement route (optional)", max_length=100, required=False,
                                        help_text="For example, ‘Open tender’, ‘Framework call-off’ or ‘Request for quotation’.")
    contract_manager = forms.ChoiceField(label="Contract manager (optional)", required=False)

    def __init__(self, *args, organisations=(), contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        if contract is None:
            self.add_organisation_field(list(organisations))
        else:
            self.organisations = {str(contract.organisation.public_id): contract.organisation}
        from clearsight.core.models import User

        org_ids = [o.pk for o in self.organisations.values()]
        managers = User.objects.filter(memberships__organisation_id__in=org_ids, memberships__role=Role.CONTRACT_MANAGER,
                                       is_active=True).distinct().order_by("full_name")
        self.managers = {str(u.public_id): u for u in managers}
        self.fields["contract_manager"].choices = [("", "No contract manager")] + [
            (k, u.full_name) for k, u in self.managers.items()]

    def clean_contract_manager(self):
        value = self.cleaned_data["contract_manager"]
        return self.managers.get(value) if value else None

    def clean_proclass_code(self):
        value = self.cleaned_data["proclass_code"].strip()
        if value and not value.isdigit():
            raise ValidationError("The ProClass code must be numbers only, like 231810")
        return value

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be on or after the start date")
        if data.get("annual_value") is not None and data.get("total_value") is not None and data["total_value"] < data["annual_value"]:
            self.add_error("total_value", "The total value must be at least the annual value")
        if data.get("supplier_name") and not self.errors.get("organisation"):
            organisation = self.chosen_organisation() if self.contract is None else self.contract.organisation
            alias = SupplierAlias.objects.filter(organisation=organisation,
                                                 normalised=normalise_name(data["supplier_name"])).select_related("supplier").first()
            if alias is None:
                self.add_error("supplier_name", f"No supplier called “{data['supplier_name']}” is in the register. "
                                                "Check the spelling, or add the supplier first")
            else:
                data["supplier"] = alias.supplier
        return data


class UploadForm(OrganisationChoiceMixin, forms.Form):
    file = forms.FileField(label="CSV file", error_messages={"required": "Select a CSV file"})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_organisation_field(list(organisations))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("The file must be smaller than 5MB")
        if upload.size == 0:
            raise ValidationError("The selected file is empty")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError("The selected file must be a CSV")
        return upload
