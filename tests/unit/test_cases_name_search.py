"""Search before create: which names are alike enough for a person to be offered as a possible
duplicate (rapidfuzz), and why."""

from datetime import date
from types import SimpleNamespace

import pytest

from clearsight.cases.services import NAME_SIMILARITY, find_possible_duplicates, name_similarity


def person(first, last="", aliases="", date_of_birth=None, anonymised_at=None):
    return SimpleNamespace(first_name=first, last_name=last, aliases=aliases, date_of_birth=date_of_birth,
                           date_of_birth_estimated=False, anonymised_at=anonymised_at)


@pytest.mark.parametrize("query, name", [
    ("Alex Smyth", "Alex Smith"),
    ("Smith Alex", "Alex Smith"),
    ("Smith", "Alex Smith"),  # a surname alone
    ("Annamaria", "Anna Maria"),
    ("Zoe O'Neill", "Zoë O Neill"),
    ("Mohamed Ali", "Mohammed Aly"),
    ("Ion Popescu", "Ioan Popescu"),
    ("Oleg Petrenko", "Олег Петренко"),  # the same name in Cyrillic, as a person may have written it
    ("Lukasz Wojcik", "Łukasz Wójcik"),
])
def test_alike_names(query, name):
    assert name_similarity(query, name) >= NAME_SIMILARITY


@pytest.mark.parametrize("query, name", [
    ("Jordan Price", "Alex Smith"),
    ("Alex Jones", "Alex Smith"),
    ("Alex Smith", "Alex"),  # a person known only as "Alex" is not every Alex searched for
    ("", "Alex Smith"),
])
def test_different_names(query, name):
    assert name_similarity(query, name) < NAME_SIMILARITY


def test_each_person_is_offered_once_with_the_name_that_is_most_alike():
    alex = person("Alex", "Smith", aliases="Lex\nAlex Smyth")
    jordan = person("Jordan", "Price", date_of_birth=date(2008, 5, 1))
    gone = person("Alex", "Smith", anonymised_at=date(2025, 1, 1))
    found = find_possible_duplicates([jordan, alex, gone], name="alex smyth", date_of_birth=date(2008, 5, 1))
    assert [(m.person, m.reasons) for m in found] == [
        (jordan, ["Same date of birth"]),  # a date of birth that is the same comes first, as it always has
        (alex, ["Known as: Alex Smyth"]),  # the alias is the same name; the name is only similar
    ]
    assert found[1].score == 1.0
    found = find_possible_duplicates([jordan, alex], name="Alex Smithe")
    assert [(m.person, m.reasons) for m in found] == [(alex, ["Similar name: Alex Smith"])]
    assert find_possible_duplicates([jordan, alex], name="Sam Ward") == []
