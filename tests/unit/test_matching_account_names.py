"""Other names a payer's records hold under one supplier number (matching/account_names.py): a
renamed supplier is found by its later name, and only for a person to confirm."""

from clearsight.matching import account_names, linker
from clearsight.matching.engine import Record


def test_a_name_gets_the_other_names_paid_under_its_supplier_number():
    rows = [("urs", "oxford", "20014353", "URS Infrastructure & Environment UK Ltd"),
            ("aecom", "oxford", "20014353", "AECOM Infrastructure & Environment UK Ltd"),
            ("alone", "oxford", "20000001", "Zenith Roofing Ltd")]
    found = account_names.other_names(rows)
    assert found == {"urs": (("AECOM Infrastructure & Environment UK Ltd", "20014353"),),
                     "aecom": (("URS Infrastructure & Environment UK Ltd", "20014353"),)}


def test_the_same_name_written_another_way_is_not_another_name():
    rows = [("a", "oxford", "7", "Scope Security Ltd"), ("a", "oxford", "7", "SCOPE SECURITY LIMITED"),
            ("b", "oxford", "7", "Scope Security")]
    assert account_names.other_names(rows) == {}


def test_numbers_are_one_publishers_own():
    rows = [("urs", "oxford city council", "1001", "URS Ltd"), ("other", "lambeth council", "1001", "AECOM Ltd")]
    assert account_names.other_names(rows) == {}


def test_a_number_paying_many_names_says_nothing_of_them():
    names = ["Acme Ltd", "Bolt Ltd", "Crane Ltd", "Delta Ltd", "Echo Ltd"]  # a sundry creditors account
    rows = [(name, "oxford", "99999", name) for name in names]
    assert account_names.other_names(rows) == {}
    assert len(account_names.other_names(rows[:account_names.MAX_NAMES_PER_NUMBER])) == account_names.MAX_NAMES_PER_NUMBER


def test_blank_numbers_and_names_are_left_out():
    rows = [("a", "oxford", "", "Acme Ltd"), ("b", "oxford", "", "Bolt Ltd"), ("c", "oxford", "5", "  ")]
    assert account_names.other_names(rows) == {}


REGISTER = [Record(1, "Aecom Infrastructure & Environment UK Limited", company_number="00880328"),
            Record(2, "Zenith Roofing Limited", company_number="01234567"),
            Record(3, "Tunstall Healthcare (UK) Limited", company_number="01332249")]


def test_a_renamed_supplier_is_found_by_its_later_name_and_sent_to_a_person():
    urs = Record("urs", "URS INFRASTRUCTURE & ENVIRONMENT UK LTD",
                 account_names=(("AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD", "20014353"),))
    found = linker.rank([urs], REGISTER)["urs"]
    assert found.best.record.company_number == "00880328"
    assert found.best.levels["name"] == "account"
    assert not found.confident
    assert found.best.reasons[0] == ("“AECOM INFRASTRUCTURE & ENVIRONMENT UK LTD”, paid under the same supplier number "
                                     "(20014353), agrees with the name")
    assert "another name paid under the same supplier number (20014353)" in found.why_a_person()
    assert "renamed" in found.why_a_person()


def test_without_the_other_name_the_renamed_supplier_is_not_found():
    assert "urs" not in linker.rank([Record("urs", "URS INFRASTRUCTURE & ENVIRONMENT UK LTD")], REGISTER)


def test_a_name_agreeing_itself_is_still_applied_whatever_else_was_paid_under_its_number():
    zenith = Record("z", "Zenith Roofing Ltd", account_names=(("Tunstall Healthcare (UK) Ltd", "42"),))
    found = linker.rank([zenith], REGISTER)["z"]
    assert found.best.record.company_number == "01234567" and found.confident
