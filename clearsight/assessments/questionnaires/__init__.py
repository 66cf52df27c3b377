"""The questionnaires suppliers answer, as versioned data.

Each version is a JSON file in this folder (``<key>.json``). A version is never changed once it
has been sent to a supplier: write a new file with a new key and point CURRENT at it. Assessments
store the key of the version they were sent, so old answers are always read with their own wording
and scoring. A version may be ``based_on`` another and list which of its questions it asks.

Each question's options carry their points (2, 1, 0, or null for "does not apply") and the words
the scored result uses to explain itself (``says``); ``critical`` marks an answer that by itself
shows a serious risk to workers.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clearsight.supply.api import STATEMENT_AREAS

FOLDER = Path(__file__).parent
SECTION_KEYS = [key for key, _ in STATEMENT_AREAS] + ["workforce"]
SECTION_TITLES = dict(STATEMENT_AREAS) | {"workforce": "Workers and recruitment"}

# The versions sent today, by kind.
SHORT, FULL = "short", "full"
CURRENT = {SHORT: "short-2026", FULL: "full-2026"}


class QuestionnaireError(ValueError):
    pass


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    points: int | None
    says: str
    critical: bool = False


@dataclass(frozen=True)
class Question:
    key: str
    section: str
    text: str
    hint: str
    options: tuple[Option, ...]
    evidence: bool = False

    @property
    def max_points(self) -> int:
        return max((o.points for o in self.options if o.points is not None), default=0)

    def option(self, value) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Questionnaire:
    key: str
    title: str
    summary: str
    minutes: int
    sections: tuple[Section, ...]

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def next_question(self, key) -> Question | None:
        keys = [q.key for q in self.questions]
        i = keys.index(key)
        return self.questions[i + 1] if i + 1 < len(keys) else None

    def unanswered(self, answers: dict) -> list[Question]:
        return [q for q in self.questions if q.option((answers.get(q.key) or {}).get("answer")) is None]


def _question(raw, section) -> Question:
    options = tuple(Option(o["value"], o["label"], o["points"], o["says"], bool(o.get("critical"))) for o in raw["options"])
    for option in options:
        if option.points not in (0, 1, 2, None):
            raise QuestionnaireError(f"{raw['key']}: points must be 0, 1, 2 or null")
    if len({o.value for o in options}) != len(options):
        raise QuestionnaireError(f"{raw['key']}: option values repeat")
    return Question(raw["key"], section, raw["text"], raw.get("hint", ""), options, bool(raw.get("evidence")))


@cache
def get(key: str) -> Questionnaire:
    """The questionnaire with this key, read from its file and checked."""
    if not key.replace("-", "").isalnum():
        raise QuestionnaireError(f"No questionnaire called {key!r}")
    path = FOLDER / f"{key}.json"
    if not path.exists():
        raise QuestionnaireError(f"No questionnaire called {key!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    base = get(raw["based_on"]) if raw.get("based_on") else None
    sections = []
    for raw_section in raw["sections"]:
        key_ = raw_section["key"]
        if key_ not in SECTION_KEYS:
            raise QuestionnaireError(f"{key}: unknown section {key_!r}")
        if base is not None:
            questions = []
            for question_key in raw_section["questions"]:
                question = base.question(question_key)
                if question is None or question.section != key_:
                    raise QuestionnaireError(f"{key}: {question_key!r} is not in section {key_!r} of {base.key}")
                questions.append(question)
        else:
            questions = [_question(q, key_) for q in raw_section["questions"]]
        sections.append(Section(key_, raw_section.get("title") or SECTION_TITLES[key_], tuple(questions)))
    questionnaire = Questionnaire(raw["key"], raw["title"], raw["summary"], raw["minutes"], tuple(sections))
    keys = [q.key for q in questionnaire.questions]
    if len(set(keys)) != len(keys):
        raise QuestionnaireError(f"{key}: question keys repeat")
    if [s.key for s in questionnaire.sections] != SECTION_KEYS:
        raise QuestionnaireError(f"{key}: must cover every section, in order: {', '.join(SECTION_KEYS)}")
    return questionnaire


def current(kind: str) -> Questionnaire:
    return get(CURRENT[kind])
