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


def test_a_number_written_with_leading_zeros_or_as_a_workbook_number_is_one_number():
    assert account_names.number_key(" 0001234 ") == account_names.number_key("1234") == account_names.number_key("1234.0")
    assert account_names.number_key("v0012") == "V0012" and account_names.number_key("000") == "0"
    rows = [("a", "x", "0020008132", "EC Harris LLP"), ("b", "x", "20008132.0", "Arcadis LLP")]
    assert account_names.other_names(rows) == {"a": (("Arcadis LLP", "20008132"),), "b": (("EC Harris LLP", "20008132"),)}


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


def test_a_company_agreeing_only_through_the_number_is_no_rival_to_the_name_itself_agreeing():
    """A number used to pay an agent too: "AMEY SERVICE LTD" (a spelling of Amey Services) is paid under
    the number "Enterprise Managed Services Ltd" was paid under. Amey is applied as without the number;
    Enterprise is neither ranked above it nor its rival."""
    register = [Record(1, "Amey Services Limited", company_number="00111111"),
                Record(2, "Enterprise Managed Services Limited", company_number="00222222")]
    paid_as = (("ENTERPRISE MANAGED SERVICES LTD", "3001"),)
    for name in ("AMEY SERVICE LTD", "SERVICES AMEY LTD"):
        found = linker.rank([Record("x", name, account_names=paid_as)], register)["x"]
        assert found.best.record.company_number == "00111111" and found.confident, name
        assert [c.levels["name"] for c in found.candidates][1:] == ["account"]


def test_a_name_a_person_confirmed_a_supplier_goes_by_is_a_name_of_its_own():
    """"Arcadis LLP" was merged into the supplier "EC Harris LLP" by a person: the register's Arcadis
    LLP is that supplier's company, applied as its own name agreeing would be."""
    register = [Record(1, "Arcadis LLP", company_number="OC368843"), Record(2, "Zenith Roofing Limited",
                                                                           company_number="01234567")]
    found = linker.rank([Record("x", "EC HARRIS LLP", known_names=("ARCADIS LLP",))], register)["x"]
    assert found.best.record.company_number == "OC368843" and found.confident
    assert found.best.reasons[0] == "“ARCADIS LLP”, a name a person confirmed this supplier goes by, agrees"
    assert "x" not in linker.rank([Record("x", "EC HARRIS LLP")], register)
