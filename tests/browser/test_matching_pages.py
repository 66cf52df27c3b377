"""The supplier matching review pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a procurement officer whose spend import left an uncertain supplier name, when they sign in by
keyboard, open the queue from the home page, open the match, send the form unanswered (an error),
then confirm by keyboard alone, then the match leaves the queue and every page passes the check.
Given a review with three candidates, when the officer chooses the second by keyboard alone, then
the name is matched to it. Given a review whose closest candidates are probably group companies, when
the officer opens it from the queue, then both pages say Clearsight suggests none of these, and
choosing "None of these" by keyboard keeps the name apart. Given a supplier whose register review lists
companies it is not, when the officer chooses "Another company" by keyboard, sends it without a number
(an error) and then with the number of the company they know it is, then the supplier is matched to
that company and the decided review says a person entered it. Given a supplier matched automatically
to a company, when the officer follows "Not this company" from the supplier's page by keyboard and
confirms, then the number is removed and the page says Clearsight will not suggest it again. Given a
register question whose supplier has since been given a number, when the officer opens it, then it says
why it is no longer needed and asks nothing."""

import pytest
from django.db.models import F
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.matching import reviews
from clearsight.matching.company import match_suppliers_to_register
from clearsight.matching.models import CompanyRegister, CompanyRegisterEntry, MatchReview
from clearsight.matching.resolve import resolve_supplier_names
from clearsight.supply.models import Supplier

from ..factories import OrganisationFactory, SupplierFactory, make_user
from ..matching_helpers import supplier_review
from .conftest import focus_on


@pytest.fixture
def matching_world(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    SupplierFactory(organisation=council, name="Socotec UK Limited", postcode="DE13 0BZ",
                    company_number="02880501")
    resolve_supplier_names(council, ["Socotec UK Limited"])
    resolve_supplier_names(council, ["Socotec - Aecom"])
    return make_user(council, Role.PROCUREMENT_OFFICER)


def test_matching_pages_are_accessible_by_keyboard(page, live_server, axe, sign_in_with_keyboard, matching_world):
    sign_in_with_keyboard(page, matching_world)
    expect(page.get_by_text("supplier match to review")).to_be_visible()
    focus_on(page, "a:has-text('Review supplier matches')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier matches to review (1)")
    axe(page)

    focus_on(page, "#matches a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Socotec - Aecom and Socotec UK Limited")
    expect(page.locator("#reasons-1 li").first).to_be_visible()  # the reasons, in words
    axe(page)

    focus_on(page, "button:has-text('Save decision')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Select yes if these are the same organisation")).to_be_visible()
    axe(page)

    focus_on(page, "input[name=choice][value='1']")
    page.keyboard.press("Space")
    focus_on(page, "button:has-text('Save decision')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Socotec - Aecom was matched to Socotec UK Limited")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier matches to review (0)")
    axe(page)


def _choose_by_keyboard(page, value, *, steps):
    """From the first radio, the arrow key ``steps`` times (each moves to the next radio and selects
    it), then the form sent with Enter on its button."""
    focus_on(page, "input[name=choice][value='1']")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name=choice][value='{value}']")).to_be_checked()
    focus_on(page, "button:has-text('Save decision')")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def three_candidates(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    review, _, _ = supplier_review(council, "Kiely Bros Ltd",
                                   ["Kiely Bros Holdings Limited", "Kiely Bros (Contractors) Limited", "Kiely Group Ltd"])
    # Also paid under another name with the same supplier number: the page shows it.
    review.left = reviews.record_snapshot("Kiely Bros Ltd", source="A spend file",
                                          account_names=(("KIELY BROTHERS LIMITED", "20001234"),))
    review.save()
    return review, make_user(council, Role.PROCUREMENT_OFFICER)


def test_one_of_three_candidates_is_chosen_by_keyboard(page, live_server, axe, sign_in_with_keyboard, three_candidates):
    review, officer = three_candidates
    sign_in_with_keyboard(page, officer)
    page.goto(f"{live_server.url}/suppliers/matches/{review.public_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiely Bros Ltd and 3 possible matches")
    expect(page.locator("#candidate-1")).to_contain_text("Kiely Bros Holdings Limited")
    expect(page.locator("#candidate-2")).to_contain_text("Likely")
    expect(page.get_by_text("KIELY BROTHERS LIMITED (supplier number 20001234)")).to_be_visible()
    axe(page)

    focus_on(page, "button:has-text('Save decision')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Select which organisation is Kiely Bros Ltd, or none of these")).to_be_visible()
    axe(page)

    _choose_by_keyboard(page, "2", steps=1)
    expect(page.get_by_text("Kiely Bros Ltd was matched to Kiely Bros (Contractors) Limited")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier matches to review (0)")
    expect(page.locator("#why-none")).to_contain_text("matched confidently to a supplier you already have")
    axe(page)


@pytest.fixture
def suggesting_none(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    SupplierFactory(organisation=council, name="Cemex UK Operations Limited")
    resolve_supplier_names(council, ["Cemex UK Operations Limited"])
    resolve_supplier_names(council, ["Cemex UK"])  # a suggestion: listed first
    # Likelier on the names than the suggestion above it: listed after it because none is suggested.
    review, _, _ = supplier_review(council, "Caretech Uk Ltd", ["Caretech Holdings PLC", "Caretech Group Services Ltd"],
                                   probabilities=(0.9999, 0.9998))
    for shown in review.candidates:
        shown["another"] = True
    review.suggests_none = True
    review.why_asked = ("One name says Holdings or Group and the other does not: it may be a parent or sister "
                        "company rather than the same one.")
    review.save()
    return review, make_user(council, Role.PROCUREMENT_OFFICER)


def test_a_review_suggesting_none_of_these_is_clear_and_decided_by_keyboard(page, live_server, axe,
                                                                           sign_in_with_keyboard, suggesting_none):
    review, officer = suggesting_none
    sign_in_with_keyboard(page, officer)
    page.goto(f"{live_server.url}/suppliers/matches")
    rows = page.locator("#matches tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Cemex UK Operations Limited")
    expect(rows.nth(1)).to_contain_text("None of these")
    expect(rows.nth(1)).to_contain_text("Probably another company")
    expect(page.locator("#none-suggested")).to_contain_text("For one of them, listed after the others, Clearsight "
                                                            "suggests none of the organisations it found")
    axe(page)

    focus_on(page, "#matches tbody tr:nth-child(2) a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#suggests-none")).to_contain_text("Clearsight suggests none of these is Caretech Uk Ltd")
    expect(page.get_by_role("heading", name="Closest organisations")).to_be_visible()
    expect(page.locator("#candidate-1")).to_contain_text("Probably another company")
    axe(page)

    _choose_by_keyboard(page, "none", steps=2)  # past the second candidate to "None of these"
    expect(page.get_by_text("Caretech Uk Ltd was kept separate from")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier matches to review (1)")
    axe(page)


def _register_of(*companies):
    """A loaded company register of (name, postcode, number)."""
    register = CompanyRegister.objects.create(source="Test register", version="1")
    for row, (name, postcode, number) in enumerate(companies, start=2):
        CompanyRegisterEntry.objects.create(register=register, name=name, postcode=postcode, company_number=number,
                                            source_row=row)


def _follow_by_keyboard(page, selector):
    """Tab to ``selector`` (a link or button) and press Enter, waiting for the page it leads to."""
    focus_on(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def register_review(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    _register_of(("Seddon Construction Limited", "BL4 0NN", "00172081"), ("Seddon Homes Limited", "BL4 0NN", "02263421"),
                 ("Hire Station Limited", "M50 1AY", "04043223"))
    seddon = SupplierFactory(organisation=council, name="Seddon", postcode="BL4 0NN")
    match_suppliers_to_register(council)
    return MatchReview.objects.get(subject_supplier=seddon), make_user(council, Role.PROCUREMENT_OFFICER)


def test_another_company_is_entered_by_its_number_by_keyboard(page, live_server, axe, sign_in_with_keyboard,
                                                               register_review):
    review, officer = register_review
    sign_in_with_keyboard(page, officer)
    page.goto(f"{live_server.url}/suppliers/matches/{review.public_id}")
    number = page.get_by_label("Company number, if it is another company")
    expect(number).to_be_visible()
    axe(page)

    _choose_by_keyboard(page, "another", steps=len(review.candidates) + 1)  # past "None of these"
    expect(page.get_by_role("link", name="Enter the company number")).to_be_visible()
    expect(page.locator("input[name=choice][value='another']")).to_be_checked()
    axe(page)

    focus_on(page, "input[name=choice][value='another']")
    page.keyboard.press("Tab")  # the box comes next after the question
    expect(number).to_be_focused()
    page.keyboard.type("4043223")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Seddon was matched to Hire Station Limited (04043223)")).to_be_visible()
    axe(page)

    page.goto(f"{live_server.url}/suppliers/matches/{review.public_id}")
    expect(page.locator("#decision")).to_contain_text("Seddon is Hire Station Limited")
    expect(page.locator(f"#candidate-{len(review.candidates) + 1}")).to_contain_text("Entered by a person")
    axe(page)


def test_a_wrong_automatic_match_is_undone_by_keyboard(page, live_server, axe, sign_in_with_keyboard, transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    _register_of(("Hire Station Limited", "M50 1AY", "04043223"))
    hire = SupplierFactory(organisation=council, name="Hire Station Ltd", postcode="M50 1AY")
    assert match_suppliers_to_register(council)["matched"] == 1
    sign_in_with_keyboard(page, make_user(council, Role.PROCUREMENT_OFFICER))
    page.goto(f"{live_server.url}/suppliers/{hire.public_id}")
    expect(page.locator("#company-number-origin")).to_contain_text("Matched automatically to Hire Station Limited")
    axe(page)

    _follow_by_keyboard(page, "#company-number-origin a")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove the company number from Hire Station Ltd?")
    axe(page)

    # Someone else saves the supplier meanwhile: nothing is removed, and the page says so
    Supplier.objects.filter(pk=hire.pk).update(version=F("version") + 1)
    _follow_by_keyboard(page, "button:has-text('Remove the company number')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The supplier changed while you were looking at it")
    assert page.title().startswith("Error: ")
    axe(page)

    _follow_by_keyboard(page, "button:has-text('Remove the company number')")
    expect(page.get_by_text("Clearsight will not suggest Hire Station Limited for it again")).to_be_visible()
    expect(page.locator("#company-number")).to_have_text("Not recorded")
    axe(page)


def test_a_question_no_longer_needed_says_why(page, live_server, axe, sign_in_with_keyboard, register_review):
    review, officer = register_review
    Supplier.objects.filter(pk=review.subject_supplier_id).update(company_number="00172081")
    match_suppliers_to_register(review.organisation)  # the next run ends it
    sign_in_with_keyboard(page, officer)
    page.goto(f"{live_server.url}/suppliers/matches/{review.public_id}")
    expect(page.locator("#decision")).to_have_text(
        "This question is no longer needed. The supplier was given the company number 00172081 since Clearsight asked.")
    expect(page.locator("form input[name=choice]")).to_have_count(0)
    axe(page)


def test_two_records_of_one_organisation_are_merged_from_the_suppliers_page_by_keyboard(
        page, live_server, axe, sign_in_with_keyboard, transactional_db):
    # Given two supplier records with one company number
    council = OrganisationFactory(name="Anytown Council")
    hands = SupplierFactory(organisation=council, name="Helping Hands Care", company_number="99100011")
    home = SupplierFactory(organisation=council, name="Helping Hands Home Care Limited", company_number="99100011")
    sign_in_with_keyboard(page, make_user(council, Role.PROCUREMENT_OFFICER))
    page.goto(f"{live_server.url}/suppliers/{hands.public_id}")
    expect(page.locator("#same-number")).to_contain_text("Another supplier has this company number")
    axe(page)
    # When the officer says it is the same organisation, sending the question unanswered first
    _follow_by_keyboard(page, "#same-as-link")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Is Helping Hands Care the same organisation as another supplier?")
    axe(page)
    _follow_by_keyboard(page, "button:has-text('Continue')")
    expect(page.get_by_role("link", name="Select the supplier it is the same organisation as")).to_be_visible()
    assert page.title().startswith("Error: ")
    axe(page)
    focus_on(page, f"input[name=other][value='{home.public_id}']")
    page.keyboard.press("Space")
    _follow_by_keyboard(page, "button:has-text('Continue')")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merge Helping Hands Care into Helping Hands Home Care Limited?")
    axe(page)
    _follow_by_keyboard(page, "button:has-text('Yes, they are the same organisation')")
    # Then there is one supplier, going by both names
    expect(page.get_by_role("heading", level=1)).to_have_text("Helping Hands Home Care Limited")
    expect(page.get_by_text("are now one supplier")).to_be_visible()
    expect(page.locator("#same-number")).to_have_count(0)
    axe(page)
    assert not Supplier.objects.filter(pk=hands.pk).exists()
