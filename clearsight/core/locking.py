"""Optimistic locking: a record with a ``version`` number is saved only if nobody else has saved it
since the user opened it.

A form carries the version the user started from in a hidden ``version`` field. The save is one
compare-and-set in the database: ``save_if_unchanged`` updates the record (and moves it to its next
version) only where it is still at that version, so of two saves from the same version exactly one
succeeds. The other gets ``False``; the view keeps what the user typed and shows the one standard
message with ``add_conflict_error``, which also puts the record's current version in the form, so
that saving again, after checking, is a deliberate choice to replace the other person's change.

    records = Operation.objects.for_user(request.user)
    if locking.saved_or_refused(form, records, operation.pk, name=...):
        ...  # saved

(``saved_or_refused`` is ``save_if_unchanged`` from the form's ``version``, then
``add_conflict_error`` with the current version when someone else got there first.)

Pages that show the conflict as a banner instead (``core/_conflict.html``) use the same save and
pass ``conflict`` to their template.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone

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


def add_conflict_error(form, current_version=None) -> None:
    """Put the standard conflict message at the top of a bound form, keeping everything the user
    typed; with ``current_version``, also carry the record's version as it is now, so that saving the
    form again replaces the other person's change only when the user chooses to."""
    form.add_error(None, CONFLICT)
    if current_version is not None:
        form.data = form.data.copy()
        form.data["version"] = str(current_version)


def saved_or_refused(form, queryset, pk, expected_version=None, **fields) -> bool:
    """``save_if_unchanged`` from the version the form carries (or ``expected_version``); when someone
    else saved first, the standard conflict error goes on the form with the record's current version,
    and the answer is False."""
    expected = form.cleaned_data.get("version") if expected_version is None else expected_version
    if save_if_unchanged(queryset, pk, expected, **fields):
        return True
    add_conflict_error(form, current_version(queryset, pk))
    return False
