"""The one gate every aggregate passes on its way out of the core (DESIGN §6).

- `table.suppress`: one table (primary small-cell and complementary suppression on a tree of sums).
- `linked.withheld`: a *set* of published numbers that share people or events (linked tables,
  unit subtrees, overlapping periods), audited as one linear system so that no withheld number can
  be worked out from the published ones.
"""

from levensfase.analytics.privacy.linked import Cell, withheld
from levensfase.analytics.privacy.table import (
    COMPLEMENTARY, FEW_RESPONDENTS, ONE_BAND, SMALL_GROUP, Suppressed, display, is_small, mark_withheld, one_band,
    small_expr, suppress,
)

__all__ = ["COMPLEMENTARY", "FEW_RESPONDENTS", "ONE_BAND", "SMALL_GROUP", "Cell", "Suppressed", "display", "is_small", "mark_withheld",
           "small_expr", "one_band", "suppress", "withheld"]
