"""What other contexts may use of operations (ADR 0027; `lint-imports` keeps everything else private).

The board's figures use the operation figures (plain functions over loaded facts)."""

from .figures import ADULT, CHILD, DTN, NRM, UNKNOWN, age_group_on, figures, load
from .models import Operation

__all__ = ["ADULT", "CHILD", "DTN", "NRM", "UNKNOWN", "Operation", "age_group_on", "figures", "load"]
