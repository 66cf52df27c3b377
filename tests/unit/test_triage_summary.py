"""The reporter's answers shown and selected at triage, and the few words that tell concerns apart."""

from clearsight.concerns.triage_summary import (
    as_triaged,
    danger_answer,
    shorten,
    supplier_answer,
    what_summary,
    where_summary,
)


def test_the_reporters_yes_or_no_about_danger_is_selected_for_the_first_responder_to_confirm():
    yes = danger_answer("yes", called_999=True)
    assert yes.initial == "yes"
    assert yes.hint.startswith("The reporter said: Yes, and they called 999.")
    assert "change it" in yes.hint
    assert danger_answer("no").initial == "no"
    assert danger_answer("no").hint.startswith("The reporter said: No.")


def test_a_reporter_who_was_not_sure_about_danger_leaves_the_decision_open():
    answer = danger_answer("not_sure")
    assert answer.initial == ""
    assert answer.hint == "The reporter said: I'm not sure. Decide from what you know now."
    assert danger_answer("") == danger_answer(None)
    assert danger_answer("").hint == ""


def test_a_business_the_reporter_named_is_selected_as_a_supplier_to_check():
    answer = supplier_answer("yes", "Sparkle Car Wash,\nStation Road")
    assert answer.initial == "yes"
    assert "“Sparkle Car Wash,”" in answer.hint
    assert "change it to No if it is not a supplier or contractor of the council" in answer.hint
    assert supplier_answer("no").initial == "no"
    assert supplier_answer("not_sure").initial == ""
    assert supplier_answer("").hint == ""


def test_a_second_triage_selects_the_first_triages_answer_and_still_shows_the_reporters():
    answer = as_triaged(danger_answer("yes"), "no")
    assert answer.initial == "no"
    assert answer.hint.startswith("The reporter said: Yes.")
    assert "last triage" in answer.hint


def test_shorten_cuts_at_a_word_and_keeps_the_first_line():
    assert shorten("Car wash\nbehind the station") == "Car wash"
    assert shorten("one two three four", 10) == "one two…"
    assert shorten("") == "" and shorten(None) == ""


def test_what_a_concern_is_about_is_the_kinds_of_exploitation_then_the_signs():
    assert what_summary(["Labour exploitation"]) == "Labour exploitation"
    assert (
        what_summary(
            [
                "Forced to commit a crime, such as growing cannabis",
                "County lines (moving drugs)",
                "Forced into prostitution",
            ]
        )
        == "Forced to commit a crime and 2 more"
    )
    assert what_summary(["County lines (moving and selling drugs across areas)"]) == "County lines"
    assert what_summary([], "Forced begging") == "Other: Forced begging"
    assert what_summary([], "", ["Has no passport", "Looks tired", "Is not paid"]) == "Has no passport and 2 more signs"
    assert what_summary([], "", ["Has no passport", "Looks tired"]) == "Has no passport and 1 more sign"
    assert what_summary([], "", []) == "Not known"


def test_where_a_concern_is_is_the_kind_of_place_and_the_place():
    assert where_summary("Car wash", "", "Station Road, Anytown") == "Car wash: Station Road, Anytown"
    assert where_summary("Somewhere else", "Council offices", "") == "Council offices"
    assert where_summary("", "", "") == "Not known"
