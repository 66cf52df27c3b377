"""Importing a council's contract register from CSV.

All or nothing, like the training imports: every row is checked first; if any row is rejected,
nothing is saved and every rejected row is reported with its row number (the header is row 1, as in
a spreadsheet) and the reason. Columns are found by their names, through the synonyms below, so
registers published by different councils import without editing.

Real registers are untidy. Placeholders ("TBC", "-", "N/A", "Various") in optional columns are read
as blank; an optional value that cannot be read (a date written "22/04/222", a ProClass code that is
a date, a company number in no known format) is left blank and listed as a warning, so that one typo
does not stop a 360-row register. What a contract cannot do without (its title and supplier), and
amounts that are there but are not amounts, reject the row.

A row is known again on a later import by its reference, supplier, title and start date (references
repeat in real registers: extensions, lots, and frameworks with several suppliers share one), so
importing the same file twice adds nothing, and a changed value is updated.

The file, its amounts and its dates are read by ``clearsight.core.tabular`` (its docstring lists the
spellings accepted: an amount with more than two decimal places is refused, not rounded); the column
synonyms and the placeholders are the register's own.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction

from clearsight.core import tabular
from clearsight.core.models import User
from clearsight.core.roles import Role
from clearsight.core.tabular import CellError, FileError, ImportResult, Rejection, read_records

from .models import Contract, Supplier
from .names import normalise_name

__all__ = ["ImportFileError", "import_contracts", "normalise_company_number", "parse_amount", "parse_register_date"]

COLUMNS = {
    "reference": ["contract_reference", "reference", "contract_ref", "contract_id", "contract_number", "contract_no", "ref"],
    "title": ["contract_title", "title", "contract_name", "name_of_contract", "contract", "subject"],
    "description": ["contract_description", "description", "details", "scope"],
    "directorate": ["directorate_name", "directorate", "department", "service_area", "service"],
    "supplier": ["supplier_company_name", "supplier_name", "supplier", "contractor", "contractor_name", "provider",
                 "provider_name", "company_name", "awarded_to", "vendor", "vendor_name"],
    "postcode": ["supplier_postcode", "postcode", "supplier_post_code", "post_code"],
    "annual_value": ["annual_value", "annual_contract_value", "value_per_annum", "yearly_value", "estimated_annual_value"],
    "total_value": ["total_contract_value_including_extensions", "total_contract_value", "total_value", "contract_value",
                    "value", "estimated_value", "whole_life_value", "estimated_total_value"],
    "starts_on": ["start_date", "contract_start_date", "starts", "start", "date_of_award", "award_date"],
    "ends_on": ["end_date", "contract_end_date", "ends", "end", "original_end_date"],
    "current_expiry": ["current_expiry_date", "expiry_date", "current_end_date", "end_date_including_extensions"],
    "is_sme": ["sme_supplier", "sme", "is_sme", "sme_flag", "supplier_sme", "sme_status"],
    "proclass_code": ["proclass_classification", "proclass_code", "proclass", "proclass_category_code"],
    "proclass_description": ["proclass_description", "proclass_category", "proclass_name"],
    "category": ["category", "procurement_category", "contract_category", "spend_category"],
    "procurement_route": ["process_used", "procurement_route", "procurement_process", "procedure", "route_to_market",
                          "procurement_method", "procurement_procedure", "award_procedure"],
    "company_number": ["company_number", "company_registration_number", "companies_house_number",
                       "registered_company_number", "supplier_company_number", "company_no", "supplier_registered_company_number"],
    "charity_number": ["charity_number", "registered_charity_number", "supplier_registered_charity_number", "charity_no"],
    "contract_manager": ["contract_manager", "contract_manager_email", "contract_owner", "contract_officer"],
}
REQUIRED = ["title", "supplier"]
ImportFileError = FileError  # the file as a whole cannot be read (core.tabular's error, as views name it)
PLACEHOLDERS = {"", "-", "--", "n/a", "na", "tbc", "tba", "x", "various", "unknown", "none", "not known", "nil", "?"}
MAX_TEXT = {"reference": 60, "title": 300, "supplier": 300, "directorate": 200, "category": 200,
            "proclass_description": 200, "procurement_route": 100, "description": 5000}


@dataclass
class Warning_:
    row: int
    message: str


@dataclass
class Result(ImportResult):
    suppliers_added: int = 0
    warnings: list = field(default_factory=list)


def _blank(value: str) -> bool:
    return (value or "").strip().lower() in PLACEHOLDERS


def clean_text(value: str) -> str:
    """Literal "\\n" (as some exports write line breaks) and real line breaks become spaces."""
    return " ".join((value or "").replace("\\n", " ").split())


def parse_amount(value: str):
    """An amount by core.tabular's rules ('£1,450.18', '(1,450.18)', '1450.18-'...) as Decimal;
    placeholders -> None; raises ValueError saying what was found otherwise."""
    if _blank(value):
        return None
    try:
        return tabular.parse_amount(value)
    except CellError as error:
        raise ValueError(error.plain) from None


def parse_register_date(value: str):
    """A date by core.tabular's rules; placeholders -> None; raises ValueError otherwise."""
    if _blank(value):
        return None
    try:
        day = tabular.parse_date(value)
    except CellError as error:
        raise ValueError(error.plain) from None
    if not day:  # a time with no date
        raise ValueError(f"“{value.strip()}” is not a date")
    return day


def parse_sme(value: str):
    text = (value or "").strip().lower()
    if text in ("yes", "y", "true", "1", "sme"):
        return True
    if text in ("no", "n", "false", "0", "noo", "non-sme", "non sme"):
        return False
    if _blank(text):
        return None
    raise ValueError(f"“{value.strip()}” is not yes or no")


def normalise_company_number(value: str) -> tuple[str, str, str]:
    """(company number, charity number, problem). Company numbers lose their leading zeros in
    spreadsheets: '2535986' is 02535986. Prefixed numbers keep their prefix (SC249935, OC305934).
    'CHA1049226' is a charity number. Anything else is not stored, and the problem says why."""
    if _blank(value) or (value or "").strip().lower() in ("registered charity", "charity"):
        return "", "", ""
    text = value.strip().upper().replace(" ", "")
    if text.isdigit() and len(text) <= 8:
        return text.zfill(8), "", ""
    if re.fullmatch(r"(SC|OC|SO|NI|NC|NL|R0|RC|IP|SP|SL|CE|CS|SE|FC|GE|LP|SR|NF|NP|NR|NO|NA|ZC|SZ|SA|SF|SG)\d{1,6}", text):
        return text[:2] + text[2:].zfill(6), "", ""
    match = re.fullmatch(r"CHA?(\d{6,8})", text)
    if match:
        return "", match.group(1), ""
    return "", "", f"Company number “{value.strip()}” is not in a Companies House format, so it was not stored"


def _key(reference, supplier, title, starts_on, occurrence):
    raw = "|".join([reference.upper(), normalise_name(supplier), " ".join(title.lower().split()),
                    starts_on.isoformat() if starts_on else "", str(occurrence)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


CONTRACT_FIELDS = ["reference", "title", "description", "directorate", "annual_value", "total_value", "starts_on",
                   "ends_on", "current_expiry", "category", "proclass_code", "proclass_description", "procurement_route",
                   "contract_manager_id", "source_file", "source_row"]


def _contract_managers(organisation):
    managers = {}
    for user in User.objects.filter(memberships__organisation=organisation, memberships__role=Role.CONTRACT_MANAGER,
                                    is_active=True).distinct():
        managers[user.email.lower()] = user
        managers[" ".join(user.full_name.lower().split())] = user
    return managers


def _parse_row(row, managers):
    """(values, supplier facts, rejection reasons, warnings) for one row."""
    reasons, warnings = [], []
    values = {}
    for key in ("reference", "title", "description", "directorate", "category", "proclass_description", "procurement_route"):
        text = clean_text(row.get(key, ""))
        if key not in ("title",) and _blank(text):
            text = ""
        if len(text) > MAX_TEXT[key]:
            reasons.append(f"The {key.replace('_', ' ')} must be {MAX_TEXT[key]} characters or fewer")
        values[key] = text
    supplier = clean_text(row.get("supplier", ""))
    if not values["title"]:
        reasons.append("The contract title is missing")
    if not supplier:
        reasons.append("The supplier's name is missing")
    elif _blank(supplier) or not normalise_name(supplier):
        # "Various" on a framework with several suppliers: the contract is recorded without one.
        warnings.append(f"The supplier is given as “{supplier}”, so the contract is not linked to a supplier")
        supplier = ""
    elif len(supplier) > MAX_TEXT["supplier"]:
        reasons.append("The supplier's name must be 300 characters or fewer")
    for key, label in (("annual_value", "Annual value"), ("total_value", "Total value")):
        try:
            amount = parse_amount(row.get(key, ""))
        except ValueError as error:
            reasons.append(f"{label}: {error}. Write amounts like 25000 or £1,450.18")
            amount = None
        if amount is not None and amount < 0:
            reasons.append(f"{label}: a contract's value cannot be negative")
        values[key] = amount
    for key, label in (("starts_on", "Start date"), ("ends_on", "End date"), ("current_expiry", "Current expiry date")):
        try:
            values[key] = parse_register_date(row.get(key, ""))
        except ValueError as error:
            values[key] = None
            warnings.append(f"{label}: {error}, so it was left blank")
    if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        warnings.append("The end date is before the start date")
    code = (row.get("proclass_code") or "").strip()
    if _blank(code):
        code = ""
    elif not code.isdigit() or len(code) > 12:
        warnings.append(f"ProClass code: “{code}” is not a ProClass code, so it was left blank")
        code = ""
    values["proclass_code"] = code
    manager = (row.get("contract_manager") or "").strip()
    values["contract_manager_id"] = None
    if not _blank(manager):
        user = managers.get(" ".join(manager.lower().split()))
        if user is None:
            reasons.append(f"Contract manager: no one called or with the email address “{manager}” is a contract "
                           "manager of this organisation in Clearsight")
        else:
            values["contract_manager_id"] = user.pk
    facts = {"postcode": "", "company_number": "", "charity_number": "", "is_sme": None}
    postcode = " ".join((row.get("postcode") or "").upper().split())
    if postcode and not _blank(postcode):
        if re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", postcode):
            facts["postcode"] = postcode if " " in postcode else f"{postcode[:-3]} {postcode[-3:]}"
        else:
            warnings.append(f"Supplier postcode: “{postcode}” is not a postcode, so it was not stored")
    company, charity, problem = normalise_company_number(row.get("company_number", ""))
    if problem:
        warnings.append(problem)
    facts["company_number"] = company
    charity_column = (row.get("charity_number") or "").strip()
    facts["charity_number"] = charity or ("" if _blank(charity_column) else charity_column.replace(" ", "")[:12])
    try:
        facts["is_sme"] = parse_sme(row.get("is_sme", ""))
    except ValueError as error:
        warnings.append(f"SME: {error}, so it was left blank")
    if row.get("_extra"):
        reasons.append("The row has more values than the first row has column names")
    return values, supplier, facts, reasons, warnings


def import_contracts(organisation, data: bytes, *, file_name="") -> Result:
    """Add and update the organisation's contracts from a contract register CSV. Suppliers are found
    (or added) by name through the matching context, and their postcode, company number, charity
    number and SME flag are filled in where the register was blank."""
    rows = read_records(data, COLUMNS, REQUIRED)
    managers = _contract_managers(organisation)
    result = Result()
    parsed, occurrences = [], {}
    for number, row in rows:
        values, supplier, facts, reasons, warnings = _parse_row(row, managers)
        for reason in reasons:
            result.rejected.append(Rejection(number, reason))
        for message in warnings:
            result.warnings.append(Warning_(number, message))
        if not reasons:
            base = (values["reference"].upper(), normalise_name(supplier), " ".join(values["title"].lower().split()),
                    values["starts_on"])
            occurrences[base] = occurrences.get(base, 0) + 1
            values["import_key"] = _key(values["reference"], supplier, values["title"], values["starts_on"], occurrences[base])
            values["source_file"] = file_name[:300]
            values["source_row"] = number
            parsed.append((number, values, supplier, facts))
    if result.rejected:
        return result
    if not parsed:
        raise ImportFileError("The file has no contracts in it: only the row of column names")

    from .hooks import resolve_supplier_names, suppliers_changed

    with transaction.atomic():
        suppliers_of = Supplier.objects.unscoped("an import for this organisation, chosen by its procurement officer")
        before = suppliers_of.filter(organisation=organisation).count()
        resolved = resolve_supplier_names(organisation, [s for _, _, s, _ in parsed if s], source="contracts")
        result.suppliers_added = suppliers_of.filter(organisation=organisation).count() - before
        suppliers = suppliers_of.filter(organisation=organisation).in_bulk(set(resolved.values()))
        touched_suppliers = set()
        for _, _values, name, facts in parsed:
            if not name:
                continue
            supplier = suppliers[resolved[name]]
            changed = False
            for key in ("postcode", "company_number", "charity_number"):
                if facts[key] and not getattr(supplier, key):
                    setattr(supplier, key, facts[key])
                    changed = True
            if facts["is_sme"] is not None and supplier.is_sme is None:
                supplier.is_sme = facts["is_sme"]
                changed = True
            if changed:
                supplier._changed = True
        for supplier in suppliers.values():
            if getattr(supplier, "_changed", False):
                supplier.version += 1
                supplier.save(update_fields=["postcode", "company_number", "charity_number", "is_sme", "version", "updated_at"])
                touched_suppliers.add(supplier.pk)
        existing = {c.import_key: c for c in Contract.objects.unscoped("an import for this organisation").filter(
            organisation=organisation, import_key__in=[v["import_key"] for _, v, _, _ in parsed])}
        new = []
        for _, values, name, _ in parsed:
            supplier_id = resolved[name] if name else None
            contract = existing.get(values["import_key"])
            if contract is None:
                new.append(Contract(organisation=organisation, supplier_id=supplier_id, **values))
                if supplier_id:
                    touched_suppliers.add(supplier_id)
                continue
            changes = {k: values[k] for k in CONTRACT_FIELDS if k not in ("source_file", "source_row")
                       and getattr(contract, k) != values[k]}
            if contract.supplier_id != supplier_id:
                changes["supplier_id"] = supplier_id
            if changes:
                for k, v in changes.items():
                    setattr(contract, k, v)
                contract.source_file, contract.source_row = values["source_file"], values["source_row"]
                contract.version += 1
                contract.save()
                result.updated += 1
                if supplier_id:
                    touched_suppliers.add(supplier_id)
            else:
                result.unchanged += 1
        Contract.objects.bulk_create(new, batch_size=500)
        result.created = len(new)
        if touched_suppliers:
            suppliers_changed.send(organisation, sorted(touched_suppliers))
    return result
