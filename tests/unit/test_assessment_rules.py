"""The rules of supplier assessments: which questionnaire, how answers are scored and explained,
when a supplier is due again, when an action plan may close, and what an evidence file may be."""

import logging
from datetime import date
from decimal import Decimal

import pytest

from clearsight.assessments import logs, questionnaires, rules
from clearsight.assessments.schedule import current_until, is_current
from clearsight.assessments.services import evidence_problem
from clearsight.supply.models import STATEMENT_AREAS

Facts = rules.SupplierFacts


# --- The questionnaires ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [questionnaires.SHORT, questionnaires.FULL])
def test_each_questionnaire_covers_the_six_statement_areas_and_workforce(kind):
    questionnaire = questionnaires.current(kind)
    assert [s.key for s in questionnaire.sections] == [key for key, _ in STATEMENT_AREAS] + ["workforce"]
    assert all(section.questions for section in questionnaire.sections)
    workforce = {q.key for q in questionnaire.sections[-1].questions}
    assert {"agency_labour", "recruitment_fees", "accommodation", "subcontracting", "right_to_work",
            "grievance", "wages_own_account"} <= workforce


def test_the_short_questionnaire_is_shorter_and_asks_the_full_ones_questions_in_the_same_words():
    short, full = questionnaires.current(questionnaires.SHORT), questionnaires.current(questionnaires.FULL)
    assert len(short.questions) < len(full.questions)
    for question in short.questions:
        assert full.question(question.key) == question


def test_an_unknown_questionnaire_is_refused():
    with pytest.raises(questionnaires.QuestionnaireError):
        questionnaires.get("../settings")
    with pytest.raises(questionnaires.QuestionnaireError):
        questionnaires.get("short-1999")


# --- Which questionnaire ----------------------------------------------------------------------------------

def test_a_small_supplier_with_small_contracts_gets_the_short_questionnaire():
    kind, reason = rules.choose_questionnaire(Facts(is_sme=True, annual_turnover=Decimal("800000"), risk_tier="low",
                                                    largest_contract_value=Decimal("40000")))
    assert kind == questionnaires.SHORT
    assert "small or medium-sized" in reason and "low risk" in reason


def test_a_small_supplier_not_yet_screened_gets_the_short_one_and_the_reason_says_so():
    kind, reason = rules.choose_questionnaire(Facts(is_sme=True))
    assert kind == questionnaires.SHORT
    assert "not been screened" in reason


@pytest.mark.parametrize("facts, words", [
    (Facts(is_sme=True, risk_tier="high"), "high risk"),
    (Facts(is_sme=True, risk_tier="very_high"), "very high risk"),
    (Facts(is_sme=False), "not a small or medium-sized"),
    (Facts(is_sme=True, annual_turnover=Decimal("36000000")), "£36,000,000"),
    (Facts(is_sme=True, largest_contract_value=Decimal("1000001")), "over £1,000,000"),
    (Facts(), "size is not known"),
])
def test_large_high_risk_or_high_value_suppliers_get_the_full_questionnaire(facts, words):
    kind, reason = rules.choose_questionnaire(facts)
    assert kind == questionnaires.FULL
    assert words in reason


def test_a_contract_of_exactly_one_million_does_not_by_itself_need_the_full_questionnaire():
    assert rules.choose_questionnaire(Facts(is_sme=True, largest_contract_value=Decimal("1000000")))[0] == questionnaires.SHORT


def test_every_reason_for_the_full_questionnaire_is_given():
    _, reason = rules.choose_questionnaire(Facts(is_sme=False, risk_tier="high", largest_contract_value=Decimal("2000000")))
    assert "high risk" in reason and "not a small" in reason and "£2,000,000" in reason


# --- Scoring ----------------------------------------------------------------------------------------------

SHORT = questionnaires.current(questionnaires.SHORT)


def best(questionnaire=SHORT, **changes):
    answers = {q.key: {"answer": q.options[0].value} for q in questionnaire.questions}
    answers.update({key: {"answer": value} for key, value in changes.items()})
    return answers


def test_best_answers_score_good_and_say_what_raised_the_score():
    result = rules.score(SHORT, best())
    assert result.result == rules.GOOD and result.percent == 100
    text = " ".join(result.explanation())
    assert "has a written modern slavery policy approved by its leadership" in text
    assert "Result: good." in text


def test_answers_that_do_not_apply_are_not_counted():
    result = rules.score(SHORT, best(agency_labour="none", accommodation="none"))
    assert result.possible == sum(q.max_points for q in SHORT.questions) - 4
    assert result.result == rules.GOOD
    assert any("does not use agency workers" in line for line in result.explanation())


def test_weaker_answers_lower_the_score_and_are_named():
    answers = best(policy_written="no", supplier_checks="no", kpis_used="no", staff_trained="no", high_risk_known="no",
                   sourcing_countries_known="no")
    result = rules.score(SHORT, answers)
    assert result.percent == round(100 * 14 / 26)
    assert result.result == rules.SUB_STANDARD
    lowered = next(line for line in result.explanation() if line.startswith("Lowered by"))
    assert "has no written modern slavery policy" in lowered and "has not trained its staff" in lowered


def test_one_serious_risk_to_workers_caps_an_otherwise_good_result_at_sub_standard():
    result = rules.score(SHORT, best(recruitment_fees="some"))
    assert result.percent >= 80
    assert result.result == rules.SUB_STANDARD
    assert any("no better than sub-standard because the supplier has workers who pay fees" in line
               for line in result.explanation())


def test_two_serious_risks_make_it_poor():
    result = rules.score(SHORT, best(recruitment_fees="some", wages_own_account="mostly"))
    assert result.result == rules.POOR
    assert result.needs_action_plan


def test_unanswered_questions_score_nothing_and_are_counted():
    answers = best()
    del answers["policy_written"]
    result = rules.score(SHORT, answers)
    assert result.unanswered == 1
    assert "1 question was not answered and scored nothing." in result.explanation()


@pytest.mark.parametrize("percent_points, expected", [(21, rules.GOOD), (16, rules.ADEQUATE), (11, rules.SUB_STANDARD), (10, rules.POOR)])
def test_result_bands(percent_points, expected):
    # 26 points possible in the short questionnaire: 21 = 81%, 16 = 62%, 11 = 42%, 10 = 38%
    answers = best()
    lost = 26 - percent_points
    for q in [q for q in SHORT.questions if not any(o.critical for o in q.options)]:
        if lost <= 0:
            break
        worst = min((o for o in q.options if o.points is not None and not o.critical), key=lambda o: o.points)
        middle = next((o for o in q.options if o.points == 1), None)
        if lost == 1 and middle is not None:
            answers[q.key] = {"answer": middle.value}
            lost -= 1
        else:
            answers[q.key] = {"answer": worst.value}
            lost -= q.max_points - worst.points
    result = rules.score(SHORT, answers)
    assert result.points == percent_points
    assert result.result == expected


# --- Reassessment -----------------------------------------------------------------------------------------

def test_an_assessment_is_current_for_twelve_months():
    assert current_until(date(2026, 3, 15)) == date(2027, 3, 14)
    assert is_current(date(2026, 3, 15), date(2027, 3, 14))
    assert not is_current(date(2026, 3, 15), date(2027, 3, 15))
    assert not is_current(date(2026, 3, 15), date(2026, 3, 14))


def test_reassessment_is_due_a_year_after_completion_without_a_renewal():
    due = rules.next_assessment_due(date(2026, 3, 15), [])
    assert due.on == date(2027, 3, 15) and "a year after" in due.reason


def test_a_contract_renewal_brings_reassessment_forward_by_the_notice_period():
    due = rules.next_assessment_due(date(2026, 3, 15), [date(2026, 12, 31), date(2028, 1, 1)], notice_days=90)
    assert due.on == date(2026, 10, 2)
    assert "31 December 2026" in due.reason


def test_a_renewal_the_last_assessment_already_came_after_does_not_count():
    # Renewal on 1 May 2026: 90 days before it is 31 January 2026, before the assessment.
    due = rules.next_assessment_due(date(2026, 3, 15), [date(2026, 5, 1)], notice_days=90)
    assert due.on == date(2027, 3, 15)


def test_due_status():
    today = date(2026, 6, 1)
    assert rules.due_status(None, today) == "never"
    assert rules.due_status(date(2026, 5, 31), today) == "overdue"
    assert rules.due_status(date(2026, 7, 1), today) == "due_soon"
    assert rules.due_status(date(2026, 7, 2), today) == "current"


# --- Action plans -----------------------------------------------------------------------------------------

def test_a_plan_closes_when_every_action_is_done():
    assert rules.plan_closure_problem(["done", "done"], escalated=False) == ""


def test_a_plan_with_open_actions_cannot_close_and_says_how_many():
    assert rules.plan_closure_problem(["done", "in_progress", "not_started"], escalated=False).startswith("2 actions are not done")


def test_an_escalated_plan_can_close_with_actions_open():
    assert rules.plan_closure_problem(["not_started"], escalated=True) == ""


def test_an_empty_plan_cannot_close_unless_escalated():
    assert "Add at least one action" in rules.plan_closure_problem([], escalated=False)


# --- Evidence files and logs ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, head", [("policy.pdf", b"%PDF-1.7"), ("Register.XLSX", b"PK\x03\x04"), ("a.docx", b"PK\x03\x04"),
                                        ("photo.jpg", b"\xff\xd8\xff\xe0"), ("scan.png", b"\x89PNG\r\n\x1a\n")])
def test_allowed_evidence_files(name, head):
    assert evidence_problem(name, 1000, head) == ""


@pytest.mark.parametrize("name, size, head, message", [
    ("virus.exe", 1000, b"MZ", "must be a PDF, DOCX, XLSX, PNG or JPG"),
    ("noextension", 1000, b"%PDF", "must be a PDF"),
    ("big.pdf", 10 * 1024 * 1024 + 1, b"%PDF-", "smaller than 10MB"),
    ("empty.pdf", 0, b"", "is empty"),
    ("renamed.pdf", 1000, b"MZ\x90\x00", "not a real PDF file"),
])
def test_refused_evidence_files_say_why(name, size, head, message):
    assert message in evidence_problem(name, size, head)


def test_link_tokens_are_taken_out_of_log_lines(caplog):
    logs.install()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        logging.getLogger("django.request").warning("Not Found: %s", "/supplier-assessment/SECRETtoken123/check-answers/")
    assert "SECRETtoken123" not in caplog.text
    assert "/supplier-assessment/[link]/check-answers/" in caplog.text
