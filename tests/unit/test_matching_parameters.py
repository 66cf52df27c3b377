"""When stored matching parameters are reused and when they are estimated again (ADR 0032):
estimating costs seconds on a council's suppliers, so a spend import reuses what was estimated before
unless the suppliers have grown or shrunk by a quarter, people decided pairs since, or the model's
comparisons changed."""

from dataclasses import replace

from clearsight.matching import splink_model, splink_training


def _stored(right_count=2000, label_count=3, fingerprint=None):
    return splink_training.Stored(splink_training.starting_parameters(), "u estimated by random sampling", 100,
                                  right_count, label_count, fingerprint or splink_model.fingerprint())


def test_nothing_stored_is_estimated():
    assert splink_training.reason_to_estimate(None, right_count=2000, label_count=0) == "no parameters estimated before"


def test_stored_parameters_are_reused_while_the_records_grow_by_less_than_a_quarter():
    assert splink_training.reason_to_estimate(_stored(), right_count=2000, label_count=3) == ""
    assert splink_training.reason_to_estimate(_stored(), right_count=2500, label_count=3) == ""
    assert splink_training.reason_to_estimate(_stored(), right_count=1600, label_count=3) == ""


def test_records_grown_or_shrunk_by_more_than_a_quarter_are_estimated_again():
    assert splink_training.reason_to_estimate(_stored(), right_count=2501, label_count=3) == \
        "the records matched against went from 2,000 to 2,501"
    assert splink_training.reason_to_estimate(_stored(), right_count=1500, label_count=3) == \
        "the records matched against went from 2,000 to 1,500"


def test_new_decisions_by_people_are_estimated_again():
    assert splink_training.reason_to_estimate(_stored(), right_count=2000, label_count=4) == \
        "people decided 1 more pair since"
    assert splink_training.reason_to_estimate(_stored(label_count=0), right_count=2000, label_count=5) == \
        "people decided 5 more pairs since"


def test_parameters_of_other_comparisons_are_never_reused():
    assert splink_training.reason_to_estimate(_stored(fingerprint="0123456789abcdef"), right_count=2000,
                                              label_count=3) == "the comparisons have changed since the parameters were estimated"


def test_the_fingerprint_changes_with_a_level():
    before = splink_model.fingerprint()
    levels = splink_model.COMPARISONS["country"]
    try:
        splink_model.COMPARISONS["country"] = [replace(levels[0], m=0.9), levels[1]]
        assert splink_model.fingerprint() != before
    finally:
        splink_model.COMPARISONS["country"] = levels
    assert splink_model.fingerprint() == before


def test_a_block_with_no_shared_values_makes_no_pairs():
    left = [{"district": None, "key_word": "kiely"}, {"district": "M5", "key_word": "acme"}]
    right = [{"district": "M5", "key_word": "kiely"}, {"district": "M5", "key_word": "zenith"}, {"district": None,
                                                                                               "key_word": "kiely"}]
    assert splink_training.block_pairs("l.district = r.district", left, right) == 2
    assert splink_training.block_pairs("l.key_word = r.key_word", left, right) == 2
    assert splink_training.block_pairs("l.district = r.district", left[:1], right) == 0
