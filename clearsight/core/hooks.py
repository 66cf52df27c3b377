"""How a context lower in the layers (docs/architecture.md) uses something a higher one provides,
without importing it: the lower context declares a ``Slot`` or an ``Event`` in its ``api`` module,
and the higher context fills or listens to it in its ``AppConfig.ready`` (ADR 0027).

    # supply/api.py (low)                       # screening/apps.py (high)
    suppliers_changed = Event("suppliers_changed")   supply_api.suppliers_changed.listen(screen_suppliers)
    supply_api.suppliers_changed.send(org, ids)

A slot is one function with an answer (and an optional default while nothing provides it); an event
is any number of listeners told that something happened, in the order they registered.
"""

from django.core.exceptions import ImproperlyConfigured


class Slot:
    def __init__(self, name: str, default=None):
        self.name = name
        self._default = default
        self._function = None

    def provide(self, function):
        """Fill the slot (a second provider replaces the first: each slot has one owner)."""
        self._function = function
        return function

    @property
    def provided(self) -> bool:
        return self._function is not None

    def __call__(self, *args, **kwargs):
        if self._function is not None:
            return self._function(*args, **kwargs)
        if self._default is not None:
            return self._default(*args, **kwargs)
        raise ImproperlyConfigured(f"Nothing provides {self.name}: is the app that fills it installed?")


class Event:
    def __init__(self, name: str):
        self.name = name
        self._listeners = []

    def listen(self, function):
        if function not in self._listeners:
            self._listeners.append(function)
        return function

    def send(self, *args, **kwargs) -> None:
        for listener in list(self._listeners):
            listener(*args, **kwargs)
