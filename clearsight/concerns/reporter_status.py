"""What a reporter is told about their report once it is sent: in words anyone at work would use,
and nothing about the people or the case behind it (who was referred where stays with those who
handle it)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReporterStatus:
    label: str  # a short tag, such as "Action being taken"
    colour: str  # a GOV.UK tag colour
    explanation: str  # one or two sentences: what happened and what happens next


def for_reporter(status: str, triage_outcome: str = "", handled_by: str = "the council") -> ReporterStatus:
    """The status of a sent report as its reporter sees it.

    ``status`` is the concern's status and ``triage_outcome`` the first responder's judgement, if any
    (the values of Concern.Status and Triage.Outcome); ``handled_by`` names the organisation."""
    if triage_outcome == "more_information" and status in ("new", "in_triage"):
        return ReporterStatus(
            "More information needed",
            "yellow",
            f"A first responder at {handled_by} has looked at your report and needs to find out more before deciding "
            "what to do. They may contact you. If you know anything else, add it to your report.",
        )
    if status == "new":
        return ReporterStatus(
            "Sent",
            "blue",
            f"Your report has reached {handled_by}. A first responder will look at it, usually by the end of the next "
            "working day, and sooner if someone may be in danger or may be a child.",
        )
    if status == "in_triage":
        return ReporterStatus(
            "Being looked at",
            "yellow",
            f"A first responder at {handled_by} is looking at your report to decide what needs to happen.",
        )
    if status == "actions_open":
        return ReporterStatus(
            "Action being taken",
            "blue",
            f"A first responder at {handled_by} has looked at your report and decided that action is needed, such as "
            "telling the police or social care, or a referral to the Home Office. That work has started.",
        )
    if status == "duties_discharged":
        return ReporterStatus(
            "Action taken",
            "green",
            f"A first responder at {handled_by} looked at your report and has done everything it needed: the "
            "referrals and reports the law requires have been made. Thank you for reporting it.",
        )
    if status == "no_further_action":
        return ReporterStatus(
            "Closed: no further action",
            "grey",
            f"A first responder at {handled_by} looked at your report and decided it was not modern slavery, so no "
            "referral was needed. If something changes or you are still worried, add information to your report.",
        )
    return ReporterStatus("Not sent yet", "grey", "You have not sent this report.")
