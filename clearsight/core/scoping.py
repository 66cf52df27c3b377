"""Organisation scoping for records.

Models that hold records (anything a user may or may not be allowed to see) use ScopedQuerySet as
their manager. During a web request every such query must say whose view it is, through
``Model.objects.for_user(user)``; a query evaluated without it raises UnscopedQueryError, so a view
that forgets the scoping fails loudly in the URL-matrix test instead of leaking records. Code that
runs outside a request (management commands, tasks, migrations) is not affected.

Code inside a request that must read past the user's scope says so with ``.unscoped(reason)``, and
the reason is the justification a reviewer reads (``grep -rn "unscoped(" clearsight``: about ninety
places). They fall into five kinds, and nothing else should:

* aggregates that carry no personal data (board, operation and training figures; spend totals);
* a record the caller has already checked, and its parts or a compare-and-set on it (actions of a
  plan, members of a group, the version of a supplier);
* what another organisation's records the sharing rules allow (``partnership/sharing.py`` decides
  which organisations; the query then reads theirs);
* pages reached without a session through a secret link (a supplier answering an assessment);
* look-ups that reveal nothing but existence to a caller entitled to know it (is a match pending).

Views should leave it to the context's services, facts or api functions, where the reason sits
beside the rule that allows it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

_in_request: ContextVar[bool] = ContextVar("clearsight_in_request", default=False)


class UnscopedQueryError(RuntimeError):
    pass


@contextmanager
def request_scope():
    token = _in_request.set(True)
    try:
        yield
    finally:
        _in_request.reset(token)


class ScopedQuerySet(models.QuerySet):
    """A queryset that must be scoped to a user before it is read inside a request.

    The model defines ``scope_for_user(queryset, user)``, returning the rows the user may see.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def for_user(self, user):
        queryset = self.model.scope_for_user(self, user)
        queryset = queryset._chain()
        queryset._scoped = True
        return queryset

    def unscoped(self, reason: str):
        if not reason:
            raise ValueError("Say why this query may read every row.")
        queryset = self._chain()
        queryset._scoped = True
        return queryset

    def _from_scoped_parent(self):
        """A related manager's queryset (``concern.actions.all()``) reached from a record that is
        itself scoped: the parent was already checked, so its children may be read."""
        return any(
            hasattr(type(parent), "scope_for_user")
            for parents in self._known_related_objects.values()
            for parent in parents.values()
        )

    def _check_scoped(self):
        if _in_request.get() and not self._scoped and not self._from_scoped_parent():
            raise UnscopedQueryError(
                f"{self.model.__name__} was queried during a request without .for_user(user)."
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def count(self):
        self._check_scoped()
        return super().count()

    def exists(self):
        self._check_scoped()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def iterator(self, *args, **kwargs):
        self._check_scoped()
        return super().iterator(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scoped()
        return super().update(**kwargs)

    def delete(self):
        self._check_scoped()
        return super().delete()
