"""Small-number suppression (core.suppression): what a restricted audience sees of counts,
percentages and medians, and which counts beside a total must be withheld too."""

from clearsight.core import suppression as s


def test_a_count_under_5_zero_included_is_fewer_than_5_only_for_a_restricted_audience():
    assert s.SMALL_NUMBER == 5 and s.FEWER_THAN == "fewer than 5"
    assert s.shown(0, True) == "fewer than 5" and s.shown(4, True) == "fewer than 5"
    assert s.shown(5, True) == 5 and s.shown(1234, True) == 1234
    assert s.shown(0, False) == 0 and s.shown(4, False) == 4
    assert s.is_small(4) and not s.is_small(5)


def test_a_count_protect_found_is_withheld_but_a_small_one_still_reads_fewer_than_5():
    assert s.shown(12, True, withheld=True) == s.WITHHELD == "withheld"
    assert s.shown(3, True, withheld=True) == "fewer than 5"
    assert s.shown(12, False, withheld=True) == 12


def test_a_percentage_is_not_shown_when_its_base_or_either_side_is_small():
    assert s.shown_percent(3, 4, True) == s.NOT_SHOWN == "not shown"  # base under 5
    assert s.shown_percent(3, 4, False) == "75%"
    assert s.shown_percent(4, 5, True) == "not shown"  # 80% of 5 gives away the 4 and the 1
    assert s.shown_percent(2, 10, True) == "not shown"  # the part is 2
    assert s.shown_percent(8, 10, True) == "not shown"  # the rest is 2
    assert s.shown_percent(5, 5, True) == "100%" and s.shown_percent(5, 10, True) == "50%"
    assert s.shown_percent(0, 10, True) == "0%"  # none of 10: nothing small is given away
    assert s.shown_percent(0, 0, True) == s.NO_DATA == "no data"
    assert s.percent(2, 3) == 67 and s.percent(1, 0) is None


def test_a_median_of_fewer_than_5_is_not_shown():
    assert s.median([]) is None
    assert s.median([10, 30, 20]) == 20
    assert s.median([10, 20, 30, 41]) == 25
    assert s.median([10, 11]) == 10.5
    assert s.shown_median([10, 20, 30, 40], True) == "not shown"
    assert s.shown_median([10, 20, 30, 40], False) == 25
    assert s.shown_median([1, 2, 3, 4, 5], True) == 3
    assert s.shown_median([], True) == "no data"


# --- Secondary suppression: a hidden count cannot be worked out from a total beside it ---------------

def test_a_single_hidden_count_beside_a_total_takes_the_smallest_other_count_with_it():
    values = {"adults": 7, "children": 3, "unknown": 9, "total": 19}
    assert s.protect(values, [(["adults", "children", "unknown"], "total")]) == {"children", "adults"}


def test_hidden_counts_adding_up_to_1_to_4_beside_a_total_take_another_count_with_them():
    values = {"adults": 7, "children": 3, "unknown": 0, "total": 10}
    assert s.protect(values, [(["adults", "children", "unknown"], "total")]) == {"adults", "children", "unknown"}


def test_hidden_counts_adding_up_to_zero_give_nothing_away():
    values = {"adults": 7, "children": 0, "unknown": 0, "total": 7}
    assert s.protect(values, [(["adults", "children", "unknown"], "total")]) == {"children", "unknown"}


def test_a_hidden_total_whose_parts_are_all_shown_takes_a_part_with_it():
    # The whole period's children were withheld for the row; the quarters must not add up to them.
    values = {"q1": 6, "q2": 8, "whole": 14, "adults": 20, "other": 3, "people": 37}
    hidden = s.protect(values, [(["q1", "q2"], "whole"), (["whole", "adults", "other"], "people")])
    assert {"other", "whole"} <= hidden and hidden & {"q1", "q2"}


def test_nothing_small_nothing_hidden():
    assert s.protect({"a": 5, "b": 6, "total": 11}, [(["a", "b"], "total")]) == set()


def test_hidden_counts_pinned_down_by_a_total_are_protected():
    # Three quarters "fewer than 5" and a fourth of 5, with a whole-year total of 17: the three hidden
    # quarters add up to 12, so each must be 4. The smallest count still shown is withheld as well.
    values = {"q1": 4, "q2": 4, "q3": 4, "q4": 5, "year": 17}
    assert s.protect(values, [(["q1", "q2", "q3", "q4"], "year")]) == {"q1", "q2", "q3", "q4"}
    # Two hidden adding up to 7 are 3 and 4: pinned down to two values, so protected too.
    assert s.narrows({"a": 3, "b": 4}, ["a", "b"])
    # Two hidden adding up to 6 could be 2 and 4, 3 and 3, or 4 and 2: not pinned down.
    assert not s.narrows({"a": 3, "b": 3}, ["a", "b"])
    # Several hidden adding up to a small number are a small number together.
    assert s.narrows({"a": 1, "b": 2}, ["a", "b"])
    # Nothing hidden but zeros gives nothing away.
    assert not s.narrows({"a": 0, "b": 0}, ["a", "b"])
    # A withheld count (5 or more) makes the sum say nothing about the others.
    assert not s.narrows({"a": 4, "b": 8}, ["a", "b"])
