"""The plain rules of the reporting journey (issue 17): which signs a reporter sees, how the reporter's
answer about an adult's consent starts triage, and what the reporter is told after triage."""

import json
from types import SimpleNamespace

import pytest

from clearsight.concerns.consent import ReportedConsent, asked_about, triage_consent
from clearsight.concerns.reference_data import indicator_positions, read
from clearsight.concerns.reporter_status import for_reporter
from clearsight.concerns.routing import Consent
from clearsight.concerns.signs import categories_for, grouped


@pytest.mark.parametrize(
    "ages, expected",
    [
        (["adult"], ("general",)),
        (["adult", "adult"], ("general",)),
        (["adult", "child"], ("general", "child", "situational")),
        (["unknown"], ("general", "child", "situational")),  # treated as a child until their age is known
        ([], ("general", "child", "situational")),  # no one described yet: nothing is left out
    ],
)
def test_signs_follow_the_ages_given(ages, expected):
    assert categories_for(ages) == expected


def sign(code, category, group, label, position):
    return SimpleNamespace(code=code, category=category, group=group, group_label=label, position=position, text=code)


def test_signs_are_grouped_in_reference_order_and_other_categories_left_out():
    signs = [
        sign("general-2", "general", "work", "Work and pay", 102),
        sign("child-1", "child", "child", "Child", 701),
        sign("general-1", "general", "control", "Control", 1),
        sign("general-3", "general", "work", "Work and pay", 101),
    ]
    groups = grouped(signs, ("general",))
    assert [(g.code, [c for c, _ in g.items]) for g in groups] == [
        ("control", ["general-1"]),
        ("work", ["general-3", "general-2"]),
    ]


def test_every_sign_in_the_reference_file_has_a_theme_of_its_own_category():
    data = read("indicators.json")
    themes = {g["code"]: g["category"] for g in data["groups"]}
    assert all(themes[i["group"]] == i["category"] for i in data["indicators"])
    positions = indicator_positions(data)
    assert len(set(positions.values())) == len(data["indicators"])
    # Themes appear on the page in the file's order
    ordered = sorted(data["indicators"], key=lambda i: positions[i["code"]])
    assert list(dict.fromkeys(i["group"] for i in ordered)) == list(themes)
    assert json.dumps(data).count('\\"') == 0  # no stray straight quotes in any text


@pytest.mark.parametrize(
    "reported, expected",
    [
        (ReportedConsent.AGREES, Consent.GIVEN),
        (ReportedConsent.DOES_NOT_AGREE, Consent.REFUSED),
        (ReportedConsent.UNABLE, Consent.UNABLE),
        (ReportedConsent.NOT_TOLD, ""),  # the first responder asks them
        (ReportedConsent.NOT_KNOWN, ""),
        ("", ""),
    ],
)
def test_triage_starts_from_the_reporters_answer(reported, expected):
    assert triage_consent(reported) == expected


def test_consent_is_asked_about_adults_only():
    assert asked_about("adult") and not asked_about("child") and not asked_about("unknown")


@pytest.mark.parametrize(
    "status, outcome, label",
    [
        ("new", "", "Sent"),
        ("in_triage", "", "Being looked at"),
        ("in_triage", "more_information", "More information needed"),
        ("actions_open", "potential_victims", "Action being taken"),
        ("duties_discharged", "potential_victims", "Action taken"),
        ("no_further_action", "not_modern_slavery", "Closed: no further action"),
    ],
)
def test_the_reporter_is_told_what_happened_without_jargon(status, outcome, label):
    told = for_reporter(status, outcome, "Anytown Council")
    assert told.label == label
    words = (told.label + " " + told.explanation).lower()
    assert "discharged" not in words and "triage" not in words and "duties" not in words
    if status != "new" or outcome:
        assert "Anytown Council" in told.explanation
