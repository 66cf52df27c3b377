"""The supplier and contract register pages: searching without names in URLs, the supplier page and
its sections, edits that never silently overwrite, the thresholds on contracts, and linking a concern
to a supplier without showing procurement staff anything about the people in it."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clearsight.core.dates import FinancialYear, long_date
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.supply import sections
from clearsight.supply.models import ConcernSupplierLink, Contract, SicCode, Supplier, SupplierStatement
from clearsight.supply.names import normalise_name

from ..concern_helpers import make_concern, triage
from ..factories import agreement_in_force, make_user
from ..form_helpers import form_values


def make_supplier(organisation, name, **fields):
    supplier = Supplier.objects.create(organisation=organisation, name=name, **fields)
    supplier.aliases.create(organisation=organisation, name=name, normalised=normalise_name(name))
    return supplier


@pytest.fixture
def officer(anytown):
    return make_user(anytown, Role.PROCUREMENT_OFFICER)


@pytest.fixture
def screened(monkeypatch):
    calls = []
    # What supply tells the apps built on it (risk screening listens): clearsight.supply.api.
    monkeypatch.setattr("clearsight.supply.api.suppliers_changed._listeners",
                        [lambda organisation, ids=None, **facts: calls.append((organisation.pk, list(ids or [])))])
    return calls


@pytest.mark.django_db
class TestSupplierRegister:
    def test_search_terms_stay_out_of_the_url(self, client, sign_in, officer, anytown):
        make_supplier(anytown, "Jan Kowalski Window Cleaning")
        make_supplier(anytown, "Castlegate Construction Ltd")
        sign_in(client, officer)
        response = client.post(reverse("supply:suppliers"), {"q": "Kowalski", "sector": "", "sme": ""})
        assert response.status_code == 302 and "Kowalski" not in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "Jan Kowalski Window Cleaning" in page and "Castlegate" not in page
        assert AuditEvent.objects.filter(actor=officer, action="search", record_type="supplier register").exists()
        # Opening the register afresh forgets the search.
        page = client.get(reverse("supply:suppliers")).content.decode()
        assert "Castlegate" in page

    def test_filters_by_sector_size_and_the_statement_flag(self, client, sign_in, officer, anytown):
        make_supplier(anytown, "Big Builder plc", sectors=["construction"], annual_turnover=Decimal("90000000"), is_sme=False)
        make_supplier(anytown, "Small Cleaner", sectors=["cleaning"], is_sme=True)
        sign_in(client, officer)
        page = client.get(reverse("supply:suppliers") + "?sector=cleaning").content.decode()
        assert "Small Cleaner" in page and "Big Builder" not in page
        page = client.get(reverse("supply:suppliers") + "?sme=no").content.decode()
        assert "Big Builder" in page and "Small Cleaner" not in page
        page = client.get(reverse("supply:suppliers") + "?flagged=yes").content.decode()
        assert "Big Builder" in page and "Small Cleaner" not in page
        assert "1 supplier has a turnover over £36 million and no current modern slavery statement" in page

    def test_another_councils_suppliers_are_never_listed(self, client, sign_in, officer, bexford):
        make_supplier(bexford, "Bexford Only Ltd")
        sign_in(client, officer)
        assert "Bexford Only" not in client.get(reverse("supply:suppliers")).content.decode()

    def test_pages_of_fifty(self, client, sign_in, officer, anytown):
        for n in range(55):
            make_supplier(anytown, f"Supplier {n:02d}")
        sign_in(client, officer)
        page = client.get(reverse("supply:suppliers") + "?page=2").content.decode()
        assert "Page 2 of 2" in page and "Supplier 54" in page and "Supplier 00" not in page


@pytest.mark.django_db
class TestSupplierPage:
    def test_shows_identity_sic_descriptions_flag_and_is_audited(self, client, sign_in, officer, anytown):
        SicCode.objects.update_or_create(code="81210", defaults={"description": "General cleaning of buildings",
                                                                  "source": "Test list", "version": "v1"})
        supplier = make_supplier(anytown, "Sentinel Security Group plc", sic_codes=["81210"], annual_turnover=Decimal("52000000"),
                                 sourcing_countries=["CN"], uses_agency_labour=True, company_number="99100007")
        supplier.aliases.create(organisation=anytown, name="Sentinel Guarding", normalised="sentinel guarding")
        supplier.licences.create(kind="sia", number="SIA-1")
        supplier.statements.create(year=2019, areas_covered=["structure"], board_approved=True)
        sign_in(client, officer)
        page = client.get(reverse("supply:supplier", kwargs={"public_id": supplier.public_id})).content.decode()
        assert "81210 – General cleaning of buildings" in page and "Test list, v1" in page
        assert "Sentinel Guarding" in page and "99100007" in page and "SIA approved contractor" in page
        assert "China (CN)" in page
        assert "This supplier has no current modern slavery statement" in page and "£52,000,000" in page
        assert "Not covered:" in page
        assert AuditEvent.objects.filter(actor=officer, record_id=str(supplier.public_id), action="view").exists()

    def test_sections_registered_by_other_apps_are_rendered_with_their_context(self, client, sign_in, officer, anytown, monkeypatch):
        monkeypatch.setattr(sections, "_SECTIONS", [])
        sections.register_section(order=10, template="supply/_flag.html", context=lambda request, supplier: {"x": 1})
        sections.register_section(order=20, template="supply/_register_links.html",
                                  context=lambda request, supplier: None)  # nothing to show for this supplier
        supplier = make_supplier(anytown, "Acme Ltd")
        sign_in(client, officer)
        page = client.get(reverse("supply:supplier", kwargs={"public_id": supplier.public_id})).content.decode()
        assert page.count("No current statement") == 1
        assert "Import a contract register" not in page

    def test_a_contract_manager_sees_but_cannot_change(self, client, sign_in, anytown):
        manager = make_user(anytown, Role.CONTRACT_MANAGER)
        supplier = make_supplier(anytown, "Acme Ltd")
        sign_in(client, manager)
        page = client.get(reverse("supply:supplier", kwargs={"public_id": supplier.public_id})).content.decode()
        assert "Change the supplier" not in page
        assert client.get(reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id})).status_code == 403


@pytest.mark.django_db
class TestChangingSuppliers:
    def test_adding_a_supplier_with_mistakes_keeps_what_was_typed(self, client, sign_in, officer, screened):
        sign_in(client, officer)
        page = client.post(reverse("supply:supplier-add"), {
            "name": "", "postcode": "nonsense", "sic_codes": "41201, abc", "annual_turnover": "lots",
            "keywords": "Roofing repairs"}).content.decode()
        assert "There is a problem" in page
        assert "Enter the supplier's name" in html.unescape(page)
        assert "Enter a real postcode" in page and "is not a SIC code" in page and "must be an amount in pounds" in page
        assert 'value="Roofing repairs"' in page and 'value="nonsense"' in page
        assert not Supplier.objects.exists() and screened == []

    def test_adding_a_supplier_records_its_names_and_screens_it(self, client, sign_in, officer, anytown, screened):
        sign_in(client, officer)
        response = client.post(reverse("supply:supplier-add"), {
            "name": "Hartley & Sons Roofing Ltd", "other_names": "Hartley Roofing\nHartleys", "company_number": "123456",
            "postcode": "an2 7hs", "sectors": ["construction"], "operating_countries": "gb", "sourcing_countries": "CN, BD",
            "is_sme": "yes", "annual_turnover": "£2,400,000", "uses_agency_labour": "no"})
        supplier = Supplier.objects.get()
        assert response.status_code == 302
        assert (supplier.company_number, supplier.postcode, supplier.annual_turnover) == ("00123456", "AN2 7HS", Decimal("2400000"))
        assert supplier.sourcing_countries == ["CN", "BD"] and supplier.uses_agency_labour is False and supplier.is_sme is True
        assert {a.name for a in supplier.aliases.all()} == {"Hartley & Sons Roofing Ltd", "Hartley Roofing", "Hartleys"}
        assert screened == [(anytown.pk, [supplier.pk])]
        assert AuditEvent.objects.filter(actor=officer, action="create", record_id=str(supplier.public_id)).exists()

    def test_a_name_already_used_by_another_supplier_is_refused(self, client, sign_in, officer, anytown, screened):
        make_supplier(anytown, "Acme Ltd")
        sign_in(client, officer)
        page = client.post(reverse("supply:supplier-add"), {"name": "ACME Limited"}).content.decode()
        assert "is already a name of another supplier in the register: Acme Ltd" in page

    def test_concurrent_edits_never_silently_overwrite(self, client, sign_in, officer, anytown, screened):
        supplier = make_supplier(anytown, "Acme Ltd", keywords="Cleaning")
        sign_in(client, officer)
        url = reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id})
        assert f'name="version" value="{supplier.version}"' in client.get(url).content.decode()
        # Someone else saves first.
        client.post(url, {"name": "Acme Ltd", "keywords": "Cleaning and security", "version": supplier.version})
        page = client.post(url, {"name": "Acme Ltd", "keywords": "Window cleaning", "version": supplier.version}).content.decode()
        assert "Someone else changed this record while you were editing it" in page
        assert 'value="Window cleaning"' in page
        supplier.refresh_from_db()
        assert supplier.keywords == "Cleaning and security"
        # Saving again, having seen the warning, is a deliberate choice and works.
        client.post(url, {"name": "Acme Ltd", "keywords": "Window cleaning", "version": supplier.version})
        supplier.refresh_from_db()
        assert supplier.keywords == "Window cleaning"

    def test_two_people_changing_different_answers_both_keep_their_change(self, client, sign_in, officer, anytown, screened):
        """The journey that once lost a colleague's change: two tabs, one changes the turnover, the
        other only the postcode; after the second is refused and saved again, both changes are kept."""
        supplier = make_supplier(anytown, "Acme Ltd", postcode="AN1 1AA", annual_turnover=Decimal("150000"),
                                 keywords="Office cleaning")
        sign_in(client, officer)
        url = reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id})
        tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
        assert client.post(url, form_values(tab_1, annual_turnover="£2,000,000")).status_code == 302

        refused = client.post(url, form_values(tab_2, postcode="AN1 2BB"))
        page = html.unescape(refused.content.decode())
        assert "Someone else changed this record while you were editing it" in page
        assert "The form now shows their change to annual turnover." in page
        assert form_values(page)["annual_turnover"] == ["2000000.00"]  # the record as it is now
        assert form_values(page)["postcode"] == ["AN1 2BB"]  # what they typed
        assert "since you opened the page" not in page  # nothing both changed
        supplier.refresh_from_db()
        assert (supplier.annual_turnover, supplier.postcode) == (Decimal("2000000"), "AN1 1AA")

        # Saving again, as the message says, keeps both people's changes.
        assert client.post(url, form_values(page)).status_code == 302
        supplier.refresh_from_db()
        assert (supplier.annual_turnover, supplier.postcode, supplier.keywords) == (Decimal("2000000"), "AN1 2BB",
                                                                                    "Office cleaning")

    def test_an_answer_both_people_changed_shows_what_it_is_now_before_it_is_replaced(self, client, sign_in, officer,
                                                                                       anytown, screened):
        supplier = make_supplier(anytown, "Acme Ltd", annual_turnover=Decimal("150000"), keywords="Office cleaning")
        sign_in(client, officer)
        url = reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id})
        tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
        client.post(url, form_values(tab_1, annual_turnover="2000000", keywords="Cleaning and security"))

        page = html.unescape(client.post(url, form_values(tab_2, annual_turnover="175000", keywords="Window cleaning"))
                             .content.decode())
        assert "You both changed what they provide and annual turnover" in page
        turnover = "Someone else changed annual turnover to £2,000,000 since you opened the page"
        keywords = "Someone else changed what they provide to “Cleaning and security” since you opened the page"
        # At the field and in the error summary, which links to it.
        assert f'<a href="#id_annual_turnover">{turnover}</a>' in page and page.count(turnover) == 2
        assert f'<a href="#id_keywords">{keywords}</a>' in page and page.count(keywords) == 2
        assert form_values(page)["annual_turnover"] == ["175000"] and form_values(page)["keywords"] == ["Window cleaning"]
        supplier.refresh_from_db()
        assert supplier.keywords == "Cleaning and security"

        # Saving again, having seen what it is now, is a deliberate choice to replace it.
        assert client.post(url, form_values(page)).status_code == 302
        supplier.refresh_from_db()
        assert (supplier.annual_turnover, supplier.keywords) == (Decimal("175000"), "Window cleaning")

    def test_renaming_keeps_the_old_name_for_matching(self, client, sign_in, officer, anytown, screened):
        supplier = make_supplier(anytown, "Acme Ltd")
        sign_in(client, officer)
        client.post(reverse("supply:supplier-edit", kwargs={"public_id": supplier.public_id}),
                    {"name": "Acme Facilities Ltd", "version": supplier.version})
        assert {a.name for a in supplier.aliases.all()} == {"Acme Facilities Ltd", "Acme Ltd"}

    def test_statements_licences_and_contacts(self, client, sign_in, officer, anytown, screened):
        supplier = make_supplier(anytown, "Acme Ltd", annual_turnover=Decimal("40000000"))
        sign_in(client, officer)
        add = reverse("supply:item-add", kwargs={"public_id": supplier.public_id, "kind": "statements"})
        year = FinancialYear.containing(timezone.localdate()).end_year
        client.post(add, {"year": year, "areas_covered": ["structure", "risk"], "board_approved": "yes", "signed": "no",
                          "version": supplier.version})
        statement = SupplierStatement.objects.get()
        assert statement.areas_covered == ["structure", "risk"] and statement.board_approved is True and statement.signed is False
        supplier.refresh_from_db()
        page = client.post(add, {"year": year, "version": supplier.version}).content.decode()
        assert "is already recorded" in page
        page = client.get(reverse("supply:supplier", kwargs={"public_id": supplier.public_id})).content.decode()
        assert "No current statement" not in page
        client.post(reverse("supply:item-add", kwargs={"public_id": supplier.public_id, "kind": "licences"}),
                    {"kind": "glaa", "number": "WFR/1", "valid_until-day": "31", "valid_until-month": "3",
                     "valid_until-year": "2027", "version": supplier.version})
        assert supplier.licences.get().valid_until == date(2027, 3, 31)
        supplier.refresh_from_db()
        client.post(reverse("supply:item-add", kwargs={"public_id": supplier.public_id, "kind": "contacts"}),
                    {"name": "Dave Morris", "email": "dave@example.org", "is_main": "on", "version": supplier.version})
        contact = supplier.contacts.get()
        supplier.refresh_from_db()
        remove = reverse("supply:item-remove", kwargs={"public_id": supplier.public_id, "kind": "contacts", "item_id": contact.pk})
        assert "Are you sure you want to remove this contact?" in client.get(remove).content.decode()
        client.post(remove, {"version": supplier.version})
        assert not supplier.contacts.exists()
        assert AuditEvent.objects.filter(actor=officer, action="delete", record_id=str(supplier.public_id)).exists()


@pytest.mark.django_db
class TestContracts:
    def test_contract_page_shows_the_thresholds_in_words(self, client, sign_in, officer, anytown):
        supplier = make_supplier(anytown, "Northgate IT Solutions Ltd")
        contract = Contract.objects.create(organisation=anytown, supplier=supplier, title="Laptop refresh",
                                           total_value=Decimal("3200000"))
        sign_in(client, officer)
        page = client.get(reverse("supply:contract", kwargs={"public_id": contract.public_id})).content.decode()
        assert "ethical employment code" in page and "£3,200,000" in page
        assert AuditEvent.objects.filter(actor=officer, record_id=str(contract.public_id)).exists()

    def test_adding_a_contract_needs_a_supplier_in_the_register(self, client, sign_in, officer, anytown):
        manager = make_user(anytown, Role.CONTRACT_MANAGER)
        supplier = make_supplier(anytown, "Acme Ltd")
        sign_in(client, officer)
        url = reverse("supply:contract-add")
        page = client.post(url, {"supplier_name": "Nobody Ltd", "title": "Cleaning"}).content.decode()
        assert "No supplier called “Nobody Ltd” is in the register" in page and 'value="Cleaning"' in page
        page = client.get(url + f"?supplier={supplier.public_id}").content.decode()
        assert 'value="Acme Ltd"' in page
        response = client.post(url, {"supplier_name": "ACME LIMITED", "title": "Cleaning", "total_value": "24,000",
                                     "contract_manager": str(manager.public_id),
                                     "starts_on-day": "1", "starts_on-month": "4", "starts_on-year": "2026"})
        contract = Contract.objects.get()
        assert response.status_code == 302
        assert (contract.supplier, contract.total_value, contract.contract_manager) == (supplier, Decimal("24000"), manager)

    def test_contract_register_filters_by_value_band(self, client, sign_in, officer, anytown):
        Contract.objects.create(organisation=anytown, title="Small job", total_value=Decimal("9000"))
        Contract.objects.create(organisation=anytown, title="Big job", annual_value=Decimal("2000000"))
        sign_in(client, officer)
        page = client.get(reverse("supply:contracts") + "?band=over-1m").content.decode()
        assert "Big job" in page and "Small job" not in page
        page = client.get(reverse("supply:contracts") + "?band=under-25k").content.decode()
        assert "Small job" in page and "Big job" not in page

    def test_concurrent_contract_edits_never_silently_overwrite(self, client, sign_in, officer, anytown):
        make_supplier(anytown, "Acme Ltd")
        contract = Contract.objects.create(organisation=anytown, title="Cleaning")
        sign_in(client, officer)
        url = reverse("supply:contract-edit", kwargs={"public_id": contract.public_id})
        client.post(url, {"supplier_name": "Acme Ltd", "title": "Cleaning of offices", "version": 1})
        page = client.post(url, {"supplier_name": "Acme Ltd", "title": "Cleaning of schools", "version": 1}).content.decode()
        assert "Someone else changed this record" in page
        contract.refresh_from_db()
        assert contract.title == "Cleaning of offices"

    def test_a_contract_changed_in_two_tabs_keeps_both_changes(self, client, sign_in, officer, anytown):
        acme = make_supplier(anytown, "Acme Ltd")
        contract = Contract.objects.create(organisation=anytown, title="Cleaning", supplier=acme,
                                           starts_on=date(2026, 4, 1))
        sign_in(client, officer)
        url = reverse("supply:contract-edit", kwargs={"public_id": contract.public_id})
        tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
        assert client.post(url, form_values(tab_1, title="Cleaning of offices")).status_code == 302
        page = html.unescape(client.post(url, form_values(tab_2, **{"ends_on-day": "31", "ends_on-month": "3",
                                                                     "ends_on-year": "2029"})).content.decode())
        assert "The form now shows their change to the title." in page
        assert client.post(url, form_values(page)).status_code == 302
        contract.refresh_from_db()
        assert (contract.title, contract.starts_on, contract.ends_on) == ("Cleaning of offices", date(2026, 4, 1),
                                                                           date(2029, 3, 31))

    def test_a_supplier_contact_changed_in_two_tabs_keeps_both_changes(self, client, sign_in, officer, anytown):
        supplier = make_supplier(anytown, "Acme Ltd")
        contact = supplier.contacts.create(name="Dave Morris", role="Director", phone="0161 496 0000")
        sign_in(client, officer)
        url = reverse("supply:item-edit", kwargs={"public_id": supplier.public_id, "kind": "contacts", "item_id": contact.pk})
        tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
        assert client.post(url, form_values(tab_1, role="Managing director")).status_code == 302
        page = html.unescape(client.post(url, form_values(tab_2, phone="0161 496 0999")).content.decode())
        assert "The form now shows their change to the role." in page
        assert client.post(url, form_values(page)).status_code == 302
        contact.refresh_from_db()
        assert (contact.role, contact.phone) == ("Managing director", "0161 496 0999")


@pytest.mark.django_db
class TestConcernLink:
    def test_a_first_responder_links_a_concern_and_procurement_sees_only_its_reference(self, client, sign_in, anytown, officer, bexford):
        reporter = make_user(anytown, Role.STAFF)
        responder = make_user(anytown, Role.FIRST_RESPONDER)
        concern = make_concern(reporter, what_happened="The agency keeps her passport.", people=(("Maria", "adult"),))
        triage(concern, responder, supplier=True)
        cleaner = make_supplier(anytown, "BrightClean Services Ltd", postcode="AN1 8BC")
        make_supplier(bexford, "BrightClean Bexford Ltd")
        sign_in(client, responder)
        url = reverse("supply:concern-supplier", kwargs={"public_id": concern.public_id})
        page = client.post(url, {"action": "search", "q": ""}).content.decode()
        assert "Enter the supplier's name" in html.unescape(page)
        page = client.post(url, {"action": "search", "q": "brightclean"}).content.decode()
        assert "BrightClean Services Ltd" in page and "BrightClean Bexford" not in page
        page = client.post(url, {"action": "link", "q": "brightclean"}).content.decode()
        assert "Select the supplier the concern is about" in page
        response = client.post(url, {"action": "link", "q": "brightclean", "supplier": str(cleaner.public_id)})
        assert response.status_code == 302
        link = ConcernSupplierLink.objects.get()
        assert (link.concern, link.supplier, link.linked_by) == (concern, cleaner, responder)
        assert AuditEvent.objects.filter(actor=responder, action="change", record_id=str(concern.public_id)).exists()
        assert AuditEvent.objects.filter(actor=responder, action="change", record_id=str(cleaner.public_id)).exists()
        page = client.get(reverse("concerns:concern", kwargs={"public_id": concern.public_id})).content.decode()
        assert "BrightClean Services Ltd" in page and f"Linked {long_date(link.linked_at)} by" in page
        client.logout()

        sign_in(client, officer)
        page = client.get(reverse("supply:supplier", kwargs={"public_id": cleaner.public_id})).content.decode()
        assert concern.reference in page and "1 concern has been linked" in page
        assert "passport" not in page and "Maria" not in page
        assert client.get(url).status_code == 403

    def test_a_supplier_of_another_council_cannot_be_linked(self, client, sign_in, anytown, bexford):
        reporter = make_user(anytown, Role.STAFF)
        responder = make_user(anytown, Role.FIRST_RESPONDER)
        concern = make_concern(reporter)
        theirs = make_supplier(bexford, "Bexford Cleaning Co Ltd")
        sign_in(client, responder)
        url = reverse("supply:concern-supplier", kwargs={"public_id": concern.public_id})
        client.post(url, {"action": "link", "q": "Bexford", "supplier": str(theirs.public_id)})
        assert not ConcernSupplierLink.objects.exists()

    def test_a_partner_that_sees_a_shared_concern_does_not_reach_the_councils_suppliers(self, client, sign_in, anytown):
        from clearsight.core.models import Partnership

        from ..factories import OrganisationFactory

        police = OrganisationFactory(name="Anytown Police", kind="police")
        Partnership.objects.create(name="Partnership", kind="safeguarding", shares_concerns=True).members.add(anytown, police)

        agreement_in_force(anytown, police, kinds=["concerns"], review_on=date(2099, 1, 1))
        officer = make_user(police, Role.FIRST_RESPONDER)
        concern = make_concern(make_user(anytown, Role.STAFF))
        make_supplier(anytown, "BrightClean Services Ltd")
        sign_in(client, officer)
        assert client.get(reverse("concerns:concern", kwargs={"public_id": concern.public_id})).status_code == 200
        url = reverse("supply:concern-supplier", kwargs={"public_id": concern.public_id})
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "search", "q": "brightclean"}).status_code == 404
        page = client.get(reverse("concerns:concern", kwargs={"public_id": concern.public_id})).content.decode()
        assert url not in page

    def test_a_link_can_be_removed(self, client, sign_in, anytown):
        reporter = make_user(anytown, Role.STAFF)
        responder = make_user(anytown, Role.FIRST_RESPONDER)
        concern = make_concern(reporter)
        supplier = make_supplier(anytown, "Acme Ltd")
        link = ConcernSupplierLink.objects.create(concern=concern, supplier=supplier, linked_by=responder)
        sign_in(client, responder)
        client.post(reverse("supply:concern-supplier-remove", kwargs={"public_id": concern.public_id, "link_id": link.pk}))
        assert not ConcernSupplierLink.objects.exists()


def _contract_of(organisation, **values):
    from clearsight.matching.api import resolve_supplier_names

    from ..factories import SupplierFactory

    acme = SupplierFactory(organisation=organisation, name="Acme Ltd")
    resolve_supplier_names(organisation, [acme.name])
    return Contract.objects.create(organisation=organisation, title="Cleaning", supplier=acme, **values)


@pytest.mark.django_db
def test_a_refused_contract_edit_shows_a_value_now_saved_that_the_form_would_refuse(client, sign_in, anytown):
    # Given a contract page opened, and a contract register import saving meanwhile a total below the
    # annual value (an import does not check that) and an end date before the start
    from django.db.models import F

    contract = _contract_of(anytown, annual_value=Decimal("100"), total_value=Decimal("150"),
                            starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    url = reverse("supply:contract-edit", kwargs={"public_id": contract.public_id})
    tab = client.get(url).content.decode()
    Contract.objects.filter(pk=contract.pk).update(total_value=Decimal("50"), ends_on=date(2026, 3, 31),
                                                   version=F("version") + 1)
    # When the person saves their own changes to both
    response = client.post(url, form_values(tab, total_value="200", **{"ends_on-day": "30", "ends_on-month": "6",
                                                                        "ends_on-year": "2028"}))
    # Then they are shown what each is now, not an error page, nor a date "removed"
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Someone else changed the end date to 31 March 2026" in page and "removed the end date" not in page
    assert "£50" in page
