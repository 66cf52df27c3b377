"""Optimistic locking: a record with a ``version`` number is saved only if nobody else has saved it
since the user opened it, and an edit refused because someone else saved first is merged with theirs.

A form carries the version the user started from in a hidden ``version`` field. The save is one
compare-and-set in the database: ``save_if_unchanged`` updates the record (and moves it to its next
version) only where it is still at that version, so of two saves from the same version exactly one
succeeds. The other gets ``False`` and nothing is saved.

A form that also carries the values the user started from (``StartingValues``: a hidden, signed
``started_from`` field, never in the address) is then merged three ways, field by field (ADR 0038):

- the user left it as it was: the form now shows the record's value as it is now;
- the user changed it and the other person did not (or made the same change): the user's value stays;
- both changed it, differently: the user's value stays, and the field's error, repeated in the error
  summary, says what it is now, so that saving again replaces it only as an informed choice.

The one message at the top names the fields that now show someone else's change. The form then
carries the record's version and values as they are now, so the next save is merged against those.

    records = Operation.objects.for_user(request.user)
    if locking.saved_or_refused(form, records, operation.pk, initial_for=OperationForm.initial_for):
        ...  # saved

(``initial_for`` turns the record as it is now into the form's initial values, as the page's GET
does.) A form without its starting values keeps everything the user typed and shows what it is now
at every field that differs from the record. ``add_conflict_error`` without ``now`` is the old
behaviour: the message and the current version, nothing merged.

Pages that show the conflict as a banner instead (``core/_conflict.html``) use the same save and
pass ``conflict`` to their template.
"""

import datetime
from decimal import Decimal
from enum import Enum

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

from .dates import long_date
from .fields import GovUKDateWidget

CONFLICT = ("Someone else changed this record while you were editing it. Your changes have not been saved yet. "
            "Check the record as it is now, then save your changes again.")


def _has_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def save_if_unchanged(queryset, pk, expected_version, **fields) -> bool:
    """Update the record ``pk`` of ``queryset`` with ``fields`` and move it to its next version, only
    if it is still at ``expected_version``. Returns False, having changed nothing, if someone else
    saved it first (or ``expected_version`` is None: the form had none). ``updated_at`` is set to now
    when the model has one and ``fields`` does not set it. The queryset decides who may change what:
    pass one already scoped to the user, or an unscoped one for a record already checked."""
    if expected_version is None:
        return False
    changes = {**fields, "version": F("version") + 1}
    if "updated_at" not in fields and _has_field(queryset.model, "updated_at"):
        changes["updated_at"] = timezone.now()
    return queryset.filter(pk=pk, version=expected_version).update(**changes) == 1


def bump_version(queryset, pk) -> None:
    """Move a record to its next version whatever it is at now: something it is made of has changed
    (an action of a plan, say), so a form opened on the record before this is refused when saved."""
    queryset.filter(pk=pk).update(version=F("version") + 1)


def current_version(queryset, pk):
    """The version the record is at now (None if it is gone)."""
    return queryset.filter(pk=pk).values_list("version", flat=True).first()


# --- Merging an edit that was refused ------------------------------------------------------------------

class Merge(Enum):
    """What a refused edit's form shows at one field."""
    YOURS = "yours"    # what the user typed: they changed it and the other person did not, or nobody did
    THEIRS = "theirs"  # the record as it is now: only the other person changed it
    BOTH = "both"      # what the user typed, and what it is now: both changed it, differently


def merge_edits(started, mine: dict, now: dict) -> dict:
    """Three-way merge of one form's values: ``started`` (what the form showed when the user opened it,
    or None when the form did not carry it), ``mine`` (what they saved) and ``now`` (the record as it
    is now), each a mapping of field name to a comparable value. Returns each field's ``Merge``.
    Without ``started``, a field where the user's value is not the record's is ``BOTH``: nothing is
    replaced without the user seeing it."""
    merged = {}
    for name, value in mine.items():
        current = now.get(name)
        if value == current:
            merged[name] = Merge.YOURS
        elif started is None:
            merged[name] = Merge.BOTH
        elif value == started.get(name):
            merged[name] = Merge.THEIRS
        elif current == started.get(name):
            merged[name] = Merge.YOURS
        else:
            merged[name] = Merge.BOTH
    return merged


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def conflict_message(theirs=(), both=(), started_known=True) -> str:
    """The message at the top of a refused edit: ``theirs`` and ``both`` name the fields (as in
    ``what_field_is``) that now show someone else's change, and those both people changed (or,
    when the form did not carry its starting values, those where the user's answer is not what is
    saved now)."""
    if not theirs and not both:
        return CONFLICT
    words = ["Someone else changed this record while you were editing it. Your changes have not been saved yet."]
    if theirs:
        words.append(f"The form now shows their {'change' if len(theirs) == 1 else 'changes'} to {_and(theirs)}.")
    if both:
        answers = "answer" if len(both) == 1 else "answers"
        words.append(f"You both changed {_and(both)}: the form shows your {answers} and what is saved now."
                     if started_known else f"The form shows your {answers} and what is saved now for {_and(both)}.")
        words.append("Check the form, then save again to replace their changes with yours.")
    else:
        words.append("Check the form, then save your changes again.")
    return " ".join(words)


def what_field_is(field) -> str:
    """How a message names a field: its ``what`` if it has one ("the start date"), else its label,
    without "(optional)": "the postcode", "what they provide", "the answer to “Is it an SME?”"."""
    if getattr(field, "what", None):
        return str(field.what)
    label = str(field.label or "").strip()
    if label.endswith("(optional)"):
        label = label[: -len("(optional)")].strip()
    if label.endswith("?"):
        return f"the answer to “{label}”"
    if label[1:2].islower():
        label = label[:1].lower() + label[1:]
    first = label.split(" ", 1)[0].lower()
    return label if first in {"what", "who", "where", "when", "which", "how", "why", "whether"} else f"the {label}"


def edited_elsewhere(what: str, now_text: str | None, started_known=True) -> str:
    """The error at a field both people changed: what it is now. (When the form did not carry its
    starting values, nobody knows who changed it: it says only what is saved now.)"""
    if not started_known:
        return f"What is saved now for {what} is {now_text}" if now_text else f"Nothing is saved now for {what}"
    if now_text is None:
        return f"Someone else removed {what} since you opened the page"
    return f"Someone else changed {what} to {now_text} since you opened the page"


# The form's side: carrying the starting values, and reading and rewriting what a form holds.

STARTED_FROM = "started_from"
_SALT = "clearsight.core.locking.started_from"
_NOT_MERGED = {"version", STARTED_FROM}


class StartingValues(forms.Form):
    """A form that carries, in a signed hidden field, the values it showed when the user opened it
    (its initial values, as the browser would send them back). Render ``{{ form.started_from }}`` next to
    ``{{ form.version }}``. Put it before ``forms.Form`` (or a form class) in the bases. A form whose
    hidden version field has another name says so in ``version_field``."""

    started_from = forms.CharField(widget=forms.HiddenInput, required=False)

    def __new__(cls, *args, **kwargs):
        form = super().__new__(cls)
        form._made_with = (args, kwargs)  # to read other values with the same form (``_cleaned``)
        return form

    def get_initial_for_field(self, field, field_name):
        if field_name == STARTED_FROM:
            return signing.dumps(form_data(self, self.initial), salt=_SALT, compress=True)
        return super().get_initial_for_field(field, field_name)


def _version_field(form) -> str:
    """The name of the form's hidden version field: ``version``, or the form's ``version_field``."""
    return getattr(form, "version_field", "version")


def _merged_fields(form):
    not_merged = _NOT_MERGED | {_version_field(form)}
    return [name for name, field in form.fields.items()
            if name not in not_merged and not isinstance(field.widget, (forms.PasswordInput, forms.FileInput))]


def _field_data(field, name, value) -> dict:
    """What the browser sends for a field showing ``value`` (as core/govuk.py renders it)."""
    widget = field.widget
    if isinstance(widget, GovUKDateWidget):
        return {f"{name}-{part}": [text] for part, text in zip(("day", "month", "year"), widget.parts(value))}
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        data = {}
        for suffix, sub, part in zip(widget.widgets_names, widget.widgets, values):
            data.update(_field_data(forms.Field(widget=sub), f"{name}{suffix}", part))
        return data
    if getattr(widget, "allow_multiple_selected", False) or isinstance(widget, forms.MultipleHiddenInput):
        return {name: [str(v) for v in (value or [])]}
    if isinstance(widget, forms.CheckboxInput):
        return {name: ["on"] if value else []}
    if isinstance(widget, forms.RadioSelect):
        return {name: [] if value in (None, "") else [str(value)]}
    return {name: ["" if value is None else str(value)]}


def form_data(form, initial) -> dict:
    """What ``form`` would send back, unchanged, showing ``initial``: field name to list of strings."""
    data = {}
    for name in _merged_fields(form):
        field = form.fields[name]
        value = initial.get(name, field.initial)
        value = field.prepare_value(value() if callable(value) else value)
        data.update(_field_data(field, form.add_prefix(name), value))
    return data


def _lists(data) -> dict:
    if hasattr(data, "getlist"):
        return {key: data.getlist(key) for key in data}
    return {key: list(value) if isinstance(value, (list, tuple)) else [value] for key, value in data.items()}


def _keys_of(form, name) -> list:
    return list(_field_data(form.fields[name], form.add_prefix(name), None))


def _query_dict(data):
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, list(values))
    return query


def _cleaned(form, data) -> dict:
    """``data`` read by a form like ``form`` (same class and arguments): each field's cleaned value, for
    the fields that are valid. The form's data is its first argument, or ``data=`` for a form whose
    first arguments are something else (the record it is about, say)."""
    args, kwargs = form._made_with
    kwargs = {k: v for k, v in kwargs.items() if k not in ("data", "initial", "files")}
    if "data" in form._made_with[1]:
        probe = type(form)(*args, data=_query_dict(data), **kwargs)
    else:
        probe = type(form)(_query_dict(data), *(args[1:] if args else ()), **kwargs)
    probe.is_valid()
    return getattr(probe, "cleaned_data", {})


def _even(text: str) -> str:
    """Text with its spaces and line endings evened out (a browser sends CR LF; spaces at the ends of a
    line are not seen), but its lines kept: a paragraph split in two, or one alias a line, is a change."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip("\n")


def _comparable(value):
    if isinstance(value, Decimal):
        return ("decimal", format(value.normalize(), "f") if value.is_finite() else str(value))
    if isinstance(value, (list, tuple)):
        return tuple(_comparable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_comparable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return ("record", value._meta.label, value.pk)
    if isinstance(value, str):
        return _even(value)
    return value


def _raw(form, data, name):
    """A field's data as sent, with spaces and line endings evened out (in any order, for checkboxes)."""
    values = tuple(_even(v) for key in _keys_of(form, name) for v in data.get(key, []))
    return tuple(sorted(values)) if _unordered(form.fields[name]) else values


def _unordered(field) -> bool:
    """A field whose values are a set of choices (checkboxes): the order they come in means nothing."""
    widget = field.widget
    return getattr(widget, "allow_multiple_selected", False) or isinstance(widget, forms.MultipleHiddenInput)


def _values(form, names, cleaned, data):
    values = {}
    for name in names:
        if name in cleaned:
            value = _comparable(cleaned[name])
            if _unordered(form.fields[name]) and isinstance(value, tuple):
                value = frozenset(value)
            values[name] = ("cleaned", value)
        else:
            values[name] = ("raw", _raw(form, data, name))
    return values


def _shown(value, limit=200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe_value(field, value, data) -> str | None:
    """A field's value for a message: its choices' labels, a date as GOV.UK writes it, a field's own
    ``describe`` (money, say), or the text in quotes. None when empty."""
    if getattr(field, "choices", None) is not None:
        labels = {str(k): str(v) for k, v in field.choices}
        picked = [labels.get(v, v) for values in data.values() for v in values if v != ""]
        return _and(picked) if picked else None
    if value in (None, "", [], ()):
        return None
    if callable(getattr(field, "describe", None)):
        return field.describe(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return long_date(value)
    if isinstance(value, (list, tuple)):
        return f"“{_shown(', '.join(str(v) for v in value))}”"
    return f"“{_shown(value)}”"


def _merge_form(form, now_initial, current_version) -> None:
    names = _merged_fields(form)
    try:
        started_data = signing.loads(form.data.get(STARTED_FROM) or "", salt=_SALT)
    except signing.BadSignature:
        started_data = None
    mine_data = _lists(form.data)
    now_data = form_data(form, now_initial)
    mine = _values(form, names, {k: v for k, v in form.cleaned_data.items() if k in names}, mine_data)
    now_cleaned = _cleaned(form, now_data)
    now = _values(form, names, now_cleaned, now_data)
    started = None if started_data is None else _values(form, names, _cleaned(form, started_data), started_data)
    # A field valid in one and not in another is compared as sent, in all three.
    for name in names:
        kinds = {mine[name][0], now[name][0]} | ({started[name][0]} if started else set())
        if kinds != {"cleaned"}:
            mine[name], now[name] = ("raw", _raw(form, mine_data, name)), ("raw", _raw(form, now_data, name))
            if started:
                started[name] = ("raw", _raw(form, started_data, name))
    merged = merge_edits(started, mine, now)

    data = _query_dict(mine_data)
    theirs, both = [], []
    for name in names:
        field = form.fields[name]
        keys = _keys_of(form, name)
        if merged[name] is Merge.THEIRS:
            for key in keys:
                data.setlist(key, now_data.get(key, []))
            theirs.append(what_field_is(field))
        elif merged[name] is Merge.BOTH:
            both.append((name, field))
    form.data = data
    form.add_error(None, conflict_message(theirs, [what_field_is(field) for _, field in both], started is not None))
    for name, field in both:
        # The record's own value when the form would refuse it as it is now (an import saved a total
        # below the annual value, or an end date before the start): never the raw data's lists.
        now_text = describe_value(field, now_cleaned[name] if name in now_cleaned else (now_initial or {}).get(name),
                                  {key: now_data.get(key, []) for key in _keys_of(form, name)})
        form.add_error(name, edited_elsewhere(what_field_is(field), now_text, started is not None))
    # The next save is merged against the record as it is now, and refused only if it changes again.
    form.data[STARTED_FROM] = signing.dumps(now_data, salt=_SALT, compress=True)
    if current_version is not None:
        form.data[_version_field(form)] = str(current_version)


def add_conflict_error(form, current_version=None, now=None) -> None:
    """Tell the user of a bound, valid form that someone else saved the record first. With ``now``
    (the form's initial values for the record as it is now), the form is merged with the other
    person's changes (``merge_edits``; see the module's notes); without it, it keeps everything the
    user typed under the one standard message. With ``current_version``, the form carries the
    record's version as it is now, so that saving again replaces the other person's change only when
    the user chooses to."""
    if now is not None and isinstance(form, StartingValues):
        _merge_form(form, now, current_version)
        return
    form.add_error(None, CONFLICT)
    if current_version is not None:
        form.data = form.data.copy()
        form.data[_version_field(form)] = str(current_version)


def saved_or_refused(form, queryset, pk, expected_version=None, *, initial_for=None, **fields) -> bool:
    """``save_if_unchanged`` from the version the form carries (or ``expected_version``); when someone
    else saved first, the conflict error goes on the form with the record's current version, merged
    with the record as it is now when ``initial_for`` (record -> the form's initial values) is given,
    and the answer is False."""
    expected = form.cleaned_data.get("version") if expected_version is None else expected_version
    if save_if_unchanged(queryset, pk, expected, **fields):
        return True
    record = queryset.filter(pk=pk).first()
    if record is None:
        add_conflict_error(form)
    else:
        add_conflict_error(form, record.version, initial_for(record) if initial_for else None)
    return False
