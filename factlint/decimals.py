"""Rounding that never depends on the caller's decimal context.

`Decimal.quantize` raises InvalidOperation when the result needs more digits than the context's
precision (28 by default): a 29-digit figure, or a growth of 10^30 % shown to 0.01. Every
rounding in factlint goes through `round_to`, which sizes the context to the value.

Speed: building a `Context` costs more than the rounding itself, so both functions first try one
shared 28-digit context (what the sized context is for every value of ordinary length) and build
a sized one only when the value needs it. The shared context is never handed out; its flags may
pile up, which changes nothing (no trap is set on Inexact or Rounded).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation

ONE = Decimal(1)
_CTX28 = Context(prec=28)  # = Context(prec=max(28, digits)) whenever digits <= 28


def round_to(value: Decimal, step: Decimal, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """`value` rounded to the exponent of `step` (0.01, 1, 1E+4 …); finite values only."""
    try:
        # A quantize result does not depend on the precision, as long as it fits: when it does
        # not fit in 28 digits this signals InvalidOperation and the sized context decides.
        return value.quantize(step, rounding, _CTX28)
    except InvalidOperation:
        pass
    digits = max(value.adjusted(), 0) - step.as_tuple().exponent + 3
    return value.quantize(step, rounding=rounding, context=Context(prec=max(28, digits)))


def integral_or_normal(value: Decimal) -> Decimal:
    """2E+3 → 2000 (an integer keeps its digits), 1.50 → 1.5."""
    whole = value.to_integral_value()
    if value == whole:
        if whole.same_quantum(ONE):
            # exponent <= 0: to_integral_value already gave what quantize(1) gives (sign kept, -0)
            return whole
        return round_to(value, ONE)  # 2E+3: positive exponent, spelled out
    adjusted = value.adjusted()
    if adjusted <= 25:  # max(28, adjusted + 3) == 28
        return value.normalize(_CTX28)
    return value.normalize(context=Context(prec=max(28, adjusted + 3)))
