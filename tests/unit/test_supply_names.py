"""Name, postcode and company number normalisation: the keys that decide whether two spellings of a
business resolve to the same supplier without asking anyone."""

import pytest

from clearsight.supply.names import (name_before_legal_form, name_parts, trading_names, name_variants, normalise_company_number, normalise_name,
                                     normalise_postcode, postcode_district, written_name)


@pytest.mark.parametrize("a, b", [
    ("The Oxford Bus Co. Ltd.", "OXFORD BUS COMPANY LIMITED"),
    ("Smith & Sons Ltd", "Smith and Sons Limited"),
    ("Crédit Agricole", "Credit Agricole"),
    ("Acme Intl Svcs", "ACME International Services"),
    ("British Telecommunications Public Limited Company", "British Telecommunications PLC"),
    ("Marston (Holdings) Limited", "Marston Holdings Ltd"),
    ("Marston Holding", "Marston (Holdings) Limited"),
    ("Sainsbury's Supermarkets Ltd", "Sainsburys Supermarkets"),
    ("Co-op Funeralcare", "Cooperative Funeralcare"),
    ("Ika Textil S.A. de C.V.", "ika textil"),
])
def test_spellings_of_one_business_give_one_key(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize("a, b", [
    ("Glass Art Ltd", "Glass Ltd"),  # a legal-form word inside another word is not removed
    ("Acme Services", "Acme Supplies"),
    ("Unit 6 Foods", "Unit 10 Foods"),
    # a holding or group company is another company than the one it owns (issue 16)
    ("Kiely Bros. Holdings Limited", "Kiely Bros Ltd"),
    ("Mott Macdonald Group Limited", "Mott MacDonald Ltd"),
])
def test_different_businesses_keep_different_keys(a, b):
    assert normalise_name(a) != normalise_name(b)


def test_a_name_made_only_of_legal_words_is_kept():
    assert normalise_name("The Company Ltd") != ""


@pytest.mark.parametrize("name, key", [
    # Letters with no accent to take off are written in Latin letters, not dropped
    ("Straße Bau GmbH", "strasse bau"),
    ("Øresund A/S", "oresund"),
    ("ООО Ромашка", "romashka"),
    ("Łódź", "lodz"),
    ("Gdańsk Stocznia Sp. z o.o.", "gdansk stocznia"),
    ("Çelik Yapı Sanayi ve Ticaret A.Ş.", "celik yapi"),
    ("İstanbul Tekstil San. ve Tic. Ltd. Şti.", "istanbul tekstil"),
    ("Αθηνά ΑΕ", "athina ae"),
    # Overseas legal forms as UK councils' supplier lists write them
    ("Construcciones García S.L.", "construcciones garcia"),
    ("Van Dijk Transport B.V.", "van dijk transport"),
    ("Müller GmbH & Co. KG", "muller"),
    # Symbols are not words
    ("Acme® Ltd", "acme"),
    ("Sainsbury’s Supermarkets Ltd", "sainsburys supermarkets"),
])
def test_other_alphabets_and_letters_are_transliterated(name, key):
    assert normalise_name(name) == key


@pytest.mark.parametrize("a, b", [
    ("Straße Bau GmbH", "Strasse Bau"),
    ("Øresund A/S", "Oresund AS"),
    ("Łódź Logistics", "Lodz Logistics"),
])
def test_a_name_written_with_or_without_its_own_letters_gives_one_key(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_names_wholly_in_another_alphabet_keep_a_key():
    assert normalise_name("ООО Ромашка") != ""
    assert normalise_name("ООО Ромашка") != normalise_name("ООО Лютик")


def test_a_key_fits_the_field_that_stores_it_even_when_transliteration_lengthens_it():
    name = "Щ" * 300  # each letter is written "shch"
    assert len(normalise_name(name)) == 300


def test_trading_as_gives_both_names():
    assert name_variants("Economics Solutions Ltd t/a Manchester Growth Company") == (
        "economics solutions manchester growth", "economics solutions", "manchester growth")
    assert name_variants("Smith Ltd trading as Quick Cabs") == ("smith quick cabs", "smith", "quick cabs")


def test_a_trading_name_is_only_a_trading_name_after_a_company_named_with_its_legal_form():
    assert trading_names("Universal Window Repairs Ltd t/a Radley") == ("radley",)
    assert trading_names("Kevan Witt Associates(2012) Ltd T/A Global Surveys") == ("global surveys",)
    assert trading_names("John Smith t/a Smith Plumbing") == ()  # either may be the registered name
    assert trading_names("Radley Ltd") == ()


def test_a_name_going_on_after_its_legal_form_gives_the_name_up_to_it():
    assert name_before_legal_form("Neopost Ltd RCB Credifon A/C") == ("neopost",)
    assert name_before_legal_form("Kier Ltd (Highways)") == ("kier",)
    assert name_before_legal_form("Acme Ltd.") == ()
    assert name_before_legal_form("A B C Ltd 2") == ()  # a number alone: another site or company, not an account
    assert name_before_legal_form("Mears Housing Management Limited & Plexus UK Limited") == ()  # two companies
    assert name_before_legal_form("Smith Ltd t/a Quick Cabs") == ()


def test_postcodes_are_written_one_way():
    assert normalise_postcode(" m5 4wh") == "M5 4WH"
    assert normalise_postcode("SW1A1AA") == "SW1A 1AA"
    assert normalise_postcode("not a postcode") == ""
    assert postcode_district("ox1 1aa") == "OX1"


@pytest.mark.parametrize("raw, number", [
    ("4830352", "04830352"), ("04830352", "04830352"), ("SC123456", "SC123456"), ("sc 1234", "SC001234"),
    ("", ""), ("CHA1049226", ""), ("123456789", ""),
])
def test_company_numbers_are_padded_to_eight_characters(raw, number):
    assert normalise_company_number(raw) == number


def test_a_compound_name_gives_the_names_of_the_organisations_it_is_made_of():
    assert name_parts("Ecus Limited via Bloom Procurement Services Ltd") == ("ecus", "bloom procurement services")
    assert name_parts("Mears Housing Management Limited & Plexus UK (First Project) Limited") == (
        "mears housing management", "plexus first project")
    assert name_parts("Socotec - Aecom") == ("socotec", "aecom")


def test_a_name_of_one_organisation_has_no_parts():
    # "&" divides only after a legal form; a hyphen without spaces is part of the name.
    for name in ("Marks & Spencer", "Jones & Co Ltd", "A-Plant", "Smith Ltd", ""):
        assert name_parts(name) == (), name


def test_the_name_as_written_keeps_the_word_uk():
    assert normalise_name("AON UK Ltd") == normalise_name("AON PLC") == "aon"
    assert written_name("AON UK Ltd") == "aon uk" != written_name("AON PLC")
    assert written_name("The UK Ltd") == "uk"


def test_the_organisation_bought_through_comes_first_of_a_compound_name():
    from clearsight.supply.names import parts_paid_first

    assert parts_paid_first("Ecus Limited via Bloom Procurement Services Ltd") == ("bloom procurement services", "ecus")
    assert parts_paid_first("Socotec - Aecom") == ("socotec", "aecom")
    assert parts_paid_first("Mears Limited & Plexus Limited") == ("mears", "plexus")
    assert parts_paid_first("Marshalls PLC") == ()


def test_name_words_are_a_names_words_as_written_less_its_legal_form():
    from clearsight.supply.names import name_words

    assert name_words("SCOPE SECURITY LTD") == [("SCOPE", "scope"), ("SECURITY", "security")]
    assert name_words("The Works Stores (UK) Ltd") == [("Works", "works"), ("Stores", "stores")]
    assert name_words("Eversheds Sutherland (International) LLP")[-1] == ("International", "international")


@pytest.mark.parametrize("name, key", [
    ("AB Inbev UK Limited", "ab inbev"),  # "AB" is a Swedish legal form only after a name
    ("ABInBev UK Limited", "abinbev"),
    ("AG Barr plc", "ag barr"),
    ("A.G. Barr p.l.c.", "ag barr"),  # dotted letters spelling a legal form are one word ("AG" first: a name)
    ("Brother U.K. Limited", "brother"),
    ("W.T. Parker Ltd.", "w t parker"),
    ("Company Shop Limited", "company shop"),
    ("GB Oils Ltd", "gb oils"),
    ("S L Smith Builders", "s l smith builders"),  # initials, not a Spanish S.L.
    ("Siemens A.G.", "siemens"),
    ("Construcciones García S.L.", "construcciones garcia"),
    ("The Co-operative Bank p.l.c.", "cooperative bank"),
    ("E.ON UK plc", "e on"),
])
def test_a_word_that_could_be_a_legal_form_is_one_only_after_the_name(name, key):
    from clearsight.supply.names import normalise_name

    assert normalise_name(name) == key
