"""The Home Office NRM referral and Duty to Notify form: its pages in order, which apply to a
referral given the answers so far, which answers are required, and what a record may hold.

The pages and fields come from reference/home_office_referral_form.json (built from the Home Office
field list). The branching rules below are ours, written from the form's "next" and "fork" columns;
where the reference names a fork without its condition (``<fn>``) the rule is explained beside it.
No Django here.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFINITION = Path(__file__).parent / "reference" / "home_office_referral_form.json"
INPUT_TEXT_LIMIT = 500  # our own limit for one-line answers; the Home Office states none


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    label: str
    required: bool
    condition: str | None
    options: tuple
    options_from_list: int | None

    @property
    def max_length(self):
        if self.type == "textarea":
            return definition()["text_limit"]
        if self.type == "input-text":
            return INPUT_TEXT_LIMIT
        return None


@dataclass(frozen=True)
class Page:
    step: str
    heading: str
    fields: tuple

    @property
    def title(self):
        """What the page asks, for headings and the check-answers view."""
        return self.heading or (self.fields[0].label if self.fields else self.step)


@lru_cache(maxsize=1)
def definition():
    return json.loads(DEFINITION.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def pages() -> tuple:
    result = []
    for page in definition()["pages"]:
        fields = tuple(
            Field(f["key"], f["type"], f["label"], f["required"], f["condition"], tuple(f["options"]), f["options_from_list"])
            for f in page["fields"]
        )
        result.append(Page(page["step"], page["heading"], fields))
    return tuple(result)


def page(step) -> Page:
    for p in pages():
        if p.step == step:
            return p
    raise KeyError(step)


# --- which pages apply -----------------------------------------------------------------------

def _is(answers, key, *values):
    return answers.get(key) in values


def is_child(answers):
    """Under 18, or not sure: a child must be referred and does not need to consent."""
    return _is(answers, "pv-under-age", "yes", "not-sure")


def is_duty_to_notify(answers):
    """An adult who does not consent: the Duty to Notify branch."""
    return not is_child(answers) and _is(answers, "pv-want-to-submit-nrm", "no")


def is_referral(answers):
    return is_child(answers) or _is(answers, "pv-want-to-submit-nrm", "yes")


ALWAYS = lambda a: True  # noqa: E731

APPLIES = {
    "/local-authority-contacted-about-child": is_child,
    "/pv-under-age-at-time-of-exploitation": lambda a: _is(a, "pv-under-age", "no"),
    "/when-did-the-exploitation-take-place": lambda a: not _is(a, "potential-victim-exploitative-situation-multiple", "yes"),
    "/when-did-the-exploitation-take-place-multiple": lambda a: _is(a, "potential-victim-exploitative-situation-multiple", "yes"),
    "/reasons-preventing-potential-victim-from-leaving": lambda a: _is(a, "still-in-exploitative-situation", "yes"),
    "/how-why-did-they-leave-the-situation": lambda a: not _is(a, "still-in-exploitative-situation", "yes"),
    "/why-report-now": lambda a: _is(a, "is-this-the-first-chance-to-report", "no"),
    "/where-exploitation-happened-uk": lambda a: _is(a, "where-exploitation-happened", "uk", "uk-and-overseas"),
    "/where-exploitation-happened-overseas": lambda a: _is(a, "where-exploitation-happened", "overseas", "uk-and-overseas"),
    "/are-exploiters-in-the-uk": lambda a: _is(a, "exploiters-location", "yes"),
    "/exploiters-current-location-details": lambda a: _is(a, "exploiters-location", "yes"),
    "/concerns-future-exploitation": lambda a: _is(a, "future-exploitation-concerns", "yes"),
    # The consent question is for adults; the form forks children straight to the victim's name.
    "/pv-want-to-submit-nrm": lambda a: not is_child(a),
    # Duty to Notify branch: only the reason, gender and nationality, and the person's name and
    # contact details only where they agreed to co-operate with the authorities.
    "/refuse-nrm": is_duty_to_notify,
    "/pv-gender-dtn": is_duty_to_notify,
    "/pv-nationality-dtn": is_duty_to_notify,
    "/pv-name-dtn": lambda a: is_duty_to_notify(a) and _is(a, "authorities-cooperation", "yes"),
    "/pv-contact-details-dtn": lambda a: is_duty_to_notify(a) and _is(a, "authorities-cooperation", "yes"),
    # Referral branch. Support is asked of consenting adults (children are supported by the council).
    "/does-pv-need-support": lambda a: is_referral(a) and not is_child(a),
    "/pv-phone-number": lambda a: is_referral(a) and not is_child(a) and _is(a, "does-pv-need-support", "yes"),
    "/pv-name-referral": is_referral,
    "/pv-dob": is_referral,
    "/pv-gender-referral": is_referral,
    "/does-pv-have-children": is_referral,
    "/pv-nationality-referral": is_referral,
    "/pv-interpreter-requirements": is_referral,
    "/pv-other-help-with-communication": is_referral,
    "/pv-ho-reference": is_referral,
    # For a child the decision goes to the local authority already named, so the form skips to the
    # first responder's details.
    "/who-contact": lambda a: is_referral(a) and not is_child(a),
    "/someone-else": lambda a: is_referral(a) and not is_child(a) and _is(a, "who-contact", "someone-else"),
    "/pv-contact-details-referral": lambda a: is_referral(a) and not is_child(a) and _is(a, "who-contact", "potential-victim"),
    "/fr-details": is_referral,
    "/fr-alternative-contact": is_referral,
    "/upload-evidence": is_referral,
    "/what-evidence-you-will-submit": lambda a: is_referral(a) and bool(a.get("upload-file")),
    # Listed in the reference, but no page leads to them in the current form.
    "/more-than-one-exploitation-situation": lambda a: False,
    "/why-are-you-making-the-referral": lambda a: False,
}

UNREACHABLE = {"/more-than-one-exploitation-situation", "/why-are-you-making-the-referral"}

# Fields that the reference marks required without saying when, but which only make sense after a
# particular answer (a postal address only when post was chosen, and so on).
IMPLIED_CONDITIONS = {
    "pv-contact-details-email-input": ("pv-contact-details", "email"),
    "pv-contact-details-email-check": ("pv-contact-details", "email"),
    "pv-contact-details-street": ("pv-contact-details", "post"),
    "pv-contact-details-town": ("pv-contact-details", "post"),
    "pv-contact-details-county": ("pv-contact-details", "post"),
    "pv-contact-details-postcode": ("pv-contact-details", "post"),
    "pv-contact-details-post-check": ("pv-contact-details", "post"),
    "someone-else-street": ("someone-else", "post"),
    "someone-else-town": ("someone-else", "post"),
    "someone-else-county": ("someone-else", "post"),
    "someone-else-postcode": ("someone-else", "post"),
    "reported-to-police-police-forces": ("reported-to-police", "yes"),
    "reported-to-police-crime-reference": ("reported-to-police", "yes"),
    "other-exploitation-details": ("types-of-exploitation-other", True),
}


def page_applies(step, answers) -> bool:
    return APPLIES.get(step, ALWAYS)(answers)


def applicable_pages(answers) -> list:
    return [p for p in pages() if page_applies(p.step, answers)]


def field_applies(field, answers) -> bool:
    if field.condition:
        key, _, value = field.condition.partition("=")
        current = answers.get(key.strip())
        if not (value.strip() in current if isinstance(current, list) else current == value.strip()):
            return False
    if field.key in IMPLIED_CONDITIONS:
        key, value = IMPLIED_CONDITIONS[field.key]
        current = answers.get(key)
        if isinstance(current, list):
            return value in current
        return current == value
    return True


def next_step(answers, step):
    """The next page that applies after ``step``, or None at the end."""
    steps = [p.step for p in applicable_pages(answers)]
    if step not in steps:
        return steps[0] if steps else None
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def missing_answers(answers) -> list:
    """(step, field) pairs for required questions on applicable pages that have no answer."""
    missing = []
    for p in applicable_pages(answers):
        for f in p.fields:
            if f.required and field_applies(f, answers) and answers.get(f.key) in (None, "", [], False):
                missing.append((p.step, f))
    return missing


def clean_answers(answers) -> dict:
    """Keep only answers to questions the form asks in this referral's branch. A Duty to Notify
    report therefore never holds a name, date of birth or contact details unless the person agreed."""
    kept = {}
    for p in applicable_pages(answers):
        for f in p.fields:
            if f.key in answers and field_applies(f, answers):
                kept[f.key] = answers[f.key]
    return kept


# Groups of consecutive pages, for the task list a first responder works through.
TASKS = [
    ("About the referral and the potential victim's age", "/reference"),
    ("What happened", "/what-happened"),
    ("Leaving and reporting", "/when-last-contact"),
    ("Your assessment", "/modern-slavery-indicators"),
    ("Where it happened and who exploited them", "/where-exploitation-happened"),
    ("How they were exploited and future risk", "/types-of-exploitation"),
    ("Police, co-operation and consent", "/reported-to-police"),
    ("Duty to Notify details", "/refuse-nrm"),
    ("The potential victim's details", "/does-pv-need-support"),
    ("Your details and evidence", "/fr-details"),
]


def tasks(answers):
    """[(name, [applicable pages], complete)] in form order, leaving out groups with no page that applies."""
    order = [p.step for p in pages()]
    missing = {step for step, _ in missing_answers(answers)}
    result = []
    for i, (name, start) in enumerate(TASKS):
        begin = order.index(start)
        end = order.index(TASKS[i + 1][1]) if i + 1 < len(TASKS) else len(order)
        group = [p for p in pages()[begin:end] if page_applies(p.step, answers)]
        if not group:
            continue
        started = any(f.key in answers for p in group for f in p.fields)
        complete = started and not any(p.step in missing for p in group)
        result.append((name, group, "complete" if complete else "in_progress" if started else "not_started"))
    return result
