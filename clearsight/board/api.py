"""What other contexts may use of board figures (ADR 0027; `lint-imports` keeps everything else
private): the statement's context figures and the words shown in place of a figure."""

from .figures import NONE_YET, NOT_SHOWN, WITHHELD, context_figures

__all__ = ["NONE_YET", "NOT_SHOWN", "WITHHELD", "context_figures"]
