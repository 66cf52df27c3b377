"""Ranked candidates for each record: the one interface supplier resolution, register matching and
the review queue use (issue 16).

``rank(left, right)`` returns, for each left record with at least one candidate at or above
POSSIBLE, a ``Ranked``: its candidates best first (at most ``top``), each with a probability and
the reasons in words. A ranking is ``confident`` when the best candidate is at or above CONFIDENT
and no other candidate comes close; then it may be applied without asking a person. Otherwise the
candidates go to a person, who chooses one of them or "none of these".

``labels`` are earlier decisions people made (a confirmed or rejected pair); the engine learns
from them. ``exclude`` maps a left key to right keys never to propose (rejected before).

This first implementation scores with the fixed-weight engine (engine.py); the Splink engine
replaces its inside without changing this interface.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import engine
from .engine import CONFIDENT, POSSIBLE, Record  # noqa: F401 (part of this interface)

TOP = 3
# The best candidate is only applied without a person when the next one is this far behind.
CLEAR_LEAD = 0.10


@dataclass
class Candidate:
    record: Record
    probability: float
    reasons: list  # sentences, strongest evidence first

    @property
    def key(self):
        return self.record.key


@dataclass
class Label:
    """A pair a person decided: the same organisation (True) or not (False)."""

    left: Record
    right: Record
    is_match: bool


@dataclass
class Ranked:
    left: Record
    candidates: list = field(default_factory=list)  # Candidate, best first

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def confident(self) -> bool:
        if not self.candidates or self.candidates[0].probability < CONFIDENT:
            return False
        return len(self.candidates) < 2 or self.candidates[1].probability < self.candidates[0].probability - CLEAR_LEAD


def rank(left: Iterable[Record], right: Iterable[Record], *, top: int = TOP, exclude: dict | None = None,
         labels: Iterable[Label] = ()) -> dict:
    """{left key: Ranked} for each left record with a candidate at or above POSSIBLE."""
    index = engine.CandidateIndex(right)
    exclude = exclude or {}
    found = {}
    for record in left:
        never = exclude.get(record.key, frozenset())
        scored = []
        for i in index.candidates(record):
            other = index.records[i]
            if other.key in never:
                continue
            score = engine.score_pair(record, other)
            if score.possible:
                scored.append(Candidate(other, score.probability, score.reasons))
        if not scored:
            continue
        scored.sort(key=lambda c: -c.probability)
        best, seen = [], set()
        for candidate in scored:  # one candidate per right key (a record may be indexed under several names)
            if candidate.key not in seen:
                seen.add(candidate.key)
                best.append(candidate)
        found[record.key] = Ranked(record, best[:top])
    return found
