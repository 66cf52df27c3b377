"""What other contexts may use of board figures (ADR 0027; `lint-imports` keeps everything else
private): the statement's context figures. The words shown in place of a figure are core's
(clearsight.core.suppression)."""

from .figures import StatementFigures, context_figures, statement_figures

__all__ = ["StatementFigures", "context_figures", "statement_figures"]
