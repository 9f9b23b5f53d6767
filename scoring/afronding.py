"""The one rounding of every number the app shows: half away from zero, on the decimal value.

Layer: ``scoring/`` (pure). Python's ``round`` and ``format`` round half to even on the binary
value, so ``round(62.5)`` is 62 and ``f"{0.45:.1f}"`` is "0.5" but ``f"{2.675:.2f}"`` is "2.67";
a score of 62.5 would then read 62 in one table and 63 in the sentence above it. Everything a
person reads (screen, PDF, Excel, CSV, the band of a score) goes through ``afgerond``/``heel``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def afgerond(waarde: float, cijfers: int = 0) -> float:
    """``waarde`` rounded to ``cijfers`` decimals, half away from zero (62.5 → 63, -2.5 → -3,
    2.675 → 2.68 at two decimals: the value as printed, not its nearest binary neighbour)."""
    if not math.isfinite(waarde):
        return waarde
    stap = Decimal(1).scaleb(-cijfers)
    return float(Decimal(repr(waarde)).quantize(stap, rounding=ROUND_HALF_UP))


def heel(waarde: float) -> int:
    """A score as a whole number, half away from zero (48.5 is 49, 48.45 is 48)."""
    return int(afgerond(waarde, 0))
