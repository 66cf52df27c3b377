"""The "labels checked" figures of bench/matching.py leave out a labelled contract only when the
company its number names shares nothing with the supplier's name: no distinctive word, stem,
initials or former name (a contract register that gives another company's number cannot be matched
by name, and counting it says nothing about the matching), or when the register holds another company
of exactly the supplier's name."""

from clearsight.matching import evaluation
from clearsight.matching.engine import Record

REGISTER = [Record(1, "Softcat PLC", company_number="02174990"),
            Record(2, "City Electrical Factors Limited", company_number="00556039"),
            Record(3, "Barclays Bank PLC", company_number="01026167"),
            Record(4, "Open Text UK Limited", company_number="03148093"),
            Record(5, "Northern Plant Limited", company_number="01234567", former_names=(("Kiely Plant Hire Limited", "2019"),)),
            Record(6, "Mitie Security Limited", company_number="01013210"),
            Record(7, "Seddon Homes Limited", company_number="00172081"),
            Record(8, "Seddon Construction Limited", company_number="03578140")] + \
    [Record(100 + i, f"Name{i} Services Limited", company_number=f"{90000000 + i}") for i in range(300)]


def _left_out(*pairs):
    contracts = [(Record(i, name), number) for i, (name, number) in enumerate(pairs)]
    return [record.name for record, _, _ in evaluation.evidently_wrong_labels(contracts, REGISTER)]


def test_another_companys_number_is_left_out():
    assert _left_out(("CDW Ltd", "02174990"), ("The Exclusec Group Ltd", "01013210")) == ["CDW Ltd",
                                                                                         "The Exclusec Group Ltd"]


def test_initials_a_stem_spacing_or_a_former_name_keep_the_label():
    assert _left_out(("CEF Electrical", "00556039"), ("Barclaycard", "01026167"), ("OpenText UK Limited", "03148093"),
                     ("Kiely Plant Hire Ltd", "01234567")) == []


def test_a_common_word_alone_does_not_keep_it():
    assert _left_out(("Acme Services Ltd", "90000001")) == ["Acme Services Ltd"]


def test_a_number_not_in_the_register_is_not_judged():
    assert _left_out(("CDW Ltd", "99999999")) == []


def test_a_number_of_another_company_than_the_one_of_that_exact_name_is_left_out():
    # Companies House gives no two companies one name: the register's Seddon Construction Limited is
    # the company named, and the contract's number is a group company's.
    assert _left_out(("Seddon Construction Limited", "00172081"), ("Seddon Construction Ltd", "03578140"),
                     ("Seddon Homes", "00172081")) == ["Seddon Construction Limited"]
    contracts = [(Record("a", "Seddon Construction Limited"), "00172081"), (Record("b", "CDW Ltd"), "02174990")]
    assert evaluation.named_elsewhere(contracts, REGISTER) == {"a"}


def test_a_number_one_character_off_a_related_company_is_corrected():
    register = REGISTER + [Record(9, "ECG Facilities Services Limited", company_number="SC298533"),
                           Record(10, "Unrelated Plumbing Limited", company_number="SC298534")]
    contracts = [(Record("ecg", "ECG Facilities"), "SG298533"), (Record("far", "ECG Facilities"), "SG298999"),
                 # a digit off may be a sister company formed the same day: not a slip
                 (Record("digit", "ECG Facilities"), "SC298532"),
                 (Record("other", "Acme Widgets"), "SC298535")]
    corrected = evaluation.mistyped_labels(contracts, register)
    assert [(record.key, number, meant) for record, number, meant, _ in corrected] == [("ecg", "SG298533", "SC298533")]
    kept, wrong, _ = evaluation.checked_labels(contracts + [(Record("cdw", "CDW Ltd"), "02174990")], register)
    assert ("SC298533" in {number for _, number in kept}) and [r.key for r, _, _ in wrong] == ["cdw"]


# ---------------------------------------------------------------- the hand-labelled Oxford payees

def test_a_payee_not_in_the_register_is_a_false_positive_if_matched_at_all():
    payees = [(Record(1, "Softcat plc"), "02174990"), (Record(2, "Scope Security Ltd"), ""),
              (Record(3, "Universal Window Repairs Ltd t/a Radley"), ""), (Record(4, "J Bloggs"), ""),
              (Record(5, "Seddon Construction Ltd"), "03578140")]
    outcomes = {1: evaluation.Outcome("02174990", True), 2: evaluation.Outcome("00000001", False),
                3: evaluation.Outcome("00000002", True), 5: evaluation.Outcome("00172081", False)}
    figures, review = evaluation.payee_figures_from(outcomes, payees, "Oxford payees")
    lines = {item.label.split(", ", 1)[1]: item for item in figures}
    automatic = lines["all payees, applied automatically"]
    assert (automatic.true_positives, automatic.false_positives, automatic.false_negatives,
            automatic.true_negatives) == (1, 1, 1, 2)
    reviewed = lines["all payees, applied or suggested in a review"]
    assert (reviewed.true_positives, reviewed.false_positives, reviewed.false_negatives,
            reviewed.true_negatives) == (1, 3, 1, 1)
    present = lines["present in the register, applied or suggested in a review"]
    assert (present.true_positives, present.false_positives, present.false_negatives) == (1, 1, 1)
    assert (review.right, review.total) == (0, 2)  # a suggestion for a payee not in the register is never right
    # ... even when the register entry suggested has no company number either
    figures, review = evaluation.payee_figures_from({2: evaluation.Outcome("", False)}, payees, "Oxford payees")
    assert (review.right, review.total) == (0, 1)


def test_review_counts_the_top_suggestion_and_says_how_often_the_right_one_was_shown_at_all():
    payees = [(Record(1, "Seddon Construction Ltd"), "03578140"), (Record(2, "Softcat plc"), "02174990"),
              (Record(3, "Scope Security Ltd"), "")]
    outcomes = {1: evaluation.Outcome("00172081", False, ("00172081", "03578140")),  # right, second
                2: evaluation.Outcome("02174990", False, ("02174990",)),
                3: evaluation.Outcome("00000001", False, ("00000001", ""))}  # never right: not in the register
    _, review = evaluation.payee_figures_from(outcomes, payees, "Oxford payees")
    assert (review.right, review.shown, review.total) == (1, 2, 3)
    assert review.line().endswith("top suggestion right 1 of 3 (33%); the right one among those shown 2 of 3")
    # A matcher that says only its top answer (the old engine) gives no "shown" figure.
    _, review = evaluation.payee_figures_from({2: evaluation.Outcome("02174990", False)}, payees, "Oxford payees")
    assert review.shown is None and review.line().endswith("right 1 of 1 (100%)")


def test_the_oxford_labels_are_read_without_the_unsure_ones():
    payees = evaluation.oxford_payees()
    assert len(payees) == 207 and sum(1 for _, number in payees if number) == 30
    assert ("BT GLOBAL SERVIES", "02410810") in [(record.name, number) for record, number in payees]
    assert ("CITY & GUILDS ILM", "CHA312832") in [(record.name, number) for record, number in payees]
    assert "HARTWELL FORD KIDLINGTON" not in [record.name for record, _ in payees]


def test_the_lambeth_labels_are_read_without_the_unsure_ones():
    payees = evaluation.labelled_payees(evaluation.LABELS / evaluation.PAYEE_SETS["Lambeth payees"])
    assert len(payees) == 199 and sum(1 for _, number in payees if number) == 17
    labelled = [(record.name, number) for record, number in payees]
    assert ("RSPCA", "CHA219099") in labelled  # the register writes it "R S P C A"
    assert ("Eversheds LLP", "OC304065") in labelled  # present under its later name
    assert ("The Boulters", "") in labelled
    assert "EC Harris LLP" not in [name for name, _ in labelled]  # unsure


def test_every_labelled_set_is_read_whole_with_its_counts():
    counts = {label: (len(payees), sum(1 for _, number in payees if number))
              for label in evaluation.PAYEE_SETS
              for payees in [evaluation.labelled_payees(evaluation.LABELS / evaluation.PAYEE_SETS[label])]}
    assert counts == {"Oxford payees": (207, 30), "Lambeth payees": (199, 17), "Stockport ratepayers": (210, 14),
                      "statement publishers": (181, 108), "second draw (Lambeth and Oxford)": (189, 30),
                      "third draw (Lambeth and Oxford)": (192, 23), "fourth draw (Lambeth and Oxford)": (196, 26),
                      "fifth draw (Lambeth and Oxford)": (195, 23),
                      "sixth draw (Lambeth and Oxford)": (177, 14),
                      "seventh draw (Lambeth and Oxford)": (174, 20)}


def test_a_review_suggesting_none_of_these_is_right_only_for_a_payee_not_in_the_register():
    payees = [(Record("absent", "Scope Security Ltd"), ""), (Record("present", "Bandvulc Truck Tyres"), "01234567"),
              (Record("suggested", "Cemex UK"), "00658390")]
    outcomes = {"absent": evaluation.Outcome(None, False, ("00999999",)),
                "present": evaluation.Outcome(None, False, ("01234567",)),
                "suggested": evaluation.Outcome("00658390", False, ("00658390",))}
    figures, review = evaluation.payee_figures_from(outcomes, payees, "test")
    assert (review.right, review.total, review.shown) == (2, 3, 3)  # the right one was shown for "present"
    reviewed = next(f for f in figures if f.label == "test, all payees, applied or suggested in a review")
    # "None of these" matches nothing: no false positive for the absent payee, a miss for the present one.
    assert (reviewed.true_positives, reviewed.false_positives, reviewed.false_negatives, reviewed.true_negatives) == \
        (1, 0, 1, 1)
