"""An assessment's answers laid out by the questionnaire's sections, for the council's review page
and the supplier's check-your-answers page."""


def answer_rows(assessment, questionnaire, evidence_files, question_url=None) -> list[dict]:
    """[{"section", "rows": [{"question", "option", "detail", "evidence", "url"?}]}] in questionnaire
    order; ``question_url(key)`` adds a link to change each answer."""
    evidence = {}
    for item in evidence_files:
        evidence.setdefault(item.question, []).append(item)
    sections = []
    for section in questionnaire.sections:
        rows = []
        for q in section.questions:
            saved = assessment.answers.get(q.key) or {}
            row = {"question": q, "option": q.option(saved.get("answer")), "detail": saved.get("detail", ""),
                   "evidence": evidence.get(q.key, [])}
            if question_url is not None:
                row["url"] = question_url(q.key)
            rows.append(row)
        sections.append({"section": section, "rows": rows})
    return sections
