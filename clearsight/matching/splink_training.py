"""Estimating the Splink model's m and u values for one run (ADR 0032).

* u (how often a level occurs between different organisations): by random sampling of pairs of the
  run's own records (``estimate_u_using_random_sampling``);
* m (how often it occurs between records of the same organisation): by expectation maximisation on
  the run's own pairs, blocked in turn on the distinctive word and on the postal district;
* both then adjusted by people's decisions (``labels``): a confirmed pair counts as one more example
  of the same organisation for the levels it falls into, a rejected pair as one more look-alike pair of
  different organisations.

When a run is too small to estimate anything (a council with ten suppliers, a test), or estimation
fails or gives values that make no sense (an agreeing name weighing less than a differing one), the
starting values in splink_model.COMPARISONS are used. No Django here.
"""

import logging
import re
from collections import Counter
from dataclasses import dataclass

from . import splink_model

logger = logging.getLogger(__name__)

# Smallest run whose own data estimates parameters (fewer records: the starting values).
MIN_RIGHT_FOR_ESTIMATES = 1000
MIN_LEFT_FOR_ESTIMATES = 50
U_PAIRS = 1e5  # pairs sampled for u: on the Salford bench 1e5 gives the figures 1e6 does, in a fifth of the time
U_CHUNKS = 1  # one pass over the sampled pairs per comparison (Splink's probe chunks cost more than they save here)
MIN_U_OBSERVATIONS = 100
MIN_EM_PAIRS = 200  # fewest pairs in a block for expectation maximisation
SEED = 16
# How many examples the current values count as, against each person's decision: m comes from few
# matching pairs, so a confirmation moves it visibly; u comes from millions of random pairs, so a
# rejection (a look-alike pair, not a random one) moves it a little.
M_PSEUDO_COUNT = 20.0
U_PSEUDO_COUNT = 10_000.0
FLOOR = 1e-6
# Stored parameters are estimated again when the records matched against grow (or shrink) by this factor.
GROWTH = 1.25


@dataclass
class Stored:
    """Parameters estimated before and kept (parameter_store.py), with what they were estimated on."""

    values: dict  # {(comparison, level key): (m, u)}, before people's decisions adjust them
    method: str
    left_count: int
    right_count: int
    label_count: int
    fingerprint: str
    estimated_at: object = None  # a datetime


def reason_to_estimate(stored: Stored | None, *, right_count: int, label_count: int) -> str:
    """Why parameters should be estimated (again) rather than reused, in words; "" to reuse them.
    Estimated again when there are none, when the comparisons changed since, when the records matched
    against have grown (or shrunk) by more than a quarter, or when people decided pairs since."""
    if stored is None:
        return "no parameters estimated before"
    if stored.fingerprint != splink_model.fingerprint():
        return "the comparisons have changed since the parameters were estimated"
    if right_count > stored.right_count * GROWTH or right_count * GROWTH < stored.right_count:
        return f"the records matched against went from {stored.right_count:,} to {right_count:,}"
    if label_count > stored.label_count:
        new = label_count - stored.label_count
        return f"people decided {new:,} more {'pair' if new == 1 else 'pairs'} since"
    return ""


def starting_parameters() -> dict:
    return {(name, level.key): (level.m, level.u) for name, levels in splink_model.COMPARISONS.items()
            for level in levels}


def read_parameters(linker) -> dict:
    """{(comparison, level key): (m, u)} as the linker holds them now."""
    found = {}
    for comparison in linker._settings_obj.comparisons:
        for level in comparison.comparison_levels:
            if level.is_null_level:
                continue
            found[(comparison.output_column_name, level.label_for_charts)] = (level.m_probability, level.u_probability)
    return found


def plausible_comparison(parameters: dict, name: str) -> bool:
    """An estimated comparison is used only if its best level still weighs more than 1 and its last
    level less (EM on a run with few true pairs can swap the classes or flatten them)."""
    levels = splink_model.COMPARISONS[name]

    def weight(key):
        m, u = parameters[(name, key)]
        return max(m or 0, FLOOR) / max(u or 0, FLOOR)

    return weight(levels[0].key) > 1 > weight(levels[-1].key)


def block_pairs(block: str, left_rows, right_rows) -> int:
    """How many pairs a blocking rule of the form ``l.column = r.column`` makes between the rows."""
    column = re.fullmatch(r"l\.(\w+) = r\.\1", block).group(1)
    counts = Counter(row[column] for row in right_rows if row.get(column) is not None)
    return sum(counts.get(row[column], 0) for row in left_rows if row.get(column) is not None)


def estimate(linker, left_rows, right_rows, *, u_pairs: float | None = None) -> tuple[dict, str]:
    """(parameters, how they were found) for this run: estimated from its own data when it is large
    enough and the estimates are plausible, else the starting values. Each block of expectation
    maximisation is tried on its own: one that finds no pairs (no postcodes on either side, as in a
    spend file) is skipped, and the comparisons it would have estimated keep their starting m."""
    start = starting_parameters()
    if len(right_rows) < MIN_RIGHT_FOR_ESTIMATES or len(left_rows) < MIN_LEFT_FOR_ESTIMATES:
        return start, "starting values (too few records to estimate)"
    pairs = u_pairs or U_PAIRS
    try:
        linker.training.estimate_u_using_random_sampling(max_pairs=pairs, seed=SEED, num_chunks=U_CHUNKS,
                                                         min_count_per_level=None)
    except Exception as error:  # noqa: BLE001 (sampling can fail on degenerate data: never stop an import)
        logger.warning("Splink estimation of u failed, using starting values: %s", error)
        return start, "starting values (estimation failed)"
    blocks = []
    for block in splink_model.EM_BLOCKS:
        # A block with too few pairs is not tried: Splink refuses it, and a refused block leaves the
        # linker's comparisons changed.
        if block_pairs(block, left_rows, right_rows) < MIN_EM_PAIRS:
            continue
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block, fix_probability_two_random_records_match=True, estimate_without_term_frequencies=True)
            blocks.append(block)
        except Exception as error:  # noqa: BLE001 (a block with no pairs: skip it)
            logger.info("Splink expectation maximisation on %s skipped: %s", block, error)
    # A level seen fewer than MIN_U_OBSERVATIONS times among the sampled pairs keeps its starting u:
    # one or two chance agreements in a sample of pairs is no estimate.
    estimated = {key: (m if m is not None else start[key][0],
                       u if u is not None and u * pairs >= MIN_U_OBSERVATIONS else start[key][1])
                 for key, (m, u) in read_parameters(linker).items()}
    kept, refused = {}, []
    for name, levels in splink_model.COMPARISONS.items():
        keys = [(name, level.key) for level in levels]
        if plausible_comparison(estimated, name):
            kept.update({key: estimated[key] for key in keys})
        else:  # EM swapped or flattened this comparison: its m values start over, u stays estimated
            refused.append(name)
            kept.update({key: (start[key][0], estimated[key][1]) for key in keys})
    how = f"u estimated by random sampling ({pairs:,.0f} pairs)"
    if not blocks:
        how += "; m starting values (no pairs to estimate it from)"
    else:
        how += f"; m by expectation maximisation blocked on {' and on '.join(_block_words(b) for b in blocks)}"
    if refused:
        how += f", except {', '.join(refused)} (implausible: starting m)"
    return kept, how


def _block_words(block: str) -> str:
    return {"l.district = r.district": "postal district", "l.key_word = r.key_word": "distinctive word"}.get(block, block)


def adjust_for_labels(parameters: dict, label_levels) -> dict:
    """m and u moved by people's decisions. ``label_levels``: [({comparison: level key}, is_match)].
    Each comparison's m (confirmed pairs) or u (rejected pairs) becomes a weighted average of the
    current value (counting M_PSEUDO_COUNT or U_PSEUDO_COUNT examples) and the decided pairs' levels."""
    if not label_levels:
        return parameters
    adjusted = dict(parameters)
    for name, levels in splink_model.COMPARISONS.items():
        for is_match, position, pseudo in ((True, 0, M_PSEUDO_COUNT), (False, 1, U_PSEUDO_COUNT)):
            seen = [lv[name] for lv, match in label_levels if match is is_match and name in lv]
            if not seen:
                continue
            total = pseudo + len(seen)
            for level in levels:
                key = (name, level.key)
                values = list(adjusted[key])
                share = seen.count(level.key)
                values[position] = max(FLOOR, (values[position] * pseudo + share) / total)
                adjusted[key] = tuple(values)
    return adjusted
