"""Helpers for matching tests (no test module imports another): review items with several ranked
candidates, made as supplier resolution makes them, and a spy on ``linker.rank``."""

from clearsight.matching import linker, reviews
from clearsight.supply.api import normalise_name

from .factories import SupplierFactory


def supplier_review(organisation, name, candidate_names, probabilities=(0.86, 0.84, 0.55)):
    """A pending "supplier" review: a provisional supplier made for ``name`` (from a spend file) and
    settled suppliers of ``candidate_names`` as its candidates, most likely first. Returns (review,
    provisional supplier, candidate suppliers)."""
    provisional = SupplierFactory(organisation=organisation, name=name, needs_review=True, source="spend")
    candidates = [SupplierFactory(organisation=organisation, name=n) for n in candidate_names]
    review = reviews.new_review(
        [reviews.candidate(reviews.supplier_snapshot(s), p, ["names share only some words"], supplier=s)
         for s, p in zip(candidates, probabilities)],
        organisation=organisation, kind="supplier", source="spend", subject_supplier=provisional,
        normalised=normalise_name(name), left=reviews.record_snapshot(name, source="A spend file"))
    review.save()
    return review, provisional, candidates


def spy_on_rank(monkeypatch):
    """Record the keyword arguments of every ``linker.rank`` call (the labels and exclusions a run was
    given) while letting it rank as usual. Returns the list the calls are appended to."""
    seen = []
    real_rank = linker.rank

    def rank(left, right, **options):
        seen.append(options)
        return real_rank(left, right, **options)

    monkeypatch.setattr(linker, "rank", rank)
    return seen
