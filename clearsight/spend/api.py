"""What other contexts may use of spend (ADR 0027; `lint-imports` keeps everything else private):
spend totals per supplier and per year, as plain numbers. ``SpendLine`` is exported because risk
screening, another app of the supply chain context, reads spend lines by category."""

from .models import SpendLine
from .summary import spend_by_supplier, spend_by_year, supplier_spend_by_year

__all__ = ["SpendLine", "spend_by_supplier", "spend_by_year", "supplier_spend_by_year"]
