"""Forms for NRM referrals and Duty to Notify reports.

``PageForm`` is built at run time from one page of the Home Office form (nrm_form.pages()): a field
for each question, with GOV.UK radios, checkboxes, character counts and date inputs, and each
question that depends on an answer shown after it, saying which answer it is for. ``sections``
lays every page out in Home Office order for the NRM-ready view and its PDF. ``SubmittedForm``
records that a referral was sent to the Home Office.

Stored answers use the Home Office field keys and plain JSON values: text, a list of lines for the
questions that take up to 10 places, True for a ticked box, and ISO dates ("2026-04-03")."""

import datetime
import os
import re
from dataclasses import dataclass, field as dataclass_field

from django import forms
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clearsight.core import govuk, locking
from clearsight.core.dates import long_date
from clearsight.core.fields import GovUKDateField

from . import nrm_form

VERSION_FIELD = "form_version"  # Home Office keys never hold "_"
LIST_HINT = "Enter it as it appears in the Home Office list"
CHECKBOX_GROUP_HINT = "Select all that apply"

# Our wording where the Home Office's own label is empty, cut short in the field list, or (for the
# consent question) says something else. Everything else uses the Home Office label.
DISPLAY_LABELS = {
    "what-happened": "Provide as much detail as you can. Do not include their name or the names of any other potential victims",
    "modern-slavery-indicators-details": "Which indicators did you identify?",
    "reported-to-police": "Do they have a crime reference number related to any reported Modern Slavery crime, in which they are a victim?",
    "authorities-cooperation": "Is the potential victim willing to help with investigations or criminal proceedings into their exploitation?",
    "pv-want-to-submit-nrm": "Does the potential victim consent to having their case referred to the NRM?",
    "no-contact-details": "If they want support but do not have a phone number, tell us how the support provider can contact them",
    "pv-dob": "Date of birth",
    "upload-file": "Documents you will upload to the Home Office form",
}
# Questions whose own wording, not the page heading, is the heading of their page.
OWN_HEADING = {"upload-file"}

# Hints of our own, to help first responders answer well.
HINTS = {
    "upload-file": "Clearsight does not store files. List the documents you will upload, one on each line.",
    "pv-dob": "For example, 27 3 2007",
}

OPTION_LABELS = {
    "uk": "UK",
    "uk-and-overseas": "UK and overseas",
    "i-dont-know": "I do not know",
    "not-sure": "Not sure",
    "within-the-last-3-month": "Within the last 3 months",
    "within-the-last-6-month": "Within the last 6 months",
    "within-the-last-6-12-month": "Within the last 6 to 12 months",
    "potential-victim": "The potential victim",
}

FIELD_OPTION_LABELS = {
    ("pv-phone-number", "yes"): "On their own phone number",
    ("pv-phone-number", "pv-alternative-number"): "On an alternative phone number",
    ("pv-phone-number", "no"): "They do not have a phone number",
}

# One-line answers that are email addresses.
EMAIL_KEYS = {
    "local-authority-contacted-about-child-local-authority-email",
    "pv-contact-details-email-input",
    "someone-else-email-input",
    "fr-alternative-contact",
}
# The first responder's own details, which the browser may fill in (WCAG 1.3.5).
AUTOCOMPLETE = {
    "fr-details-first-name": "given-name",
    "fr-details-last-name": "family-name",
    "fr-details-role": "organization-title",
    "fr-details-phone": "tel",
}


def option_label(key, value):
    """A readable label for an option value: "not-sure" -> "Not sure"."""
    if (key, value) in FIELD_OPTION_LABELS:
        return FIELD_OPTION_LABELS[(key, value)]
    if value in OPTION_LABELS:
        return OPTION_LABELS[value]
    words = str(value).replace("-", " ")
    return words[:1].upper() + words[1:]


def question(field, page=None):
    """What a field asks, in words a person can read."""
    return DISPLAY_LABELS.get(field.key) or field.label or (page.title if page else field.key)


def is_multi(field):
    """Keys such as ``where-exploitation-happened-uk-city-1..10`` hold up to 10 values."""
    return ".." in field.key


def multi_limit(field):
    match = re.search(r"\.\.(\d+)$", field.key)
    return int(match[1]) if match else 10


def form_name(key):
    """A form field name that is also safe as an HTML id."""
    return re.sub(r"[^a-z0-9-]", "-", key.lower().replace("..", "-to-"))


def is_empty(value):
    return value in (None, "", [], False)


def _lower_first(text):
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# Error messages where the general rule in required_message reads badly.
REQUIRED_MESSAGES = {
    "user-organisation": "Enter the organisation you work for",
    "when-did-the-exploitation-take-place": "Enter the start and end date of the exploitation",
    "when-did-the-exploitation-take-place-multiple": "Enter the start date, end date and type of each exploitation",
    "fr-alternative-contact": "Enter the email address of someone we can contact in your absence",
}


def required_message(field, label):
    if field.key in REQUIRED_MESSAGES:
        return REQUIRED_MESSAGES[field.key]
    label = label.rstrip(": ").removesuffix(" (Optional)").removesuffix(" (optional)")
    if field.type == "checkbox":
        return f"Confirm that {_lower_first(label).rstrip('.')}"
    if field.type in ("radio-group", "checkbox-group") or (field.type == "select" and field.options):
        return f"Select an answer for “{label}”"
    if field.type == "select":
        label = re.sub(r"^Select ", "Enter ", label)
    if re.match(r"^(Enter|Tell us|Provide|Explain|Briefly explain|Select)\b", label):
        return label
    if field.type == "textarea" and len(label) <= 45 and not label.endswith("?"):
        if label.endswith("details") or label.startswith(("Details", "Information")):
            return f"Enter {_lower_first(label)}"
        return f"Tell us about {_lower_first(label)}"
    if len(label) <= 45 and not label.endswith("?"):
        return f"Enter {_lower_first(label)}"
    return f"Enter an answer for “{label}”"


# --- form fields -----------------------------------------------------------------------------


class TextAnswer(forms.CharField):
    """Text with line endings as the character count counts them (one character each)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class LinesAnswer(forms.CharField):
    """A textarea holding one value a line, stored as a list."""

    def __init__(self, *, limit, line_length, what, **kwargs):
        self.limit, self.line_length, self.what = limit, line_length, what
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]

    def validate(self, value):
        if len(value) > self.limit:
            raise forms.ValidationError(f"Enter no more than {self.limit} {self.what}, one on each line")
        if any(len(line) > self.line_length for line in value):
            raise forms.ValidationError(f"Each line must be {self.line_length} characters or fewer")

    def run_validators(self, value):
        return None


class TelInput(forms.TextInput):
    input_type = "tel"


class PastDateAnswer(GovUKDateField):
    """A date stored as an ISO string, which cannot be in the future."""

    def clean(self, value):
        value = super().clean(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(f"{self.what.capitalize()} must be today or in the past")
        return value.isoformat() if value else None


def _too_long(label, limit):
    what = "Your answer" if label.endswith("?") or len(label) > 45 else label.rstrip(": ")
    return f"{what} must be {limit:,} characters or fewer"


def django_field(field, page):
    """The Django form field for one Home Office field. Requiredness is checked by PageForm.clean,
    because it depends on the other answers."""
    label = question(field, page)
    if field.options_from_list and label.startswith("Select "):
        # Typed, not chosen from a list: "Select nationality" -> "Nationality"
        label = label.removeprefix("Select ").capitalize()
    hint = HINTS.get(field.key)
    if field.type == "radio-group" or (field.type == "select" and field.options):
        widget = forms.RadioSelect if field.type == "radio-group" else forms.Select
        choices = [(o, option_label(field.key, o)) for o in field.options]
        if widget is forms.Select:
            choices = [("", "Select an option")] + choices
        return forms.ChoiceField(label=label, choices=choices, required=False, widget=widget, help_text=hint or "")
    if field.type in ("checkbox-group",):
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(o, option_label(field.key, o)) for o in field.options],
            help_text=hint or CHECKBOX_GROUP_HINT,
        )
    if field.type == "checkbox":
        return forms.BooleanField(label=label, required=False)
    if field.type == "input-date":
        return PastDateAnswer(
            label=label,
            required=False,
            what=_lower_first(label) if label != "Date of birth" else "the date of birth",
            help_text=hint or "For example, 27 3 2026",
        )
    if is_multi(field) or field.type == "input-file":
        what = "documents" if field.type == "input-file" else "places"
        list_hint = f"Enter each one on a new line, up to {multi_limit(field)}."
        if field.options_from_list:
            list_hint = f"{LIST_HINT}. {list_hint}"
        return LinesAnswer(
            label=label,
            required=False,
            limit=multi_limit(field),
            line_length=nrm_form.INPUT_TEXT_LIMIT,
            what=what,
            widget=forms.Textarea(attrs={"rows": 5, "spellcheck": False}),
            help_text=hint or list_hint,
        )
    if field.type == "textarea":
        limit = field.max_length
        return TextAnswer(
            label=label,
            required=False,
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=hint or "",
            error_messages={"max_length": _too_long(label, limit)},
        )
    # input-text, and lists we do not hold (select with options_from_list)
    limit = field.max_length or nrm_form.INPUT_TEXT_LIMIT
    attrs = {"autocomplete": AUTOCOMPLETE.get(field.key, "off")}
    validators = []
    if field.key in EMAIL_KEYS:
        widget = forms.EmailInput(attrs={**attrs, "spellcheck": False})
        validators.append(EmailValidator("Enter an email address in the correct format, like name@example.org"))
    elif field.key.endswith("phone") or "phone-number" in field.key:
        widget = TelInput(attrs={**attrs, "class": "govuk-input--width-20"})
    elif field.key.endswith("postcode"):
        widget = forms.TextInput(attrs={**attrs, "class": "govuk-input--width-10", "spellcheck": False})
    else:
        widget = forms.TextInput(attrs=attrs)
    if field.options_from_list:
        hint = hint or LIST_HINT
    return TextAnswer(
        label=label,
        required=False,
        max_length=limit,
        widget=widget,
        help_text=hint or "",
        validators=validators,
        error_messages={"max_length": _too_long(label, limit)},
    )


@dataclass
class Item:
    """One thing shown on a question page: a field, or a run of tick boxes shown as one question;
    with the questions that depend on each of its answers ({(answer, ...): [Item, ...]})."""

    name: str
    fields: tuple
    step: str = ""
    conditionals: dict = dataclass_field(default_factory=dict)

    @property
    def is_group(self):
        return len(self.fields) > 1


@dataclass
class ScreenPage:
    """The Home Office pages one screen asks in this referral's branch, as one page of questions."""

    screen: object
    answers: dict

    def __post_init__(self):
        self.parts = [nrm_form.page(step) for step in nrm_form.screen_steps(self.screen, self.answers)]
        self.origin = {f.key: p for p in self.parts for f in p.fields}

    @property
    def step(self):
        return self.screen.slug

    @property
    def title(self):
        return self.screen.title_for(self.answers)

    heading = title

    @property
    def fields(self):
        return tuple(f for p in self.parts for f in p.fields)

    def page_of(self, field):
        return self.origin[field.key]

    def controller(self, field):
        """(key, (answer, ...)) of the answer on this screen that this field's question follows, if any."""
        if field.condition:
            key, _, value = field.condition.partition("=")
            return key.strip(), (value.strip(),)
        if field.key in nrm_form.IMPLIED_CONDITIONS:
            key, value = nrm_form.IMPLIED_CONDITIONS[field.key]
            return key, (value,)
        fork = nrm_form.FORKS.get(self.page_of(field).step)
        if fork and fork.key in self.origin:
            return fork.key, fork.values
        return None

    def applies(self, field, answers):
        return nrm_form.page_applies(self.page_of(field).step, answers) and nrm_form.field_applies(field, answers)


def _group_name(page, run):
    """types-of-exploitation-forced-to-work, types-of-exploitation-other... -> types-of-exploitation"""
    common = os.path.commonprefix([f.key for f in run]).rstrip("-")
    taken = {form_name(f.key) for f in page.fields}
    name = form_name(common) if common else ""
    return name if name and name not in taken else "group-" + form_name(run[0].key)


def layout(page):
    """The screen's items in order, each with the questions that depend on its answers."""
    items, by_key = [], {}
    fields = list(page.fields)
    i = 0
    while i < len(fields):
        f = fields[i]
        step = page.page_of(f).step
        controller = page.controller(f)
        if controller and controller[0] in by_key:
            parent = by_key[controller[0]]
            option = (controller[0],) if parent.is_group else tuple(str(v) for v in controller[1])
            child = Item(form_name(f.key), (f,), step)
            parent.conditionals.setdefault(option, []).append(child)
            by_key[f.key] = child
            i += 1
            continue
        if f.type == "checkbox" and not f.required:
            run = [f]
            while (
                i + len(run) < len(fields)
                and fields[i + len(run)].type == "checkbox"
                and not fields[i + len(run)].required
                and not page.controller(fields[i + len(run)])
            ):
                run.append(fields[i + len(run)])
            if len(run) > 1:
                item = Item(_group_name(page, run), tuple(run), step)
                items.append(item)
                for member in run:
                    by_key[member.key] = item
                i += len(run)
                continue
        item = Item(form_name(f.key), (f,), step)
        items.append(item)
        by_key[f.key] = item
        i += 1
    return items


def _items_in(item):
    yield item
    for children in item.conditionals.values():
        for child in children:
            yield from _items_in(child)


def _fields_in(item):
    for each in _items_in(item):
        yield from each.fields


class PageForm(locking.StartingValues, forms.Form):
    """One screen of questions (one or more Home Office pages), with the answers given so far. Pass what
    was posted as ``data=``: the version (``form_version``) and the answers the page started from let a
    save refused because someone else saved first be merged with theirs (core.locking)."""

    version_field = VERSION_FIELD

    def __init__(self, screen, answers, data=None, *, version=None, locked=None, require=True):
        """``require``: every required question must be answered ("Save and continue"); without it
        what was answered is saved and the rest waits ("Save and return to task list")."""
        self.page = ScreenPage(screen, dict(answers))
        self.require = require
        self.locked = locked or {}
        self.answers = dict(answers)
        self.items = layout(self.page)
        self.heading_item = self.items[0] if len(self.items) == 1 else None
        self.names = {}  # form field name -> Home Office field
        initial = {VERSION_FIELD: version}
        super().__init__(data, initial=initial)
        for item in self.items:
            for each in _items_in(item):
                if each.is_group:
                    self.fields[each.name] = forms.MultipleChoiceField(
                        label=self.page.page_of(each.fields[0]).title,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                        choices=[(m.key, question(m, self.page.page_of(m))) for m in each.fields],
                        help_text=CHECKBOX_GROUP_HINT,
                    )
                else:
                    self._add(each.name, each.fields[0])
        self.fields[VERSION_FIELD] = forms.IntegerField(widget=forms.HiddenInput)
        self.initial = self.initial_for(self.answers, version)
        # A Home Office page with one question and its own heading: the heading is the question, and
        # the Home Office label, where it adds something, is the hint.
        for item in self.items:
            for each in _items_in(item):
                p = self.page.page_of(each.fields[0])
                if each.is_group or len(p.fields) != 1:
                    continue
                f = each.fields[0]
                bound = self.fields[each.name]
                own = question(f, p)
                if p.heading and own != p.heading and f.key not in OWN_HEADING:
                    bound.label = p.heading
                    if not bound.help_text and not p.heading.startswith(own[:40]):
                        bound.help_text = own

    def _add(self, name, f):
        self.fields[name] = django_field(f, self.page.page_of(f))
        self.names[name] = f

    def initial_for(self, answers, version):
        """This page's values for ``answers`` (the referral's, as saved now, say) at ``version``."""
        initial = {VERSION_FIELD: version}
        for item in self.items:
            for each in _items_in(item):
                if each.is_group:
                    initial[each.name] = [m.key for m in each.fields if answers.get(m.key)]
        for name, f in self.names.items():
            if f.key in answers:
                initial[name] = answers[f.key]
        return initial

    # --- reading the answers ---------------------------------------------------------------

    def page_values(self, data):
        """{Home Office key: value or None} for every field on this page that was read without error."""
        values = {}
        for item in self.items:
            for each in _items_in(item):
                if each.is_group and each.name in data:
                    chosen = set(data[each.name] or [])
                    for member in each.fields:
                        values[member.key] = True if member.key in chosen else None
        for name, f in self.names.items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            values[f.key] = None if is_empty(value) else value
        return values

    def clean(self):
        data = super().clean()
        values = self.page_values(data)
        merged = {**self.answers, **values}
        for name, f in self.names.items():
            if f.key in self.locked and name not in self.errors and values.get(f.key) not in self.locked[f.key]:
                self.add_error(
                    name,
                    "This answer was settled at triage and decides whether this is an NRM referral or a "
                    "Duty to Notify report. To change it, triage the concern again",
                )
                continue
            if not self.require or name in self.errors or not f.required or not self.page.applies(f, merged):
                continue
            if is_empty(values.get(f.key)):
                self.add_error(name, required_message(f, self._asks(f, name)))
        return data

    @property
    def heading(self):
        """The page's main heading as shown: the only question's label, or the screen's title."""
        if self.heading_item is not None and not self.heading_item.is_group:
            return str(self.fields[self.heading_item.name].label)
        return self.page.title

    def _asks(self, f, name):
        """What to name in an error message: the question's own short label or question, or else
        what the page shows as its label."""
        own = question(f, self.page.page_of(f))
        return own if len(own) <= 45 or own.endswith("?") else str(self.fields[name].label)

    def new_answers(self):
        """All the referral's answers with this page's merged in, cleaned to what the form asks."""
        merged = dict(self.answers)
        for key, value in self.page_values(self.cleaned_data).items():
            merged.pop(key, None)
            if not is_empty(value):
                merged[key] = value
        for f in self.page.fields:
            if not self.page.applies(f, merged):
                merged.pop(f.key, None)
        return nrm_form.clean_answers(merged)

    @property
    def version(self):
        return self.cleaned_data.get(VERSION_FIELD)

    # --- showing the page ------------------------------------------------------------------

    def render(self, template_name=None, context=None, renderer=None):
        return self.render_items()

    def render_items(self):
        parts, shown = [], set()
        for item in self.items:
            p = self.page.page_of(item.fields[0])
            if (
                self.heading_item is None
                and p.step not in shown
                and len(p.fields) > 1
                and p.heading
                and question(p.fields[0], p) != p.heading
            ):
                parts.append(format_html('<h2 class="govuk-heading-m">{}</h2>', p.heading))
            shown.add(p.step)
            parts.append(self._render(item, top=True))
        return mark_safe("".join(parts))

    def _render(self, item, top=False, hint=None):
        bound = self[item.name]
        heading = top and item is self.heading_item
        options = {"heading": heading}
        if not heading and top and len(self.items) > 1:
            options["label_size"] = (
                "s" if not isinstance(bound.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)) else "m"
            )
        if hint:
            options["hint"] = f"{hint} {bound.help_text}".strip()
        html = govuk.render_field(bound, **options)
        if item.conditionals:
            html += self._render_dependent(item, bound)
        return html

    def _render_dependent(self, item, bound):
        """The questions that depend on an answer, shown after the question they depend on, each
        saying which answer they are for. (Not GOV.UK conditional reveals: their script puts
        aria-expanded on radio buttons, which is not valid ARIA.)"""
        labels = dict(getattr(bound.field, "choices", ()))
        parts = []
        for option, children in item.conditionals.items():
            if option == (nrm_form.ANY,):
                when = "if you listed any documents"
            else:
                when = "if you chose " + " or ".join(
                    f"“{labels.get(o, option_label(item.fields[0].key, o))}”" for o in option
                )
            # Questions from one Home Office page go together, under that page's heading
            runs = []
            for child in children:
                if runs and runs[-1][0] == child.step:
                    runs[-1][1].append(child)
                else:
                    runs.append((child.step, [child]))
            for step, run in runs:
                p = nrm_form.page(step)
                if len(run) == 1:
                    parts.append(self._render(run[0], hint=f"Answer this {when}."))
                    continue
                legend = p.heading if step != item.step and p.heading else f"{when[:1].upper()}{when[1:]}"
                hint_id = f"{run[0].name}-when"
                parts.append(
                    format_html(
                        '<div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="{}">'
                        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>'
                        '<div class="govuk-hint" id="{}">Answer these {}.</div>{}</fieldset></div>',
                        hint_id,
                        legend,
                        hint_id,
                        when,
                        mark_safe("".join(self._render(child) for child in run)),
                    )
                )
        return mark_safe("".join(parts))


# --- the NRM-ready view ----------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    lines: list
    state: str  # "answered", "not-answered" or "not-asked"
    required: bool = False

    @property
    def missing(self):
        """A required question not answered yet."""
        return self.state == "not-answered" and self.required


@dataclass
class Section:
    page: object
    applies: bool
    unreachable: bool
    rows: list

    @property
    def step(self):
        return self.page.step

    @property
    def url_step(self):
        return self.page.step.lstrip("/")

    @property
    def note(self):
        if self.unreachable:
            return "Not asked in the current Home Office form"
        if not self.applies:
            return "Not asked for this referral"
        return ""


def answer_lines(field, value):
    """An answer as lines of text: options as labels, ticks as Yes, lists one a line."""
    if field.type == "checkbox":
        # A box that must be ticked and is not is unanswered; an optional one is simply "No".
        return ["Yes"] if value else [] if field.required else ["No"]
    if is_empty(value):
        return []
    if field.type == "radio-group" or (field.type == "select" and field.options):
        return [option_label(field.key, value)]
    if field.type == "checkbox-group":
        values = value if isinstance(value, list) else [value]
        return [", ".join(option_label(field.key, v) for v in values)]
    if field.type == "input-date":
        try:
            return [long_date(datetime.date.fromisoformat(str(value)))]
        except ValueError:
            return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is True:
        return ["Yes"]
    return str(value).split("\n")


def sections(answers):
    """Every page of the Home Office form in order, with each field's answer or why it has none."""
    result = []
    for p in nrm_form.pages():
        applies = nrm_form.page_applies(p.step, answers)
        rows = []
        for f in p.fields:
            label = question(f, p)
            if not applies or not nrm_form.field_applies(f, answers):
                rows.append(Row(f.key, label, [], "not-asked"))
                continue
            lines = answer_lines(f, answers.get(f.key))
            rows.append(Row(f.key, label, lines, "answered" if lines else "not-answered", f.required))
        result.append(Section(p, applies, p.step in nrm_form.UNREACHABLE, rows))
    return result


def row_text(row):
    if row.state == "not-asked":
        return "Not asked"
    if row.state == "not-answered":
        return "Not answered"
    return "\n".join(row.lines)


# --- recording the submission ----------------------------------------------------------------


class SubmittedForm(forms.Form):
    home_office_reference = forms.CharField(
        label="Home Office reference",
        max_length=100,
        help_text="The reference the Home Office form gave you when you submitted it",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False, "class": "govuk-input--width-20"}),
        error_messages={
            "required": "Enter the Home Office reference",
            "max_length": "The Home Office reference must be 100 characters or fewer",
        },
    )
    submitted_on = GovUKDateField(
        label="Date submitted",
        what="the date submitted",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date you submitted it"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_submitted_on(self):
        day = self.cleaned_data["submitted_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date submitted must be today or in the past")
        return day
