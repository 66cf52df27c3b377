"""Which rejected files' column choices are offered again: those refused for some of their lines, not
those refused whole or for most lines (their columns may be what was wrong)."""

from clearsight.spend.importer import refused_for_some_lines
from clearsight.spend.models import SpendImport


def refused(lines, rejected, status=SpendImport.Status.REJECTED):
    return SpendImport(status=status, rows_total=lines, report={"rejected_count": rejected})


def test_a_file_refused_for_one_bad_date_was_refused_for_its_lines_not_its_columns():
    assert refused_for_some_lines(refused(3, 1))
    assert refused_for_some_lines(refused(1000, 500))


def test_a_file_refused_for_most_of_its_lines_or_as_a_whole_may_have_had_the_wrong_columns():
    assert not refused_for_some_lines(refused(1000, 501))
    assert not refused_for_some_lines(refused(1000, 0)), "refused as a whole: unreadable, or no lines"
    assert not refused_for_some_lines(refused(3, 1, status=SpendImport.Status.IMPORTED))
