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
            Field(
                f["key"],
                f["type"],
                f["label"],
                f["required"],
                f["condition"],
                tuple(f["options"]),
                f["options_from_list"],
            )
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


def is_anonymous(answers):
    """A Duty to Notify report about an adult who has not agreed to help the authorities: the person
    stays anonymous, so the report holds nothing that identifies them (offline form, "Duty to Notify")."""
    return is_duty_to_notify(answers) and not _is(answers, "authorities-cooperation", "yes")


def _adult_referral(answers):
    return is_referral(answers) and not is_child(answers)


ALWAYS = lambda a: True  # noqa: E731

# Which pages each branch asks: a child, an adult who consents, an adult who does not (Duty to
# Notify), anonymous or not. Triage settles the branch (referral_prefill.branch_lock), except
# whether a Duty to Notify report is anonymous, which is answered on the consent page.
BRANCH = {
    "/local-authority-contacted-about-child": is_child,
    "/pv-under-age-at-time-of-exploitation": lambda a: _is(a, "pv-under-age", "no"),
    # The background (place of birth, family, schooling, work) and where the person is staying
    # identify them: an anonymous Duty to Notify report does not give them.
    "/what-is-their-background": lambda a: not is_anonymous(a),
    "/current-pv-location": lambda a: not is_anonymous(a),
    # The consent question is for adults; the form forks children straight to the victim's name.
    "/pv-want-to-submit-nrm": lambda a: not is_child(a),
    # Duty to Notify branch: only the reason, gender and nationality, and the person's name and
    # contact details only where they agreed to co-operate with the authorities (FORKS).
    "/refuse-nrm": is_duty_to_notify,
    "/pv-gender-dtn": is_duty_to_notify,
    "/pv-nationality-dtn": is_duty_to_notify,
    "/pv-name-dtn": is_duty_to_notify,
    "/pv-contact-details-dtn": is_duty_to_notify,
    # Referral branch. Support is asked of consenting adults (children are supported by the council).
    "/does-pv-need-support": _adult_referral,
    "/pv-phone-number": _adult_referral,
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
    "/who-contact": _adult_referral,
    "/someone-else": _adult_referral,
    "/pv-contact-details-referral": _adult_referral,
    "/fr-details": is_referral,
    "/fr-alternative-contact": is_referral,
    "/upload-evidence": is_referral,
    "/what-evidence-you-will-submit": is_referral,
    # Listed in the reference, but no page leads to them in the current form.
    "/more-than-one-exploitation-situation": lambda a: False,
    "/why-are-you-making-the-referral": lambda a: False,
}

ANY = "*"  # any answer at all


@dataclass(frozen=True)
class Fork:
    """A page asked only after a particular answer: ``key`` is one of ``values`` (with ANY, has any
    answer); ``when_unanswered`` says whether it is asked while that question has no answer."""

    key: str
    values: tuple
    when_unanswered: bool = False

    def holds(self, answers):
        value = answers.get(self.key)
        if value in (None, "", [], False):
            return self.when_unanswered
        return self.values == (ANY,) or value in self.values


# The form's forks that follow an answer (its "next" and "fork" columns).
FORKS = {
    "/when-did-the-exploitation-take-place": Fork(
        "potential-victim-exploitative-situation-multiple", ("no", "i-dont-know"), True
    ),
    "/when-did-the-exploitation-take-place-multiple": Fork(
        "potential-victim-exploitative-situation-multiple", ("yes",)
    ),
    "/reasons-preventing-potential-victim-from-leaving": Fork("still-in-exploitative-situation", ("yes",)),
    "/how-why-did-they-leave-the-situation": Fork("still-in-exploitative-situation", ("no",), True),
    "/why-report-now": Fork("is-this-the-first-chance-to-report", ("no",)),
    "/where-exploitation-happened-uk": Fork("where-exploitation-happened", ("uk", "uk-and-overseas")),
    "/where-exploitation-happened-overseas": Fork("where-exploitation-happened", ("overseas", "uk-and-overseas")),
    "/are-exploiters-in-the-uk": Fork("exploiters-location", ("yes",)),
    "/exploiters-current-location-details": Fork("exploiters-location", ("yes",)),
    "/concerns-future-exploitation": Fork("future-exploitation-concerns", ("yes",)),
    "/pv-name-dtn": Fork("authorities-cooperation", ("yes",)),
    "/pv-contact-details-dtn": Fork("authorities-cooperation", ("yes",)),
    "/pv-phone-number": Fork("does-pv-need-support", ("yes",)),
    "/someone-else": Fork("who-contact", ("someone-else",)),
    "/pv-contact-details-referral": Fork("who-contact", ("potential-victim",)),
    "/what-evidence-you-will-submit": Fork("upload-file", (ANY,)),
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
    fork = FORKS.get(step)
    return BRANCH.get(step, ALWAYS)(answers) and (fork is None or fork.holds(answers))


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


# --- the pages Clearsight asks them on ----------------------------------------------------------
#
# The Home Office form has a page for almost every question. Clearsight asks them on fewer pages
# ("screens"), each a group of related Home Office pages; a page the form forks to after an answer is
# on the same screen as that answer, shown after it. So whether a screen is asked depends only on
# the branch triage settled (child, adult who consents, adult who does not), and the number of
# screens does not change while the first responder answers. The NRM-ready view still follows the
# Home Office form page by page, for copying.


@dataclass(frozen=True)
class Screen:
    slug: str
    title: str
    steps: tuple
    titles: tuple = ()  # ((branch test, title), ...): a title for a branch where it asks less

    def title_for(self, answers):
        for test, title in self.titles:
            if test(answers):
                return title
        return self.title


SCREENS = (
    Screen("about-you", "About you and this report", ("/reference", "/organisation", "/fr-location")),
    Screen(
        "age",
        "The potential victim's age",
        ("/pv-under-age", "/local-authority-contacted-about-child", "/pv-under-age-at-time-of-exploitation"),
    ),
    Screen(
        "consent",
        "Consent, support and co-operation",
        (
            "/pv-want-to-submit-nrm",
            "/refuse-nrm",
            "/does-pv-need-support",
            "/pv-phone-number",
            "/authorities-cooperation",
            "/pv-name-dtn",
            "/pv-contact-details-dtn",
        ),
        (
            (is_child, "Co-operation with the authorities"),
            (is_duty_to_notify, "Consent and co-operation with the authorities"),
        ),
    ),
    Screen(
        "what-happened",
        "What happened and their background",
        ("/what-happened", "/what-is-their-background"),
        ((is_anonymous, "What happened"),),
    ),
    Screen(
        "exploitation-start",
        "When and how the exploitation started",
        (
            "/potential-victim-exploitative-situation-multiple",
            "/when-did-the-exploitation-take-place",
            "/when-did-the-exploitation-take-place-multiple",
            "/how-did-the-exploitation-start",
            "/were-they-taken-somewhere-by-their-exploiter",
        ),
    ),
    Screen(
        "treatment",
        "How they were treated and whether they have left",
        (
            "/how-they-were-treated",
            "/is-the-potential-victim-still-in-an-exploitative-situation",
            "/reasons-preventing-potential-victim-from-leaving",
            "/how-why-did-they-leave-the-situation",
        ),
    ),
    Screen(
        "last-contact",
        "Contact with the exploiters and earlier reports",
        ("/when-last-contact", "/details-last-contact", "/is-this-the-first-chance-to-report", "/why-report-now"),
    ),
    Screen(
        "assessment",
        "Your assessment",
        (
            "/modern-slavery-indicators",
            "/where-how-interview-carried-out",
            "/professional-insight",
            "/evidence-of-dishonesty",
            "/are-others-involved",
        ),
    ),
    Screen(
        "where",
        "Where it happened and where they are staying",
        (
            "/where-exploitation-happened",
            "/where-exploitation-happened-uk",
            "/where-exploitation-happened-overseas",
            "/current-pv-location",
        ),
        ((is_anonymous, "Where it happened"),),
    ),
    Screen(
        "exploiters",
        "Who exploited them",
        (
            "/who-exploited-pv",
            "/exploiters-location",
            "/are-exploiters-in-the-uk",
            "/exploiters-current-location-details",
        ),
    ),
    Screen(
        "exploitation",
        "How they were exploited, the risk now and the police",
        (
            "/types-of-exploitation",
            "/any-other-pvs",
            "/future-exploitation",
            "/concerns-future-exploitation",
            "/reported-to-police",
        ),
    ),
    Screen(
        "about-them",
        "About the potential victim",
        (
            "/pv-name-referral",
            "/pv-dob",
            "/pv-gender-dtn",
            "/pv-gender-referral",
            "/does-pv-have-children",
            "/pv-nationality-dtn",
            "/pv-nationality-referral",
        ),
        ((is_duty_to_notify, "Their gender and nationality"),),
    ),
    Screen(
        "communication",
        "Language, communication and Home Office references",
        ("/pv-interpreter-requirements", "/pv-other-help-with-communication", "/pv-ho-reference"),
    ),
    Screen("decision", "Who the decision goes to", ("/who-contact", "/someone-else", "/pv-contact-details-referral")),
    Screen(
        "your-details",
        "Your details and supporting documents",
        ("/fr-details", "/fr-alternative-contact", "/upload-evidence", "/what-evidence-you-will-submit"),
    ),
)


def screen(slug) -> Screen:
    for s in SCREENS:
        if s.slug == slug:
            return s
    raise KeyError(slug)


def screen_for_step(step) -> Screen:
    for s in SCREENS:
        if step in s.steps:
            return s
    raise KeyError(step)


def screen_steps(s, answers) -> list:
    """The Home Office pages a screen asks in this branch, including those asked after an answer on
    the same screen whether or not that answer has been given."""
    return [step for step in s.steps if BRANCH.get(step, ALWAYS)(answers)]


def applicable_screens(answers) -> list:
    return [s for s in SCREENS if screen_steps(s, answers)]


def next_screen(answers, slug):
    """The next screen after ``slug``, or None at the end."""
    slugs = [s.slug for s in applicable_screens(answers)]
    if slug not in slugs:
        return slugs[0] if slugs else None
    index = slugs.index(slug)
    return slugs[index + 1] if index + 1 < len(slugs) else None


def next_step(answers, step):
    """The next Home Office page that applies after ``step``, in the Home Office order."""
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


def is_complete(answers) -> bool:
    """Every required question this referral asks has an answer."""
    return not missing_answers(answers)


def clean_answers(answers) -> dict:
    """Keep only answers to questions the form asks in this referral's branch. A Duty to Notify
    report therefore never holds a name, date of birth or contact details unless the person agreed."""
    kept = {}
    for p in applicable_pages(answers):
        for f in p.fields:
            if f.key in answers and field_applies(f, answers):
                kept[f.key] = answers[f.key]
    return kept


def tasks(answers):
    """[(screen, [applicable Home Office pages], status)] in the order they are asked; the status is
    "complete", "in_progress" or "not_started"."""
    missing = {step for step, _ in missing_answers(answers)}
    result = []
    for s in applicable_screens(answers):
        group = [page(step) for step in s.steps if page_applies(step, answers)]
        asked = [page(step) for step in screen_steps(s, answers)]
        started = any(f.key in answers for p in asked for f in p.fields)
        complete = started and not any(p.step in missing for p in group)
        result.append((s, group, "complete" if complete else "in_progress" if started else "not_started"))
    return result
