"""What other contexts may use of operations (ADR 0027; `lint-imports` keeps everything else private).

Functions and plain data only; no model is exported. The board's figures use the operation figures
(``figures_for``: the operations the organisations carried out in a period, added up) and the age
groups and referral kinds they are counted by."""

from .figures import ADULT, CHILD, DTN, NRM, UNKNOWN, age_group_of_age, figures_for

__all__ = ["ADULT", "CHILD", "DTN", "NRM", "UNKNOWN", "age_group_of_age", "figures_for"]
