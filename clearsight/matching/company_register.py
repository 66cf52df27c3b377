"""Reading company register extracts (CSV) into plain rows. No Django here: the management command
``load_company_register`` saves the rows, and bench/matching.py matches against them directly.

Two layouts are known: the UK Modern Slavery Statement Registry's import lists
(MSU-ImportPrivateOrganisations.csv: OrganisationName, CompanyNumber; MSU-ImportPublicOrganisations.csv:
also Address1-3, TownCity, County, Country, PostCode) and Companies House's free company data
product (CompanyName, CompanyNumber, RegAddress.*, and the names a company had before:
PreviousName_1.CompanyName ... PreviousName_10.CompanyName, each with the date it changed,
PreviousName_N.CONDATE). Columns are found by name, whatever their order.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from clearsight.core.tabular import FileError, decode
from clearsight.supply.api import normalise_company_number, normalise_postcode

COLUMNS = {
    "name": ["organisationname", "companyname", "name", "organisation name", "company name"],
    "company_number": ["companynumber", "company number", "company_number", "registrationnumber"],
    "postcode": ["postcode", "post code", "regaddress.postcode", "postal code"],
    "country": ["country", "regaddress.country", "countryofcorigin"],
}
ADDRESS_COLUMNS = ["address1", "address2", "address3", "towncity", "county", "regaddress.careof",
                   "regaddress.pobox", "regaddress.addressline1", "regaddress.addressline2", "regaddress.posttown",
                   "regaddress.county", "address"]


class RegisterFileError(ValueError):
    pass


@dataclass
class RegisterRow:
    row: int
    name: str
    company_number: str
    address: str
    postcode: str
    country: str
    former_names: list = field(default_factory=list)  # [(name, year it changed: "2019" or "")]


def read_register(data: bytes) -> tuple[list[RegisterRow], list[str]]:
    """The rows of a register extract, and the problems with rows that were left out.

    Raises RegisterFileError if the file is not CSV text (read as core.tabular decodes it: UTF-8,
    with or without a byte order mark, or Windows-1252) or has no name column. The rows are read one
    by one, as a whole register is large."""
    try:
        text, _ = decode(data)
    except FileError as error:
        raise RegisterFileError(str(error)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    where = {}
    for key, names in COLUMNS.items():
        where[key] = next((header.index(n) for n in names if n in header), None)
    if where["name"] is None:
        raise RegisterFileError("The file has no organisation name column (OrganisationName or CompanyName).")
    address_at = [header.index(n) for n in ADDRESS_COLUMNS if n in header]
    former_at = []
    for n in range(1, 11):
        name_column, date_column = f"previousname_{n}.companyname", f"previousname_{n}.condate"
        if name_column in header:
            former_at.append((header.index(name_column), header.index(date_column) if date_column in header else None))
    rows, problems = [], []
    for number, cells in enumerate(reader, start=2):
        def cell(i, cells=cells):
            return cells[i].strip() if i is not None and i < len(cells) else ""

        name = cell(where["name"])
        if not any(c.strip() for c in cells):
            continue
        if not name:
            problems.append(f"Row {number}: no organisation name")
            continue
        if not cell(where["company_number"]):
            problems.append(f"Row {number}: no company number")
        raw_number = cell(where["company_number"])
        company_number = normalise_company_number(raw_number)
        if raw_number and not company_number:
            # Another register's identifier (a mutual society's "IP12345R", a charity's "CHA123456"): kept as given.
            company_number = re.sub(r"[^A-Z0-9]", "", raw_number.upper())[:12]
        address = ", ".join(cell(i) for i in address_at if cell(i))
        former = [(cell(n)[:300], _year(cell(d))) for n, d in former_at if cell(n)]
        rows.append(RegisterRow(number, name[:300], company_number, address,
                                normalise_postcode(cell(where["postcode"])), cell(where["country"])[:60], former))
    return rows, problems


def _year(date: str) -> str:
    """The year of a Companies House date ("01/06/2019" or "2019-06-01"), or ""."""
    found = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", date or "")
    return found.group(1) if found else ""
