"""What a first responder is shown of a report: the reporter's answers to the questions triage asks
again (shown and selected, so they confirm rather than answer a blank question: WCAG 2.2 3.3.7
Redundant entry), and the few words that tell one concern from another in the queue.

Plain functions over plain values: no Django here.
"""

from dataclasses import dataclass

YES, NO, NOT_SURE = "yes", "no", "not_sure"


@dataclass(frozen=True)
class ReportedAnswer:
    """The reporter's answer to a question triage asks again.

    ``initial`` is the triage answer selected for the first responder to confirm ("yes", "no", or ""
    when the reporter was not sure or not asked); ``said`` is what the reporter said, ``advice`` what
    to do with it (both "" when the report holds no answer)."""

    initial: str
    said: str = ""
    advice: str = ""

    @property
    def hint(self) -> str:
        return " ".join(part for part in (self.said, self.advice) if part)


CONFIRM = "Their answer is selected: change it if it is not right now."


def danger_answer(immediate_danger: str, called_999: bool | None = None) -> ReportedAnswer:
    """The reporter's answer to "Is anyone in immediate danger?"."""
    if immediate_danger == YES:
        said = "Yes, and they called 999" if called_999 else "Yes"
        return ReportedAnswer(YES, f"The reporter said: {said}.", CONFIRM)
    if immediate_danger == NO:
        return ReportedAnswer(NO, "The reporter said: No.", CONFIRM)
    if immediate_danger == NOT_SURE:
        return ReportedAnswer("", "The reporter said: I'm not sure.", "Decide from what you know now.")
    return ReportedAnswer("")


def as_triaged(answer: ReportedAnswer, value: str) -> ReportedAnswer:
    """A concern triaged before (more information was needed): the answer given at that triage is
    selected, and the reporter's answer is still shown."""
    return ReportedAnswer(
        value, answer.said, "The answer given at the last triage is selected: change it if it is not right now."
    )


def shorten(text: str, limit: int = 80) -> str:
    """The first line of ``text``, cut at a word before ``limit`` characters, with an ellipsis if cut."""
    line = " ".join((text or "").strip().splitlines()[0].split()) if (text or "").strip() else ""
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:.- ")
    return f"{cut or line[:limit]}…"


def supplier_answer(business_involved: str, business_details: str = "") -> ReportedAnswer:
    """The reporter's answer to "Is a business or organisation involved?", for triage's narrower
    question "Is a supplier or contractor of the council involved?". A business the reporter named
    is selected as "yes" so that the procurement champion is asked to check it unless the first
    responder knows it is not the council's supplier; "no business" means no supplier."""
    details = shorten(business_details)
    named = f" (“{details}”)" if details else ""
    if business_involved == YES:
        return ReportedAnswer(
            YES,
            f"The reporter said a business or organisation is involved{named}.",
            "Yes is selected: change it to No if it is not a supplier or contractor of the council.",
        )
    if business_involved == NO:
        return ReportedAnswer(
            NO,
            "The reporter said no business or organisation is involved.",
            "No is selected: change it if you know otherwise.",
        )
    if business_involved == NOT_SURE:
        return ReportedAnswer("", f"The reporter was not sure whether a business or organisation is involved{named}.")
    return ReportedAnswer("")


def short_label(label: str) -> str:
    """An exploitation type's label without its examples: "Forced to commit a crime, such as growing
    cannabis…" is "Forced to commit a crime"; "County lines (moving and selling drugs…)" is "County lines"."""
    return label.split(", such as")[0].split(" (")[0].strip()


def what_summary(type_labels, other_type: str = "", sign_texts=()) -> str:
    """What a concern is about, in a few words: the first kind of exploitation the reporter chose
    and how many more, else the first sign they noticed and how many more, else "Not known"."""
    labels = [short_label(label) for label in type_labels] + (
        [f"Other: {shorten(other_type, 40)}"] if other_type else []
    )
    if labels:
        return _first_and_more(labels, 1, "more")
    signs = list(sign_texts)
    if signs:
        return _first_and_more([shorten(signs[0], 60)] + signs[1:], 1, "more signs" if len(signs) > 2 else "more sign")
    return "Not known"


def _first_and_more(items, shown, more_word):
    head = ", ".join(items[:shown])
    rest = len(items) - shown
    return f"{head} and {rest} {more_word}" if rest > 0 else head


def where_summary(premises_label: str, premises_other: str = "", location: str = "") -> str:
    """Where a concern is: the kind of place and the place as the reporter gave it, shortened."""
    kind = shorten(premises_other, 40) if premises_other else premises_label
    place = shorten(location, 60)
    if kind and place:
        return f"{kind}: {place}"
    return kind or place or "Not known"
