"""A demo company register, and the demo council's suppliers matched to it, so the demo shows what a
council sees once it loads one: numbers found automatically (and where they came from, on each
supplier's page), and register matches to review, one of them best answered "another company".

Every company here is fictional, like the demo suppliers (clearsight/supply/demo.py): numbers start
with 99, which Companies House has not issued, and postcodes use the made-up area "AN". The register
holds the demo suppliers that have a company number, as a register writes their names, and a few
companies more."""

from django.db import transaction

from clearsight.core.models import Organisation
from clearsight.supply.api import Supplier

from .company import match_suppliers_to_register
from .models import CompanyNumberSource, CompanyRegister, CompanyRegisterEntry

SOURCE = "Anytown demo company register (fictional)"
VERSION = "demo"

# Companies besides the demo suppliers: ones the demo's suppliers without a number are (written as a
# register writes them), and look-alikes, so that some matches need a person.
MORE = [
    ("Brightwater Facilities Services Limited", "AN1 6BW", "99300001"),
    ("Greenleaf Grounds Maintenance Limited", "AN7 3GL", "99300002"),
    ("Anytown Energy Co-operative Limited", "AN6 5EC", "99300003"),
    ("Castle Home Care Services Limited", "AN2 9CH", "99300004"),
    ("Castle Homes (Anytown) Limited", "AN2 9CX", "99300005"),
    ("Castlegate Group Holdings Limited", "AN1 4QT", "99300006"),
    ("Rosewood Care Group Limited", "AN2 5RG", "99300007"),
    ("Northgate Public Services Limited", "AN9 1NP", "99300008"),
]


def _as_registered(name: str) -> str:
    words = name.split()
    return " ".join({"Ltd": "Limited", "plc": "PLC", "Co": "Company"}.get(w, w) for w in words)


@transaction.atomic
def load():
    anytown = Organisation.objects.filter(name="Anytown Council").first()
    if anytown is None:
        return
    # Loading the demo again puts the demo suppliers' details back as written (supply/demo.py), which
    # clears the numbers matching gave them: no person removed those, so they are put back too.
    for source in CompanyNumberSource.objects.filter(supplier__organisation=anytown, method="matched",
                                                     supplier__company_number="").select_related("supplier"):
        Supplier._base_manager.filter(pk=source.supplier_id).update(company_number=source.company_number)
    CompanyRegister.objects.filter(source=SOURCE).delete()
    numbered = Supplier.objects.unscoped("the demo register lists the demo suppliers that have a company number") \
        .exclude(company_number="").order_by("company_number").values_list("name", "postcode", "company_number")
    rows = {number: (_as_registered(name), postcode) for name, postcode, number in numbered}
    rows.update({number: (name, postcode) for name, postcode, number in MORE})
    register = CompanyRegister.objects.create(source=SOURCE, version=VERSION, file_name="demo", entry_count=len(rows))
    CompanyRegisterEntry.objects.bulk_create(
        CompanyRegisterEntry(register=register, name=name, postcode=postcode, company_number=number, source_row=row)
        for row, (number, (name, postcode)) in enumerate(sorted(rows.items()), start=2))
    match_suppliers_to_register(anytown)
