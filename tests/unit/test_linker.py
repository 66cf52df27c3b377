"""The Splink linker (matching/linker.py): the issue's examples of sister companies, distinctive and
common words, former names, and people's decisions changing the next run."""

from clearsight.matching import linker, splink_model, splink_training
from clearsight.matching.engine import Record


def _names(ranked):
    return [c.record.name for c in ranked.candidates]


def test_kiely_bros_ltd_ranks_the_limited_company_above_the_holding_company():
    right = [Record(1, "Kiely Bros. Holdings Limited"), Record(2, "Kiely Bros Limited"), Record(3, "Keyline Ltd")]
    ranked = linker.rank([Record("a", "Kiely Bros Ltd")], right)["a"]
    assert _names(ranked)[:2] == ["Kiely Bros Limited", "Kiely Bros. Holdings Limited"]
    assert ranked.candidates[1].levels["legal_form"] == "group"
    assert "one name says Holdings and the other does not: it may be a group company" in ranked.candidates[1].reasons
    assert ranked.confident


def test_mott_macdonald_ltd_ranks_the_limited_company_above_the_group():
    right = [Record(1, "Mott Macdonald Group Limited"), Record(2, "Mott MacDonald Limited")]
    ranked = linker.rank([Record("a", "Mott MacDonald Ltd")], right)["a"]
    assert _names(ranked) == ["Mott MacDonald Limited", "Mott Macdonald Group Limited"]
    assert ranked.candidates[0].reasons[0] == "names agree apart from the legal form"


def test_only_a_group_company_is_never_applied_without_a_person():
    ranked = linker.rank([Record("a", "Kiely Bros Ltd")], [Record(1, "Kiely Bros. Holdings Limited")])["a"]
    assert ranked.best.record.key == 1
    assert not ranked.confident


def test_marshalls_finds_marshalls_plc():
    ranked = linker.rank([Record("a", "Marshalls")], [Record(1, "Marshalls PLC"), Record(2, "Marks Ltd")])["a"]
    assert ranked.best.record.name == "Marshalls PLC"
    assert ranked.best.levels["name"] == "written"


def test_a_common_word_alone_is_no_match():
    right = [Record(1, "Zenith Services Ltd"), Record(2, "Acorn Care Ltd")]
    assert "a" not in linker.rank([Record("a", "Acme Services")], right)


def test_a_rare_distinctive_word_weighs_more_than_a_common_one():
    # A right side large enough for term frequencies: four hundred "... Services" names, one "Kiely".
    right = [Record(i, f"Name{i} Services Ltd") for i in range(400)] + [Record("k", "Kiely Plant Services Limited")]
    found = linker.rank([Record("a", "Kiely Plant Services Ltd"), Record("b", "Acme Services Ltd")], right)
    assert found["a"].best.key == "k" and found["a"].confident
    assert "b" not in found  # "Services" agreeing with four hundred names says nothing


def test_a_former_name_is_found_and_said():
    right = [Record(1, "Northern Plant Limited", former_names=(("Kiely Plant Hire Limited", "2019"),)),
             Record(2, "Southern Plant Limited")]
    ranked = linker.rank([Record("a", "Kiely Plant Hire Ltd")], right)["a"]
    assert ranked.best.key == 1
    assert "the name agrees with a former name of this company (until 2019)" in ranked.best.reasons


def test_a_rejected_pair_is_never_proposed():
    left, right = [Record("a", "Acme Ltd")], [Record(1, "Acme Limited")]
    assert linker.rank(left, right, exclude={"a": {1}}) == {}
    assert linker.rank(left, right, labels=[linker.Label(left[0], right[0], False)]) == {}


def test_a_confirmation_changes_the_outcome():
    left = [Record("a", "Kiely Bros Ltd")]
    right = [Record(1, "Kiely Bros Limited"), Record(2, "Kiely Bros. Holdings Limited")]
    before = linker.rank(left, right)["a"]
    assert before.best.key == 1
    after = linker.rank(left, right, labels=[linker.Label(left[0], right[1], True)])["a"]
    assert after.best.key == 2
    assert after.best.reasons[0] == "a person confirmed this pair before"
    assert after.confident is False or after.best.probability == 1.0


def test_confirmed_pairs_raise_m_of_their_levels_and_rejected_ones_raise_u():
    start = splink_training.starting_parameters()
    confirmed = splink_training.adjust_for_labels(start, [({"name": "key"}, True)] * 5)
    assert confirmed[("name", "key")][0] > start[("name", "key")][0]
    assert confirmed[("name", "exact")][0] < start[("name", "exact")][0]
    rejected = splink_training.adjust_for_labels(start, [({"name": "exact"}, False)])
    assert rejected[("name", "exact")][1] > start[("name", "exact")][1]
    assert rejected[("name", "exact")][0] == start[("name", "exact")][0]


def test_the_levels_of_a_pair_are_the_ones_splink_finds():
    pairs = [(Record(1, "Kiely Bros Ltd", postcode="M5 4WH"), Record(1, "Kiely Bros. Holdings Limited", postcode="M5 3AA")),
             (Record(2, "Open Text UK Ltd"), Record(2, "OpenText UK Limited")),
             (Record(3, "Acme Servces"), Record(3, "Acme Services PLC"))]
    scored = linker.score_pairs(pairs)
    for (a, b), candidate in zip(pairs, scored):
        counts, _ = splink_model.token_frequencies(b.names)
        assert linker.levels_of(splink_model.features(a, 0, counts), splink_model.features(b, 0, counts)) == candidate.levels


def test_legal_forms_are_read_from_the_name_as_written():
    assert splink_model.legal_form("Kiely Bros. Holdings Limited") == ("ltd", "holdings")
    assert splink_model.legal_form("Marshalls PLC") == ("plc", "")
    assert splink_model.legal_form("British Telecommunications Public Limited Company") == ("plc", "")
    assert splink_model.legal_form("Marshalls") == ("", "")


def test_the_distinctive_word_is_the_rarest():
    counts = {"services": 300, "kiely": 1, "hire": 20}
    assert splink_model.key_word(["kiely", "hire", "services"], counts) == "kiely"
    assert splink_model.key_word(["acme", "services"], counts) == "acme"  # a word no right record uses


def test_empty_sides_rank_nothing():
    assert linker.rank([], [Record(1, "Acme")]) == {}
    assert linker.rank([Record(1, "Acme")], []) == {}


def test_a_name_without_a_legal_form_ranks_the_company_above_its_holding_company():
    # "ESRI" says nothing of its legal form, but "Holdings" on the other side still says group company.
    right = [Record(1, "Esri Holdings Limited"), Record(2, "Esri (UK) Limited"), Record(3, "Essex Rail Ltd")]
    ranked = linker.rank([Record("a", "ESRI")], right)["a"]
    assert _names(ranked)[:2] == ["Esri (UK) Limited", "Esri Holdings Limited"]
    assert ranked.candidates[1].levels["legal_form"] == "group"


def test_initials_sharing_a_word_are_offered_to_a_person():
    right = [Record(1, "City Electrical Factors Limited"), Record(2, "Central Electric Fittings Ltd"),
             Record(3, "CEF Holdings Ltd Marine")]
    ranked = linker.rank([Record("a", "CEF Electrical")], right)["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "initials"
    assert "one name's word is the initials of the other's words, and they share a word that few names use" \
        in ranked.best.reasons
    assert not ranked.confident  # initials may be another company's: a person says


def _among_common_words(*names):
    """A register-sized right side: the named companies among 300 others, every one a "Services"
    or "Group" company (so those words are common, as in the real register)."""
    filler = [Record(100 + i, f"Filler{i} {'Services' if i % 2 else 'Group'} Limited") for i in range(300)]
    return [Record(i + 1, name) for i, name in enumerate(names)] + filler


def test_initials_sharing_only_a_common_word_are_no_evidence():
    # "Best" is the initials of British Engineering Services Topco, but "Services" is in a great many
    # names: the pair is not offered (it was, at 0.86, against the real register).
    found = linker.rank([Record("a", "Best Services Ltd")], _among_common_words("British Engineering Services Topco Limited"))
    assert "a" not in found or found["a"].best.levels["name"] != "initials"
    found = linker.rank([Record("a", "CEF Electrical")], _among_common_words("City Electrical Factors Limited"))
    assert found["a"].best.key == 1 and found["a"].best.levels["name"] == "initials"


def test_initials_sharing_only_the_initials_themselves_are_no_evidence():
    # "Gas Advisory Services Ltd" spells "GAS", and "GAS Plus Supply Limited" has the word "gas": the one
    # word they share is the initials themselves (Lambeth's payees had it offered at 0.85).
    found = linker.rank([Record("a", "Gas Advisory Services Ltd")], _among_common_words("GAS Plus Supply Limited"))
    assert "a" not in found or found["a"].best.levels["name"] != "initials"
    found = linker.rank([Record("a", "GAS Appliance Ltd")], _among_common_words("Gas Appliance Servicing Limited"))
    assert found["a"].best.key == 1 and found["a"].best.levels["name"] == "initials"  # "appliance" besides


def test_a_uk_company_named_is_not_applied_to_a_company_without_uk_in_its_name():
    # Lambeth paid "Northgate Information Solutions Uk Ltd"; the register's "Northgate Information
    # Solutions Limited" is the group's holding company. A person says.
    right = [Record(1, "Northgate Information Solutions Limited"), Record(2, "Keyline Ltd")]
    ranked = linker.rank([Record("a", "Northgate Information Solutions Uk Ltd")], right)["a"]
    assert ranked.best.key == 1 and not ranked.confident
    assert ranked.why_a_person().startswith("The name being matched says UK and this company's name does not")
    # One letter apart, the same: the UK company named is not the holding company.
    ranked = linker.rank([Record("a", "Northgate Information Solution UK Ltd")], right)["a"]
    assert ranked.best.key == 1 and not ranked.confident
    # A name written without UK is written loosely: the UK company is applied.
    ranked = linker.rank([Record("a", "Northgate Information Solutions")], [Record(1, "Northgate Information Solutions (UK) Limited"),
                                                                          Record(2, "Keyline Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.confident


def test_bracketed_initials_tell_two_companies_apart_when_both_are_listed():
    # Stockport's ratepayer "GROSVENOR CASINOS (GC) LTD": the register holds it and Grosvenor Casinos
    # Limited, another company. Both agree once the bracketed initials are left out; the one agreeing
    # to the letter is first, and applied.
    right = [Record(1, "Grosvenor Casinos Limited"), Record(2, "Grosvenor Casinos (GC) Limited"), Record(3, "Keyline Ltd")]
    ranked = linker.rank([Record("a", "GROSVENOR CASINOS (GC) LTD")], right)["a"]
    assert _names(ranked)[:2] == ["Grosvenor Casinos (GC) Limited", "Grosvenor Casinos Limited"]
    assert ranked.confident
    # A name without the initials may be either, written loosely: a person says.
    ranked = linker.rank([Record("a", "Grosvenor Casinos Ltd")], right)["a"]
    assert ranked.best.record.name == "Grosvenor Casinos Limited" and not ranked.confident


def test_a_name_holding_another_and_more_says_which_words_are_more():
    # The words that differ are what a person weighs: "Security" makes Scope Security Ltd another
    # organisation than the charity Scope, "Operations" need not.
    found = linker.rank([Record("a", "SCOPE SECURITY LTD"), Record("b", "Cemex UK")],
                        _register(linker.LARGE_RIGHT) + [Record("s", "Scope"), Record("c", "Cemex UK Operations Limited")])
    assert found["a"].best.record.name == "Scope" and found["a"].best.levels["name"] == "contains"
    assert found["a"].why_a_person() == ("One name is only part of the other: “SCOPE SECURITY LTD” has “SECURITY” "
                                         "besides, so it may be another company with a similar name.")
    assert "“Cemex UK Operations Limited” has “Operations” besides" in found["b"].why_a_person()


def test_a_foreign_company_is_not_applied_to_a_uk_company_of_the_same_name():
    # "Astellas Pharma Inc" (the Japanese parent, as a statement names it) and the register's
    # "Astellas Pharma Ltd." are two companies: a person says.
    right = [Record(1, "Astellas Pharma Ltd."), Record(2, "Keyline Ltd")]
    ranked = linker.rank([Record("a", "Astellas Pharma Inc")], right)["a"]
    assert ranked.best.key == 1 and not ranked.confident
    assert ranked.why_a_person() == ("One is named as a company of another country (Inc) and the other as a UK "
                                     "company: the UK one may be its subsidiary, a different company.")
    # Two UK forms are not two countries: "Imagination Technologies Group plc" re-registered as Limited.
    ranked = linker.rank([Record("a", "Imagination Technologies Group plc")],
                         [Record(1, "Imagination Technologies Group Limited"), Record(2, "Keyline Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.confident


def test_a_bracketed_abbreviation_of_the_name_is_not_part_of_it():
    assert splink_model.without_bracketed_initials("Electoral Reform Services (ERS) Limited") == \
        "Electoral Reform Services Limited"
    assert splink_model.without_bracketed_initials("Esri (UK) Limited") == "Esri (UK) Limited"
    assert splink_model.without_bracketed_initials("Electoral Reform Services(ERS)Ltd") == "Electoral Reform Services Ltd"
    ranked = linker.rank([Record("a", "Electoral Reform Services (ERS) Limited")],
                         [Record(1, "Electoral Reform Services Limited"), Record(2, "Electoral Services Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "written"
    assert ranked.confident


def test_the_only_name_agreeing_as_written_is_applied():
    # "AON UK Ltd": "AON UK Limited" as written; "AON PLC" only once the word UK is dropped.
    ranked = linker.rank([Record("a", "AON UK Ltd")], [Record(1, "AON PLC"), Record(2, "AON UK Limited")])["a"]
    assert [c.key for c in ranked.candidates][:2] == [2, 1]
    assert ranked.confident
    # Two names agreeing as written are for a person.
    ranked = linker.rank([Record("a", "AON UK Ltd")], [Record(1, "AON UK PLC"), Record(2, "AON UK Limited")])["a"]
    assert not ranked.confident


def test_a_name_written_without_its_space_is_applied():
    ranked = linker.rank([Record("a", "OpenText UK Limited")], [Record(1, "Open Text UK Limited"), Record(2, "Opentech Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "order"
    assert ranked.confident


def test_a_name_that_is_its_group_company_but_for_the_word_group_is_offered_to_a_person():
    # "Premier Paper" in a council's file is most likely Premier Paper Group Limited when that is the
    # only such company, but it may be the group rather than the trading company: a person decides.
    right = [Record("group", "Premier Paper Group Limited"), Record("other", "Premier Foods PLC"),
             Record("third", "Paper Mills Ltd")]
    ranked = linker.rank([Record("x", "Premier Paper")], right)["x"]
    assert ranked.best.key == "group" and not ranked.confident
    assert "names agree apart from the word Holdings or Group" in ranked.best.reasons


def _register(size):
    """A list as large as a company register: made-up names sharing no word with the names tested."""
    return [Record(i, f"Zq{i:05d} Trading Limited") for i in range(size)]


def test_a_name_containing_another_is_offered_to_a_person_against_a_register():
    # Against a register of thousands the prior for one pair is tiny: "Cemex UK" holding all the words
    # of "Cemex UK Operations Limited" but not its own name scores below POSSIBLE, yet is the answer.
    right = _register(linker.LARGE_RIGHT) + [Record("c", "Cemex UK Operations Limited")]
    ranked = linker.rank([Record("a", "Cemex UK")], right)["a"]
    assert ranked.best.key == "c"
    assert ranked.best.probability < linker.POSSIBLE
    assert ranked.best.levels["name"] == "contains"
    assert not ranked.confident


def test_the_lower_floor_is_only_for_lists_as_large_as_a_register():
    assert linker.review_floor(linker.LARGE_RIGHT - 1) == linker.POSSIBLE
    assert linker.review_floor(linker.LARGE_RIGHT) == linker.REVIEW_FLOOR_LARGE < linker.POSSIBLE


def test_a_name_with_its_letters_spaced_out_is_offered_to_a_person():
    ranked = linker.rank([Record("a", "ale x tr i c o t sr l")], [Record(1, "Alextricot SRL"), Record(2, "Alex Travel Ltd")])
    assert ranked["a"].best.key == 1
    assert ranked["a"].best.levels["name"] == "compact_contains"
    assert "without spaces one name holds all of the other" in ranked["a"].best.reasons
    assert not ranked["a"].confident


def test_the_same_name_in_another_country_is_never_applied_without_a_person():
    right = [Record(1, "BTM", country="EG"), Record(2, "Acme Mills", country="GE")]
    ranked = linker.rank([Record("a", "BTM", country="GE")], right)["a"]
    assert ranked.best.key == 1 and ranked.best.levels["country"] == "differ"
    assert not ranked.confident
    same_country = linker.rank([Record("a", "BTM", country="EG")], right)["a"]
    assert same_country.best.key == 1 and same_country.confident


def test_aon_uk_ltd_is_aon_uk_limited_not_aon_plc():
    # Both keys are "aon" (the word UK is dropped from keys); the name as written keeps it.
    right = [Record(1, "AON PLC"), Record(2, "AON UK Limited"), Record(3, "Aonach Mor Ltd")]
    ranked = linker.rank([Record("a", "AON UK Ltd")], right)["a"]
    assert _names(ranked)[:2] == ["AON UK Limited", "AON PLC"]
    assert ranked.best.levels["name"] == "written" and ranked.candidates[1].levels["name"] == "exact"
    assert "names agree apart from the legal form and the word UK" in ranked.candidates[1].reasons


def test_a_name_bought_through_another_is_offered_to_a_person_with_either():
    right = [Record(1, "Bloom Procurement Services Ltd"), Record(2, "Bloomfield Estates Ltd")]
    ranked = linker.rank([Record("a", "Ecus Limited via Bloom Procurement Services Ltd")], right)["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "part"
    assert not ranked.confident  # which of the two the payment is for is for a person to say


def test_of_two_tied_companies_of_a_compound_name_the_one_paid_is_suggested_first():
    right = [Record(1, "Ecus Limited"), Record(2, "Bloom Procurement Services Ltd"), Record(3, "Acme Ltd")]
    ranked = linker.rank([Record("a", "Ecus Limited via Bloom Procurement Services Ltd")], right)["a"]
    assert [c.key for c in ranked.candidates][:2] == [2, 1]
    right = [Record(1, "Aecom Limited"), Record(2, "Socotec UK Limited")]
    ranked = linker.rank([Record("a", "Socotec - Aecom")], right)["a"]
    assert ranked.best.key == 2 and not ranked.confident


def test_names_differing_in_a_number_are_not_one_name_misspelt():
    # "Facility 1" and "Facility 2" are two sites; a small spelling difference would have applied it.
    found = linker.rank([Record("a", "Hochbereg Ltd Facility 1")], [Record(1, "Hochbereg Ltd Facility 2")])
    assert "a" not in found or found["a"].best.levels["name"] not in ("slip", "spelling") and not found["a"].confident
    ranked = linker.rank([Record("a", "Hochbereg Ltd Facilty 1")], [Record(1, "Hochbereg Ltd Facility 1")])["a"]
    assert ranked.best.levels["name"] == "slip"


REGISTER_LIKE = [Record(i, name) for i, name in enumerate(
    ["Specialist Computer Centres PLC", "Partnerships In Care Limited", "Hays Travel Limited", "Computer Centre Ltd",
     "Care Partnerships Limited", "Kiely Bros Limited", "Acme Services Ltd", "Zenith Care Ltd"], start=1)]


def test_a_long_name_one_letter_apart_from_a_company_is_applied_as_a_typing_slip():
    # A letter swapped ("Centers"), or one missing ("Partnership"), in a name of several words.
    found = linker.rank([Record("a", "Specialist Computer Centers Plc"), Record("b", "Partnership in Care Ltd")],
                        REGISTER_LIKE)
    assert found["a"].best.key == 1 and found["a"].best.levels["name"] == "slip" and found["a"].confident
    assert found["b"].best.key == 2 and found["b"].confident
    assert "names agree apart from one letter (a likely typing slip)" in found["a"].best.reasons


def test_a_short_name_one_letter_apart_is_another_name_not_a_slip():
    # "Hay Travel" is not Hays Travel, though one letter apart: too short for a slip to be likely.
    found = linker.rank([Record("a", "Hay Travel Ltd")], REGISTER_LIKE)
    assert "a" not in found or found["a"].best.levels["name"] != "slip" and not found["a"].confident


def test_a_ranking_not_applied_says_why_a_person_is_asked():
    right = [Record(1, "Kiely Bros. Holdings Limited"), Record(2, "Acme Ltd")]
    assert "parent or sister company" in linker.rank([Record("a", "Kiely Bros Ltd")], right)["a"].why_a_person()
    ranked = linker.rank([Record("a", "Socotec - Aecom")], [Record(1, "Aecom Limited"), Record(2, "Socotec UK Limited")])["a"]
    assert ranked.why_a_person().startswith("One of the names is made of two organisations' names")
    ranked = linker.rank([Record("a", "Kiely Bros Ltd")], [Record(1, "Kiely Bros Limited"), Record(2, "Acme Ltd")])["a"]
    assert ranked.confident and ranked.why_a_person() == ""


def test_a_company_agreeing_only_with_a_trading_name_is_for_a_person():
    # "Universal Window Repairs Ltd" is paid; it trades as Radley, and Radley + Co. Limited is another company.
    right = _among_common_words("Radley + Co. Limited", "Universal Window Repairs Limited")
    ranked = linker.rank([Record("a", "Universal Window Repairs Ltd t/a Radley")], right[:1] + right[2:])["a"]
    assert ranked.best.record.name == "Radley + Co. Limited"
    assert not ranked.confident
    assert ranked.why_a_person().startswith("Only the name it trades under agrees")
    # The company paid, named as written, is applied; so is a sole trader's registered trading name.
    for order in (right, right[1::-1] + right[2:]):  # whichever the register lists first
        ranked = linker.rank([Record("a", "Universal Window Repairs Ltd t/a Radley")], order)["a"]
        assert ranked.best.record.name == "Universal Window Repairs Limited" and ranked.confident
    ranked = linker.rank([Record("a", "John Smith t/a Smith Plumbing")], _among_common_words("Smith Plumbing Limited"))["a"]
    assert ranked.best.record.name == "Smith Plumbing Limited" and ranked.confident


def test_a_word_holding_another_names_letters_is_no_evidence():
    # "Electricians" holds the letters of "Electric": only a name spaced out by a bad copy is looked
    # for inside another without its spaces (the Oxford payees had "UK Electric Limited" suggested).
    found = linker.rank([Record("a", "Electricians in Reading Ltd")], _among_common_words("UK Electric Limited"))
    assert "a" not in found or found["a"].best.levels["name"] != "compact_contains"


def test_names_agreeing_only_up_to_a_legal_form_are_for_a_person():
    ranked = linker.rank([Record("a", "Neopost Ltd RCB Credifon A/C")], _among_common_words("Neopost Limited"))["a"]
    assert ranked.best.record.name == "Neopost Limited"
    assert not ranked.confident
    assert ranked.why_a_person().startswith("The names agree only up to the legal form")
    # Two sites of one company are not applied as the same either way round.
    ranked = linker.rank([Record("a", "Hochbereg Ltd Facility 1")], _among_common_words("Hochbereg Ltd Facility 2"))
    assert "a" not in ranked or not ranked["a"].confident


def test_a_review_suggests_none_when_the_closest_is_more_likely_another_company():
    # The "a sister company proposed as the match": a person is still shown the closest, but
    # Clearsight's suggestion is "none of these" when the closest is a group company, a company of
    # another country, one lacking words the payee's name has, or one agreeing only in part.
    register = _register(linker.LARGE_RIGHT) + [
        Record("scope", "Scope"), Record("caretech", "Caretech Holdings PLC"),
        Record("astellas", "Astellas Pharma Ltd."), Record("cemex", "Cemex UK Operations Limited")]
    found = linker.rank([Record("security", "SCOPE SECURITY LTD"), Record("caretech uk", "Caretech Uk Ltd"),
                         Record("inc", "Astellas Pharma Inc"), Record("cemex uk", "Cemex UK")], register)
    for key, closest in (("security", "scope"), ("caretech uk", "caretech"), ("inc", "astellas")):
        assert found[key].best.key == closest and not found[key].confident
        assert found[key].suggests_none, key
    # A payee's name shorter than the register's is a name written loosely: the company is suggested.
    assert found["cemex uk"].best.key == "cemex" and not found["cemex uk"].suggests_none
    # Against a short list, only the distinctive word agreeing is close enough to show, not to suggest.
    ranked = linker.rank([Record("a", "Astra Homes Ltd")], [Record(1, "Astra Games Ltd"), Record(2, "Acme Ltd")])["a"]
    assert ranked.best.key == 1 and not ranked.confident and ranked.suggests_none


def test_a_name_written_without_a_legal_form_is_suggested_its_company_despite_a_group_word():
    # "Premier Paper" is how people call Premier Paper Group Limited, and "Harrow Green Group" Harrow
    # Green Limited: a loose name may drop or add the group word. "Caretech Uk Ltd", written as a
    # company's name, is not Caretech Holdings PLC.
    register = _register(linker.LARGE_RIGHT) + [
        Record("premier", "Premier Paper Group Limited"), Record("harrow", "Harrow Green Limited"),
        Record("caretech", "Caretech Holdings PLC")]
    found = linker.rank([Record("paper", "Premier Paper"), Record("green", "Harrow Green Group"),
                         Record("uk", "Caretech Uk Ltd")], register)
    for key, closest in (("paper", "premier"), ("green", "harrow"), ("uk", "caretech")):
        assert found[key].best.key == closest and found[key].best.levels["legal_form"] == "group"
        assert not found[key].confident, key  # a group word differing is always for a person
    assert not found["paper"].suggests_none and not found["green"].suggests_none
    assert found["uk"].suggests_none


def test_a_review_suggests_the_company_when_its_number_or_a_person_says_so():
    register = _register(linker.LARGE_RIGHT) + [Record("scope", "Scope", company_number="00123456")]
    ranked = linker.rank([Record("a", "Scope Security Ltd", company_number="00123456")], register)["a"]
    assert ranked.best.key == "scope" and not ranked.suggests_none
    # A group company is never applied without a person, but its number agreeing makes it the suggestion.
    right = [Record(1, "Kiely Bros. Holdings Limited", company_number="01234567"), Record(2, "Acme Ltd")]
    ranked = linker.rank([Record("a", "Kiely Bros Ltd", company_number="01234567")], right)["a"]
    assert ranked.best.key == 1 and not ranked.confident and not ranked.suggests_none
    label = linker.Label(Record("a", "Scope Security Ltd"), Record("scope", "Scope"), True)
    ranked = linker.rank([Record("a", "Scope Security Ltd")], register, labels=[label])["a"]
    assert ranked.best.key == "scope" and not ranked.suggests_none
    # An applied match never "suggests none".
    ranked = linker.rank([Record("a", "Scope")], register)["a"]
    assert ranked.confident and not ranked.suggests_none


def test_where_the_address_agrees_a_name_agreeing_in_part_is_still_suggested():
    # Open Supply Hub's facilities: "DSL Lanka (Pvt) Ltd Biyagama" at the same address as "D SL Lanka
    # (Private) Ltd" is the same facility; a group company at one address is still another company.
    ranked = linker.rank([Record("a", "Dynamo Lanka Biyagama Works", address="12 Free Trade Zone Road Biyagama")],
                         [Record(1, "Dynamo Lanka Exports", address="12 Free Trade Zone Road Biyagama"),
                          Record(2, "Keyline Ltd")])["a"]
    assert ranked.best.key == 1 and not ranked.confident
    assert ranked.best.levels["address"] == "agree" and not ranked.suggests_none
    ranked = linker.rank([Record("a", "Kiely Bros Ltd", address="1 Mill Lane Leeds")],
                         [Record(1, "Kiely Bros. Holdings Limited", address="1 Mill Lane Leeds"), Record(2, "Acme Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.suggests_none


def test_a_former_name_or_another_name_paid_under_the_number_is_suggested_despite_a_group_word():
    # "Mereway Kitchens Ltd" is the former name of the register's "Mereway Group Ltd": a rename, not a
    # parent; and a name paid under the same supplier number agreeing is a rename too (a person checks).
    ranked = linker.rank([Record("a", "Mereway Kitchens Ltd")],
                         [Record(1, "Mereway Group Ltd", former_names=(("Mereway Kitchens Limited", "2015"),)),
                          Record(2, "Acme Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "former" and not ranked.suggests_none
    ranked = linker.rank([Record("a", "Capita Holdings Ltd", account_names=(("Brightwave Services Ltd", "4711"),))],
                         [Record(1, "Brightwave Services Limited"), Record(2, "Acme Ltd")])["a"]
    assert ranked.best.key == 1 and ranked.best.levels["name"] == "account"
    assert not ranked.confident and not ranked.suggests_none


def test_each_candidate_says_whether_it_is_probably_another_company():
    right = [Record(1, "Kiely Bros. Holdings Limited"), Record(2, "Kiely Bros (Contractors) Limited"), Record(3, "Acme Ltd")]
    ranked = linker.rank([Record("a", "Kiely Bros Ltd")], right)["a"]
    flags = {c.record.name: linker.probably_another_company(ranked.left, c) for c in ranked.candidates}
    assert flags["Kiely Bros. Holdings Limited"] and not flags["Kiely Bros (Contractors) Limited"]


def _candidate(key, name, probability, name_level):
    return linker.Candidate(Record(key, name), probability, [], {"name": name_level, "legal_form": "agree"}, 5.0)


def test_a_likely_company_goes_before_a_closer_one_that_is_probably_another():
    # "Castle Home Care Ltd": Castle Homes (Anytown) Limited is a little more probable by the numbers,
    # but only similar (probably another company); Castle Home Care Services Limited holds every word.
    left = Record("a", "Castle Home Care Ltd")
    homes = _candidate(1, "Castle Homes (Anytown) Limited", 0.9964, "key_similar")
    care = _candidate(2, "Castle Home Care Services Limited", 0.994, "contains")
    assert linker.probably_another_company(left, homes) and not linker.probably_another_company(left, care)
    assert linker._likely_first(left, [homes, care]) == ([care, homes], homes)
    ranked = linker.Ranked(left, [care, homes], passed_over=homes)
    assert not ranked.suggests_none and not ranked.confident  # suggested to a person, never applied
    assert ranked.why_a_person().startswith("The closest name, Castle Homes (Anytown) Limited, is probably another")
    # One only possible is not put first: the suggestion stays none of these
    unlikely = _candidate(2, "Castle Home Care Services Limited", 0.5, "contains")
    assert linker._likely_first(left, [homes, unlikely]) == ([homes, unlikely], None)
    assert linker.Ranked(left, [homes, unlikely]).suggests_none


def test_a_group_company_closest_keeps_none_of_these_as_the_suggestion():
    # "Kiely Bros Ltd": Kiely Bros. Holdings Limited (a group company) is closest; Kiely Bros
    # (Contractors) Limited, likely by the numbers, is as likely another company of the group.
    left = Record("a", "Kiely Bros Ltd")
    holdings = linker.Candidate(Record(1, "Kiely Bros Holdings Limited"), 0.9999, [],
                                {"name": "group_only", "legal_form": "group"}, 9.0)
    contractors = _candidate(2, "Kiely Bros (Contractors) Limited", 0.9997, "contains")
    assert linker._likely_first(left, [holdings, contractors]) == ([holdings, contractors], None)
    assert linker.Ranked(left, [holdings, contractors]).suggests_none


def test_a_word_written_short_is_offered_to_a_person_with_the_word_named():
    # A finance system's narrow name field ("Dist."), or a word typed short ("Gges"), every other word
    # the same: the company, for a person to check ("dist" may as well be "district").
    right = _register(linker.LARGE_RIGHT) + [Record(1, "Southern Electric Power Distribution PLC"),
                                             Record(2, "Ridgeway Garages (Newbury) Limited")]
    found = linker.rank([Record("a", "SOUTHERN ELECTRIC POWER DIST. PLC"),
                         Record("b", "RIDGEWAY GGES (NEWBURY) LTD T/A RIDGEWAY LANDROVER")], right)
    assert found["a"].best.key == 1 and found["b"].best.key == 2
    for ranked in found.values():
        assert ranked.best.levels["name"] == "shortened"
        assert "names agree apart from a word written short" in ranked.best.reasons
        assert not ranked.confident and not ranked.suggests_none
    assert "“DIST” for “Distribution”" in found["a"].why_a_person()
    assert "“GGES” for “Garages”" in found["b"].why_a_person()


def test_a_word_is_only_written_short_with_its_letters_in_order_and_the_other_words_the_same():
    pairs = [("Southern Electric Power Dist", "Southern Electric Power Supply"),  # not a start of "supply"
             ("Alpha Beta Gxes", "Alpha Beta Garages"),  # "x" is not in "garages"
             ("Alpha Beta Gs", "Alpha Beta Garages"),  # too short to say
             ("Alpha Gges", "Alpha Garages"),  # one other word agreeing is too little
             ("Alpha Beta Gges", "Alpha Beta Garages Centre")]  # a word more
    for (left, right), candidate in zip(pairs, linker.score_pairs([(Record(1, a), Record(2, b)) for a, b in pairs])):
        assert candidate is None or candidate.levels["name"] != "shortened", (left, right)
    written_short = linker.score_pairs([(Record(1, "Distribution Alpha Beta"), Record(2, "Dist Alpha Beta"))])[0]
    assert written_short.levels["name"] == "shortened"  # either side, any word


def test_a_college_named_by_one_word_is_offered_to_a_person_not_applied():
    # "LINCOLN COLLEGE", paid by Oxford City Council, is the Oxford college, not the register's further
    # education college in Lincoln: nothing in the name tells them apart.
    right = [Record(1, "Lincoln College"), Record(2, "Salford City College"), Record(3, "Acme Ltd")]
    found = linker.rank([Record("a", "LINCOLN COLLEGE"), Record("b", "Salford City College")], right)
    assert found["a"].best.key == 1 and not found["a"].confident and not found["a"].suggests_none
    assert "Colleges in different towns share names like this one" in found["a"].why_a_person()
    assert found["b"].best.key == 2 and found["b"].confident  # a longer name is not so shared
    numbered = linker.rank([Record("a", "Lincoln College", company_number="07721724")],
                           [Record(1, "Lincoln College", company_number="07721724")])["a"]
    assert numbered.confident  # the company numbers say it
