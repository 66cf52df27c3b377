"""The matching engine: a probability and reasons in words for a pair, and candidates found by blocking."""

from clearsight.matching import engine
from clearsight.matching.engine import Record, score_pair


def test_the_same_name_after_removing_legal_forms_is_a_confident_match_and_says_why():
    score = score_pair(Record(1, "Oxford Bus Co Ltd"), Record(2, "The Oxford Bus Company Limited"))
    assert score.confident
    assert score.reasons == ["names agree after removing legal forms and punctuation"]


def test_a_shorter_name_contained_in_a_longer_one_is_only_possible():
    score = score_pair(Record(1, "Socotec"), Record(2, "Socotec Aecom"))
    assert score.possible and not score.confident
    assert "one name contains all the words of the other" in score.reasons


def test_different_names_are_not_a_match():
    score = score_pair(Record(1, "Acme Cleaning"), Record(2, "Zenith Scaffolding"))
    assert not score.possible
    assert score.reasons == ["names differ"]


def test_postcodes_and_company_numbers_add_evidence_and_are_named():
    similar = score_pair(Record(1, "Hire Station"), Record(2, "Hire Station North"))
    with_postcode = score_pair(Record(1, "Hire Station", postcode="M50 1AY"), Record(2, "Hire Station North", postcode="m501ay"))
    assert with_postcode.probability > similar.probability
    assert with_postcode.reasons[0] == "postcodes agree"
    differing = score_pair(Record(1, "Hire Station", company_number="123"), Record(2, "Hire Station", company_number="456"))
    assert not differing.confident  # the same name under two numbers: a person decides
    assert "company numbers differ" in differing.reasons


def test_numbered_sites_of_one_business_are_not_confident():
    score = score_pair(Record(1, "Soorty Enterprises Unit 6"), Record(2, "Soorty Enterprises Unit 10"))
    assert not score.confident


def test_a_missing_field_says_nothing():
    assert score_pair(Record(1, "Acme", postcode=""), Record(2, "Acme", postcode="OX1 1AA")).reasons == [
        "names agree after removing legal forms and punctuation"]


def test_candidates_are_found_by_blocking_and_the_best_is_chosen():
    suppliers = [Record(i, name) for i, name in enumerate(
        ["Acme Cleaning Services", "Oxford Bus Company", "Thames Valley Care", "Acme Catering"])]
    found = engine.best_matches([Record("a", "ACME CLEANING SERVICES LTD"), Record("b", "Zenith Roofing")], suppliers)
    assert found["a"].right.key == 0 and found["a"].confident
    assert "b" not in found


def test_two_records_matching_equally_well_need_a_person():
    register = [Record(1, "Seddon Construction Limited", company_number="1"),
                Record(2, "Seddon Construction Ltd", company_number="2")]
    match = engine.CandidateIndex(register).best_match(Record("x", "Seddon Construction"))
    assert match.score.confident and match.ambiguous and not match.confident
    assert "matches almost as well" in match.reasons[-1]


def test_rejected_candidates_are_not_proposed():
    index = engine.CandidateIndex([Record(1, "Acme Cleaning")])
    assert index.best_match(Record("x", "Acme Cleaning"), exclude={1}) is None


def test_probability_in_words():
    assert engine.describe_probability(0.95) == "very likely"
    assert engine.describe_probability(0.5) == "possible"
    assert engine.describe_probability(0.1) == "unlikely"
