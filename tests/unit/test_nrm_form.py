"""The Home Office NRM referral and Duty to Notify form: our definition, our branching rules and the
NRM-ready view all follow the Home Office's own field list.

The reference (../shared/reference/home-office-referral-form-fields.md, beside the repository) is
the Home Office form page by page. When the Home Office changes its form, these tests fail until
the definition is rebuilt (scripts/build_nrm_form.py) and the flow rules are checked."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from clearsight.concerns import nrm_form, nrm_reference
from clearsight.concerns.models import Action, Concern, ConcernPerson, StatutoryReferral
from clearsight.concerns.routing import AgeGroup
from clearsight.core.roles import Role

from ..factories import ConcernFactory, make_user
from ..shared_data import shared_file

REFERENCE = "reference/home-office-referral-form-fields.md"  # in ../shared
LABEL_LIMIT = 100  # the reference cuts labels off at 100 characters


@pytest.fixture(scope="module")
def reference():
    return nrm_reference.parse(shared_file(REFERENCE).read_text(encoding="utf-8"))


# --- the NRM-ready view mirrors the Home Office form ------------------------------------------


class SectionsAndFields(HTMLParser):
    """Collects each <section data-step> and the data-field of the rows inside it, in page order."""

    def __init__(self):
        super().__init__()
        self.sections = []
        self.depth = 0  # how deep inside the current section we are

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "data-step" in attrs:
            self.sections.append((attrs["data-step"], []))
            self.depth = 1
            return
        if self.depth:
            if tag == "section":
                self.depth += 1
            if "data-field" in attrs:
                self.sections[-1][1].append(attrs["data-field"])

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1


@pytest.fixture
def referral(anytown):
    first_responder = make_user(anytown, Role.FIRST_RESPONDER, Role.STAFF)
    concern = ConcernFactory(
        reporter=first_responder,
        reporter_organisation=anytown,
        handling_organisation=anytown,
        status=Concern.Status.ACTIONS_OPEN,
        what_happened="Worked long hours without pay.",
    )
    person = ConcernPerson.objects.create(concern=concern, age_group=AgeGroup.ADULT)
    action = Action.objects.create(
        concern=concern,
        person=person,
        kind="nrm_referral",
        title="Refer to the NRM",
        owner=first_responder,
        due_at=concern.created_at,
    )
    answers = {
        "reference": concern.reference,
        "pv-under-age": "no",
        "pv-want-to-submit-nrm": "yes",
        "types-of-exploitation-forced-to-work": True,
        "pv-contact-details": ["post"],
    }
    referral = StatutoryReferral.objects.create(action=action, kind=StatutoryReferral.Kind.NRM, answers=answers)
    referral.first_responder = first_responder
    return referral


@pytest.mark.django_db
def test_nrm_ready_view_has_every_page_and_question_of_the_home_office_form_in_order(
    client, sign_in, reference, referral
):
    # Given a first responder with an NRM referral in progress
    sign_in(client, referral.first_responder)
    # When they open the NRM-ready view
    response = client.get(reverse("concerns:referral-ready", kwargs={"public_id": referral.public_id}))
    assert response.status_code == 200
    parser = SectionsAndFields()
    parser.feed(response.content.decode())
    # Then its sections are the Home Office pages, in the Home Office order...
    shown_steps = [step for step, _ in parser.sections]
    expected_steps = [page["step"] for page in reference]
    assert shown_steps == expected_steps, _first_difference(shown_steps, expected_steps)
    # ...and each section asks the page's questions, in the Home Office order.
    for (step, fields), page in zip(parser.sections, reference):
        expected_fields = [f["key"] for f in page["fields"]]
        assert fields == expected_fields, f"{step}: {_first_difference(fields, expected_fields)}"


def _first_difference(shown, expected):
    for i, (a, b) in enumerate(zip(shown, expected)):
        if a != b:
            return f"position {i + 1}: shown {a!r}, the Home Office form has {b!r}"
    if len(shown) != len(expected):
        return f"shown {len(shown)} items, the Home Office form has {len(expected)}"
    return "no difference"


def test_the_comparison_notices_a_missing_or_misplaced_question(reference):
    """The parser behind the acceptance test sees exactly the rows inside each section."""
    step, fields = reference[7]["step"], [f["key"] for f in reference[7]["fields"]]

    def shown(keys):
        rows = "".join(f'<div data-field="{key}"></div>' for key in keys)
        parser = SectionsAndFields()
        parser.feed(f'<section data-step="{step}"><dl>{rows}</dl></section><div data-field="outside"></div>')
        return parser.sections

    assert shown(fields) == [(step, fields)]
    assert shown(fields[1:]) != [(step, fields)]
    assert shown(list(reversed(fields))) != [(step, fields)]


# --- the definition matches the reference ------------------------------------------------------


def test_definition_has_the_reference_pages_in_order(reference):
    assert [p["step"] for p in nrm_form.definition()["pages"]] == [p["step"] for p in reference]
    assert [p.step for p in nrm_form.pages()] == [p["step"] for p in reference]


def test_definition_pages_match_the_reference(reference):
    for ours, theirs in zip(nrm_form.definition()["pages"], reference):
        step = theirs["step"]
        assert ours["heading"] == theirs["heading"], step
        assert ours["next"] == theirs["next"], step
        assert [f["key"] for f in ours["fields"]] == [f["key"] for f in theirs["fields"]], step
        for field, expected in zip(ours["fields"], theirs["fields"]):
            where = f"{step} {expected['key']}"
            assert field["type"] == expected["type"], where
            assert field["required"] == expected["required"], where
            assert field["condition"] == expected["condition"], where
            assert field["options"] == expected["options"], where
            assert field["options_from_list"] == expected["options_from_list"], where
            _assert_same_label(field["label"], expected["label"], where)


def test_form_objects_match_the_reference(reference):
    for page, theirs in zip(nrm_form.pages(), reference):
        assert page.heading == theirs["heading"]
        for field, expected in zip(page.fields, theirs["fields"], strict=True):
            assert (
                field.key,
                field.type,
                field.required,
                field.condition,
                list(field.options),
                field.options_from_list,
            ) == (
                expected["key"],
                expected["type"],
                expected["required"],
                expected["condition"],
                expected["options"],
                expected["options_from_list"],
            ), page.step
            _assert_same_label(field.label, expected["label"], f"{page.step} {field.key}")


def _assert_same_label(ours, theirs, where):
    if len(theirs) >= LABEL_LIMIT:
        assert ours[:LABEL_LIMIT] == theirs[:LABEL_LIMIT], where
    else:
        assert ours == theirs, where


def test_text_boxes_take_the_home_office_limit():
    textareas = [f for p in nrm_form.pages() for f in p.fields if f.type == "textarea"]
    assert textareas and all(f.max_length == 15000 for f in textareas)


# --- the flow -----------------------------------------------------------------------------------


def steps(answers):
    return [p.step for p in nrm_form.applicable_pages(answers)]


def walk(answers):
    """The pages a first responder is taken through, following next_step from the first page."""
    seen, step = [], nrm_form.next_step(answers, None)
    while step is not None:
        seen.append(step)
        step = nrm_form.next_step(answers, step)
    return seen


@pytest.mark.parametrize("under_age", ["yes", "not-sure"])
def test_child_branch_asks_the_local_authority_and_skips_consent(under_age):
    answers = {"pv-under-age": under_age}
    assert nrm_form.next_step(answers, "/pv-under-age") == "/local-authority-contacted-about-child"
    assert "/pv-under-age-at-time-of-exploitation" not in steps(answers)
    # A child must be referred: no consent question, and straight from co-operation to their name
    assert "/pv-want-to-submit-nrm" not in steps(answers)
    assert nrm_form.next_step(answers, "/authorities-cooperation") == "/pv-name-referral"
    assert not nrm_form.is_duty_to_notify({**answers, "pv-want-to-submit-nrm": "no"})
    # The decision goes to the local authority already named
    assert "/who-contact" not in steps(answers)
    assert walk(answers) == steps(answers)


def test_adult_is_asked_their_age_at_the_time_and_for_consent():
    answers = {"pv-under-age": "no"}
    assert nrm_form.next_step(answers, "/pv-under-age") == "/pv-under-age-at-time-of-exploitation"
    assert "/local-authority-contacted-about-child" not in steps(answers)
    assert "/pv-want-to-submit-nrm" in steps(answers)


def test_adult_who_consents_goes_to_the_referral_pages():
    answers = {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes", "does-pv-need-support": "yes"}
    assert nrm_form.next_step(answers, "/pv-want-to-submit-nrm") == "/does-pv-need-support"
    assert nrm_form.next_step(answers, "/does-pv-need-support") == "/pv-phone-number"
    assert "/refuse-nrm" not in steps(answers)
    assert {"/pv-name-referral", "/pv-dob", "/fr-details"} <= set(steps(answers))


def test_adult_who_refuses_goes_to_the_duty_to_notify_pages():
    answers = {"pv-under-age": "no", "pv-want-to-submit-nrm": "no"}
    assert nrm_form.is_duty_to_notify(answers)
    assert nrm_form.next_step(answers, "/pv-want-to-submit-nrm") == "/refuse-nrm"
    assert nrm_form.next_step(answers, "/refuse-nrm") == "/pv-gender-dtn"
    assert nrm_form.next_step(answers, "/pv-gender-dtn") == "/pv-nationality-dtn"
    # Without agreeing to co-operate: no name or contact details, and the report ends there
    assert nrm_form.next_step(answers, "/pv-nationality-dtn") is None
    assert not {"/pv-name-dtn", "/pv-contact-details-dtn", "/pv-name-referral", "/pv-dob", "/fr-details"} & set(
        steps(answers)
    )
    # Agreeing to co-operate adds their name and how to contact them
    cooperating = {**answers, "authorities-cooperation": "yes"}
    assert nrm_form.next_step(cooperating, "/pv-nationality-dtn") == "/pv-name-dtn"
    assert nrm_form.next_step(cooperating, "/pv-name-dtn") == "/pv-contact-details-dtn"


IDENTIFYING = {
    "pv-name-first-name": "Alex",
    "pv-name-last-name": "Smith",
    "pv-name-nickname": "Al",
    "pv-dob": "1990-01-02",
    "pv-contact-details": ["email", "post"],
    "pv-contact-details-email-input": "alex@example.org",
    "pv-contact-details-email-check": True,
    "pv-contact-details-street": "1 Example Street",
    "pv-contact-details-town": "Anytown",
    "pv-contact-details-postcode": "AN1 1AA",
    "pv-contact-details-post-check": True,
}


def _identifying(keys):
    return sorted(
        k
        for k in keys
        if k in ("pv-name-first-name", "pv-name-last-name", "pv-dob") or k.startswith("pv-contact-details")
    )


@pytest.mark.parametrize("cooperation", [None, "no"])
def test_duty_to_notify_keeps_no_name_date_of_birth_or_contact_details(cooperation):
    answers = {
        "pv-under-age": "no",
        "pv-want-to-submit-nrm": "no",
        "refuse-nrm": "They are afraid.",
        "pv-gender": "female",
        **IDENTIFYING,
    }
    if cooperation:
        answers["authorities-cooperation"] = cooperation
    cleaned = nrm_form.clean_answers(answers)
    assert _identifying(cleaned) == []
    assert cleaned["refuse-nrm"] == "They are afraid." and cleaned["pv-gender"] == "female"


def test_duty_to_notify_keeps_name_and_contact_details_when_they_agree_to_co_operate():
    answers = {"pv-under-age": "no", "pv-want-to-submit-nrm": "no", "authorities-cooperation": "yes", **IDENTIFYING}
    cleaned = nrm_form.clean_answers(answers)
    assert cleaned["pv-name-first-name"] == "Alex" and cleaned["pv-name-last-name"] == "Smith"
    assert cleaned["pv-contact-details-email-input"] == "alex@example.org"
    assert cleaned["pv-contact-details-street"] == "1 Example Street"
    # The Duty to Notify form never asks for a date of birth
    assert "pv-dob" not in cleaned


def test_referral_keeps_the_name_and_date_of_birth():
    answers = {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes", "who-contact": "potential-victim", **IDENTIFYING}
    cleaned = nrm_form.clean_answers(answers)
    assert _identifying(cleaned) == _identifying(IDENTIFYING)


def test_postal_address_is_asked_only_when_post_is_chosen():
    street = next(
        f for f in nrm_form.page("/pv-contact-details-referral").fields if f.key == "pv-contact-details-street"
    )
    email = next(
        f for f in nrm_form.page("/pv-contact-details-referral").fields if f.key == "pv-contact-details-email-input"
    )
    assert not nrm_form.field_applies(street, {"pv-contact-details": ["email"]})
    assert nrm_form.field_applies(street, {"pv-contact-details": ["post"]})
    assert nrm_form.field_applies(email, {"pv-contact-details": ["email", "post"]})
    assert not nrm_form.field_applies(email, {})

    answers = {
        "pv-under-age": "no",
        "pv-want-to-submit-nrm": "yes",
        "who-contact": "potential-victim",
        "pv-contact-details": ["email"],
    }
    missing = {f.key for step, f in nrm_form.missing_answers(answers) if step == "/pv-contact-details-referral"}
    assert "pv-contact-details-email-input" in missing
    assert "pv-contact-details-street" not in missing
    # An address typed before email was chosen instead is not kept
    cleaned = nrm_form.clean_answers({**answers, "pv-contact-details-street": "1 Example Street"})
    assert "pv-contact-details-street" not in cleaned


def test_other_implied_conditions():
    fields = {f.key: f for f in nrm_form.page("/reported-to-police").fields}
    assert not nrm_form.field_applies(fields["reported-to-police-crime-reference"], {"reported-to-police": "no"})
    assert nrm_form.field_applies(fields["reported-to-police-crime-reference"], {"reported-to-police": "yes"})
    other = next(f for f in nrm_form.page("/types-of-exploitation").fields if f.key == "other-exploitation-details")
    assert not nrm_form.field_applies(other, {})
    assert nrm_form.field_applies(other, {"types-of-exploitation-other": True})


def test_pages_not_reached_in_the_current_form_never_apply():
    for step in nrm_form.UNREACHABLE:
        assert not nrm_form.page_applies(step, {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes"})


def test_tasks_cover_the_applicable_pages_once():
    for answers in (
        {"pv-under-age": "yes"},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "no"},
        {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes"},
    ):
        grouped = [p.step for _, group, _ in nrm_form.tasks(answers) for p in group]
        assert sorted(grouped) == sorted(steps(answers))


def test_task_status():
    answers = {"pv-under-age": "no", "pv-want-to-submit-nrm": "no"}
    status = {screen.slug: state for screen, _, state in nrm_form.tasks(answers)}
    assert status["about-them"] == "not_started"
    answers.update({"pv-gender": "male", "pv-nationality": "British"})
    status = {screen.slug: state for screen, _, state in nrm_form.tasks(answers)}
    assert status["about-them"] == "complete"
    assert status["what-happened"] == "not_started"


# --- the pages Clearsight asks them on ------------------------------------------------------------

BRANCHES = {
    "child": {"pv-under-age": "yes"},
    "adult referral": {"pv-under-age": "no", "pv-want-to-submit-nrm": "yes"},
    "duty to notify": {"pv-under-age": "no", "pv-want-to-submit-nrm": "no"},
}


def test_every_home_office_page_is_asked_on_exactly_one_page():
    asked = [step for screen in nrm_form.SCREENS for step in screen.steps]
    assert len(asked) == len(set(asked))
    assert set(asked) == {p.step for p in nrm_form.pages()} - nrm_form.UNREACHABLE


def test_a_page_asked_after_an_answer_is_on_the_same_page_as_that_answer():
    for step, fork in nrm_form.FORKS.items():
        screen = nrm_form.screen_for_step(step)
        keys = {f.key for s in screen.steps for f in nrm_form.page(s).fields}
        assert fork.key in keys, step


def _every_fork_answer(base):
    """The branch's answers with each answer that adds or removes a Home Office page, one at a time,
    and all of those that add pages at once."""
    choices = {}
    for fork in nrm_form.FORKS.values():
        choices.setdefault(fork.key, set())
        choices[fork.key] |= set(fork.values) - {nrm_form.ANY}
    choices["upload-file"] = {("A photograph",)}
    choices["authorities-cooperation"] = {"yes", "no"}
    yield dict(base)
    everything = dict(base)
    for key, values in sorted(choices.items()):
        for value in sorted(values, key=str):
            yield {**base, key: value}
            everything[key] = value
    yield everything


@pytest.mark.parametrize("branch", BRANCHES)
def test_the_number_of_pages_depends_only_on_the_branch(branch):
    counts = {len(nrm_form.applicable_screens(answers)) for answers in _every_fork_answer(BRANCHES[branch])}
    assert counts == {{"child": 14, "adult referral": 15, "duty to notify": 12}[branch]}


def test_fewer_pages_than_one_home_office_page_at_a_time():
    for answers in BRANCHES.values():
        assert len(nrm_form.applicable_screens(answers)) < len(nrm_form.applicable_pages(answers)) / 2


def test_an_anonymous_duty_to_notify_asks_nothing_that_identifies_the_person():
    anonymous = BRANCHES["duty to notify"]
    assert nrm_form.is_anonymous(anonymous) and nrm_form.is_anonymous({**anonymous, "authorities-cooperation": "no"})
    asked = {f.key for p in nrm_form.applicable_pages(anonymous) for f in p.fields}
    assert not asked & {
        "birthplace",
        "family",
        "education",
        "employment-history",
        "current-pv-location-uk-city",
        "pv-name-first-name",
        "pv-dob",
        "pv-contact-details",
        "fr-details-first-name",
    }
    # Gender, nationality and why they did not consent are what it says about the person
    assert {"pv-gender", "pv-nationality", "refuse-nrm"} <= asked
    helping = {**anonymous, "authorities-cooperation": "yes"}
    assert not nrm_form.is_anonymous(helping)
    asked = {f.key for p in nrm_form.applicable_pages(helping) for f in p.fields}
    assert {"birthplace", "family", "current-pv-location-uk-city", "pv-name-first-name", "pv-contact-details"} <= asked


def test_next_screen_walks_the_branch_in_order():
    answers = BRANCHES["duty to notify"]
    walked, slug = [], nrm_form.next_screen(answers, None)
    while slug:
        walked.append(slug)
        slug = nrm_form.next_screen(answers, slug)
    assert walked == [s.slug for s in nrm_form.applicable_screens(answers)]
    assert walked[0] == "about-you" and walked[-1] == "about-them"


def test_email_for_someone_else_is_asked_when_email_is_chosen():
    email = next(f for f in nrm_form.page("/someone-else").fields if f.key == "someone-else-email-input")
    assert nrm_form.field_applies(email, {"someone-else": ["email"]})
    assert not nrm_form.field_applies(email, {"someone-else": ["post"]})
