"""Rounding that never depends on the caller's decimal context.

`Decimal.quantize` raises InvalidOperation when the result needs more digits than the context's
precision (28 by default): a 29-digit figure, or a growth of 10^30 % shown to 0.01. Every
rounding in factlint goes through `round_to`, which sizes the context to the value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

ONE = Decimal(1)


def round_to(value: Decimal, step: Decimal, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """`value` rounded to the exponent of `step` (0.01, 1, 1E+4 …); finite values only."""
    digits = max(value.adjusted(), 0) - step.as_tuple().exponent + 3
    return value.quantize(step, rounding=rounding, context=Context(prec=max(28, digits)))


def integral_or_normal(value: Decimal) -> Decimal:
    """2E+3 → 2000 (an integer keeps its digits), 1.50 → 1.5."""
    if value == value.to_integral_value():
        return round_to(value, ONE)
    return value.normalize(context=Context(prec=max(28, value.adjusted() + 3)))
