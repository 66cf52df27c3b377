"""Small-number suppression: figures about people, as shown to someone not cleared to see the
records behind them (``restricted``: board members, statement owners, a published statement), so that
no one can be picked out.

The rules, the same on every page and export that counts people:

* A count under ``SMALL_NUMBER`` (5), zero included, is shown as "fewer than 5" (``shown``). Zero is
  hidden too, so that "fewer than 5" never narrows to "1 to 4".
* A percentage is "not shown" when its base is under 5, or when the part or the rest is 1 to 4 (80%
  of 5 gives away a 4 and a 1) (``shown_percent``); a median of fewer than 5 values is "not shown"
  (``shown_median``). With nothing to work either out from, it is "no data".
* A group of fewer than 5 people (a training cohort, say) has none of its figures shown
  (``is_small`` on the size of the group).
* Secondary suppression: where counts are shown beside their total, a hidden count could be worked out
  by taking the others from the total. ``protect`` finds the counts that must be "withheld" as well
  (``shown(..., withheld=True)``), and ``narrows`` says when hidden counts give something away.

Someone cleared for the records (``restricted`` False) sees every number as it is.
"""

import statistics

SMALL_NUMBER = 5
FEWER_THAN = f"fewer than {SMALL_NUMBER}"  # a count under SMALL_NUMBER
NOT_SHOWN = "not shown"  # a percentage or median worked out from fewer than SMALL_NUMBER, or giving one away
WITHHELD = "withheld"  # a count of SMALL_NUMBER or more hidden so that a smaller one cannot be worked out from a total
NO_DATA = "no data"  # a percentage or median with nothing to work it out from


def is_small(number) -> bool:
    """Whether a count (or the size of a group) is too small to show to a restricted audience."""
    return number < SMALL_NUMBER


def shown(number, restricted, *, withheld=False):
    """A count as shown: the number itself, or for a restricted audience "fewer than 5" when it is
    small, and "withheld" when ``protect`` found it would give a small count away."""
    if not restricted:
        return number
    if is_small(number):
        return FEWER_THAN
    return WITHHELD if withheld else number


def percent(part, whole) -> int | None:
    """Whole per cent, or None when there is nothing to divide by (not suppressed: see shown_percent)."""
    if not whole:
        return None
    return round(100 * part / whole)


def shown_percent(part, whole, restricted) -> str:
    """A percentage as shown, such as "75%": "no data" with a base of 0, and for a restricted
    audience "not shown" when the base is under 5 or the part or the rest is 1 to 4 (the percentage
    and the base would give that count away)."""
    if not whole:
        return NO_DATA
    if restricted and (is_small(whole) or 0 < part < SMALL_NUMBER or 0 < whole - part < SMALL_NUMBER):
        return NOT_SHOWN
    return f"{percent(part, whole)}%"


def median(values):
    """The median of whole numbers (None with none); a half when the middle falls between two."""
    values = list(values)
    if not values:
        return None
    m = statistics.median(values)
    return int(m) if m == int(m) else round(m, 1)


def shown_median(values, restricted):
    """A median as shown: "no data" with no values, "not shown" to a restricted audience when it is
    worked out from fewer than 5."""
    values = list(values)
    if not values:
        return NO_DATA
    if restricted and is_small(len(values)):
        return NOT_SHOWN
    return median(values)


def narrows(values: dict, unknown) -> bool:
    """Whether hidden counts beside a shown total give something away: the reader knows their sum
    (the total less the counts shown) and that each "fewer than 5" is 0 to 4, so one hidden count
    alone is known exactly, several adding up to 1 to 4 are a small number together, and several can
    be pinned down (three hidden adding up to 12 are all 4; two adding up to 7 are 3 or 4). A count
    withheld for being guessable is 5 or more, so any sum with one of those in it pins nothing down.
    Hidden counts adding up to 0 give nothing away."""
    hidden_sum = sum(values[p] for p in unknown)
    if hidden_sum == 0:
        return False
    if len(unknown) == 1 or is_small(hidden_sum):
        return True  # one count known exactly, or several that together make a small number
    if any(not is_small(values[p]) for p in unknown):
        return False
    most = SMALL_NUMBER - 1
    lowest, highest = max(0, hidden_sum - most * (len(unknown) - 1)), min(most, hidden_sum)
    return highest - lowest < 2


def protect(values: dict, relations) -> set:
    """The keys of the counts a restricted audience must not see (secondary suppression).

    ``values`` maps a key to a count; each relation is (parts, total): the parts add up to the total
    and all of them are shown together (the age groups and their total, the quarters and the whole
    period). Every count under SMALL_NUMBER is hidden; then, until nothing changes, in any relation
    where a hidden count could be worked out or pinned down to two values (see ``narrows``) the
    smallest count still shown is hidden too (the total, when no part is left)."""
    hidden = {key for key, n in values.items() if is_small(n)}
    relations = [(list(parts), total) for parts, total in relations]
    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            unknown = [p for p in parts if p in hidden]
            if total in hidden:
                if unknown:
                    continue  # two unknowns or more: neither can be worked out
            elif not unknown or not narrows(values, unknown):
                continue
            still_shown = sorted((p for p in parts if p not in hidden), key=lambda p: values[p])
            hidden.add(still_shown[0] if still_shown else total)
            changed = True
    return hidden
