"""Interval arithmetic over Decimal: what a printed figure can stand for.

Invariants: `lo <= hi`; both are finite Decimals (never floats); every operation returns an
interval that contains every result of the operation on points of its operands (soundness), so a
relation is reported only when no points inside the operands' intervals can satisfy it.
Operations run in a local context with `PREC` significant digits; results are rounded outward.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from functools import cache
from math import isqrt

from factlint.decimals import round_to
from factlint.records import record, unchecked

PREC = 40
ZERO = Decimal(0)
ONE = Decimal(1)
HALF = Decimal("0.5")
TWO = Decimal(2)

# Rounding down / up at PREC digits: each operation is the context's method (what the operator
# would do inside `localcontext(prec=PREC, rounding=…)`, without entering a context every time).
_DOWN = Context(prec=PREC, rounding=ROUND_FLOOR)
_UP = Context(prec=PREC, rounding=ROUND_CEILING)
# … bound once: calling `_add_down(a, b)` costs a third less than `_DOWN.add(a, b)`, which looks
# the method up on every call (intervals make thousands of these calls per document).
_add_down, _sub_down, _mul_down, _div_down = _DOWN.add, _DOWN.subtract, _DOWN.multiply, _DOWN.divide
_add_up, _sub_up, _mul_up, _div_up = _UP.add, _UP.subtract, _UP.multiply, _UP.divide


@record(frozen=True, slots=True)
class Interval:
    """Closed interval `[lo, hi]` of Decimals."""

    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if not (isinstance(self.lo, Decimal) and isinstance(self.hi, Decimal)):
            raise TypeError("Interval bounds must be Decimal")
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    # The operations below build their results with `_new` (no checks): outward rounding of
    # ordered bounds keeps them Decimal and ordered.

    @classmethod
    def point(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    @classmethod
    def around(cls, value: Decimal, half_width: Decimal) -> "Interval":
        """`value ± half_width` (half_width ≥ 0)."""
        return _new(_sub_down(value, half_width), _add_up(value, half_width))

    # --- predicates -------------------------------------------------------------------------
    def contains(self, x: "Decimal | Interval") -> bool:
        if isinstance(x, Interval):
            return self.lo <= x.lo and x.hi <= self.hi
        return self.lo <= x <= self.hi

    def intersects(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def meets_scaled(self, k: Decimal, other: "Interval", offset: "Interval | None" = None) -> bool:
        """`(offset + self * k).intersects(other)` for k > 0 (no offset when None), without
        building the intervals: the product's bounds are the bounds times k, rounded outward."""
        lo, hi = _mul_down(self.lo, k), _mul_up(self.hi, k)
        if offset is not None:
            lo, hi = _add_down(offset.lo, lo), _add_up(offset.hi, hi)
        return lo <= other.hi and other.lo <= hi

    def meets_any_scaled(self, ks: list[Decimal], other: Interval, offset: Interval | None = None) -> bool:
        """`any(self.meets_scaled(k, other, offset) for k in ks)` for ascending positive `ks`.
        When self.lo >= 0 both bounds of `offset + self * k` grow with k (rounding is monotone),
        so the k whose low bound stays <= other.hi are a prefix of `ks` and the k whose high
        bound reaches other.lo a suffix: some k is in both exactly when the prefix's last one
        is, found by bisection (a few products instead of one per k)."""
        if self.lo < 0:
            return any(self.meets_scaled(k, other, offset) for k in ks)
        a, b = 0, len(ks)  # the prefix is ks[:a] once a == b
        while a < b:
            m = (a + b) // 2
            lo = _mul_down(self.lo, ks[m])
            if offset is not None:
                lo = _add_down(offset.lo, lo)
            if lo <= other.hi:
                a = m + 1
            else:
                b = m
        return a > 0 and self.meets_scaled(ks[a - 1], other, offset)

    @property
    def mid(self) -> Decimal:
        return _div_down(_add_down(self.lo, self.hi), TWO)

    @property
    def width(self) -> Decimal:
        return _sub_up(self.hi, self.lo)

    def widen(self, by: Decimal) -> "Interval":
        """Absolute widening on both sides (a tolerance)."""
        return _new(_sub_down(self.lo, by), _add_up(self.hi, by))

    def widen_rel(self, rel: Decimal, below: bool = True, above: bool = True) -> "Interval":
        """Widen by `rel` × |bound| on the chosen sides (约 ±rel, 多/余 above only, 近 below only)."""
        lo = _sub_down(self.lo, _mul_down(_DOWN.abs(self.lo), rel)) if below else self.lo
        hi = _add_up(self.hi, _mul_up(_UP.abs(self.hi), rel)) if above else self.hi
        return _new(lo, hi)

    def hull(self, other: "Interval") -> "Interval":
        return _new(min(self.lo, other.lo), max(self.hi, other.hi))

    # --- arithmetic ---------------------------------------------------------------------------
    # A Decimal or int operand is the point interval [c, c]; its four corner products are two
    # pairs of equal ones, so two of them give the same min and max (first of equals included).
    # A scalar c > 0 needs only two: a ≤ b gives a·c ≤ b·c (and a/c ≤ b/c) and, rounding
    # being monotone, the same order of the rounded products. `min` keeps the first of equals, so
    # the low bound is always a's. `max` keeps a's on a tie: when a == b that is its exponent or
    # sign of zero, kept here; when a < b only a·c rounded up onto an exact b·c ties, the same
    # number in another exponent, which no comparison or rounding sees (as in positive_quotient).

    def __add__(self, other: "Interval | Decimal | int") -> "Interval":
        if isinstance(other, Interval):
            return _new(_add_down(self.lo, other.lo), _add_up(self.hi, other.hi))
        c = _scalar(other)
        return _new(_add_down(self.lo, c), _add_up(self.hi, c))

    __radd__ = __add__

    def __neg__(self) -> "Interval":
        return _new(self.hi.copy_negate(), self.lo.copy_negate())  # exact (`-x` rounds to the context)

    def __sub__(self, other: "Interval | Decimal | int") -> "Interval":
        if isinstance(other, Interval):
            return _new(_sub_down(self.lo, other.hi), _sub_up(self.hi, other.lo))
        c = _scalar(other)
        return _new(_sub_down(self.lo, c), _sub_up(self.hi, c))

    def __rsub__(self, other: "Interval | Decimal | int") -> "Interval":
        return _as_interval(other) - self

    def __mul__(self, other: "Interval | Decimal | int") -> "Interval":
        a, b = self.lo, self.hi
        mul, mul_up = _mul_down, _mul_up
        if not isinstance(other, Interval):
            c = _scalar(other)
            if c > 0:  # the min and max below, from two products (see above)
                return _new(mul(a, c), mul_up(a, c) if a == b else mul_up(b, c))
            return _new(min(mul(a, c), mul(b, c)), max(mul_up(a, c), mul_up(b, c)))
        c, d = other.lo, other.hi
        return _new(min(mul(a, c), mul(a, d), mul(b, c), mul(b, d)),
                    max(mul_up(a, c), mul_up(a, d), mul_up(b, c), mul_up(b, d)))

    __rmul__ = __mul__

    def __truediv__(self, other: "Interval | Decimal | int") -> "Interval":
        a, b = self.lo, self.hi
        div, div_up = _div_down, _div_up
        if not isinstance(other, Interval):
            c = _scalar(other)
            if c > 0:  # the min and max below, from two quotients (see above)
                return _new(div(a, c), div_up(a, c) if a == b else div_up(b, c))
            if c == 0:
                raise ZeroDivisionError("interval divisor contains zero")
            return _new(min(div(a, c), div(b, c)), max(div_up(a, c), div_up(b, c)))
        c, d = other.lo, other.hi
        if c <= 0 <= d:
            raise ZeroDivisionError("interval divisor contains zero")
        return _new(min(div(a, c), div(a, d), div(b, c), div(b, d)),
                    max(div_up(a, c), div_up(a, d), div_up(b, c), div_up(b, d)))

    def __rtruediv__(self, other: "Interval | Decimal | int") -> "Interval":
        return _as_interval(other) / self

    def __pow__(self, n: int) -> "Interval":
        """Integer power; for even n an interval spanning zero maps to [0, max]."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("use .root(n) for fractional powers")
        if n == 0:
            return _new(ONE, ONE)
        if n < 0:
            return _new(ONE, ONE) / (self ** -n)
        lo, hi = _DOWN.power(self.lo, n), _UP.power(self.hi, n)
        if n % 2 == 0:
            a, b = _UP.power(_UP.abs(self.lo), n), _UP.power(_UP.abs(self.hi), n)
            if self.lo <= 0 <= self.hi:
                return _new(ZERO, max(a, b))
            return _new(min(_DOWN.power(_DOWN.abs(self.lo), n), _DOWN.power(_DOWN.abs(self.hi), n)), max(a, b))
        return _new(lo, hi)

    def root(self, n: int) -> "Interval":
        """n-th root of a positive interval (monotone increasing), rounded outward."""
        if n <= 0:
            raise ValueError("root degree must be positive")
        if self.lo <= 0:
            raise ValueError("root of a non-positive interval")
        return _new(_root(self.lo, n, ROUND_FLOOR), _root(self.hi, n, ROUND_CEILING))

    def quantize(self, step: Decimal) -> tuple[Decimal, Decimal]:
        """Bounds rounded outward to multiples of `step` (for display)."""
        return (round_to(self.lo, step, ROUND_FLOOR), round_to(self.hi, step, ROUND_CEILING))

    def __str__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


# Results of the operations: bounds Decimal and ordered by outward rounding, so no checks.
_new = unchecked(Interval)


def _root(x: Decimal, n: int, rounding: str) -> Decimal:
    """`x`^(1/n) for x > 0 to `PREC` significant digits, rounded down (ROUND_FLOOR) or up: exact,
    by an integer n-th root of x × 10^(n·d) (no ln/exp, no error term)."""
    d = PREC - x.adjusted() // n  # decimal places of the root
    scaled = x.scaleb(n * d, _UNBOUNDED)  # x × 10^(n·d), exactly
    big = int(scaled)  # ⌊x × 10^(n·d)⌋ (x > 0: int truncates)
    root = _iroot(big, n)
    if rounding == ROUND_CEILING and (root ** n != big or big != scaled):  # root^n < x × 10^(n·d)
        root += 1
    return Decimal(root).scaleb(-d, _EXACT)


_EXACT = Context(prec=10 * PREC)
# No rounding and no exponent limit: `scaleb` in it only moves the exponent.
_UNBOUNDED = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _iroot(a: int, n: int) -> int:
    """⌊a^(1/n)⌋ for a ≥ 0 (Newton's method on integers, from above)."""
    if a < 2:
        return a
    if n == 2:
        return isqrt(a)
    if n == 4:  # r ≤ √⌊√a⌋ ⇔ r² ≤ ⌊√a⌋ ⇔ r² ≤ √a (r² is an integer) ⇔ r⁴ ≤ a: exact, and in C
        return isqrt(isqrt(a))
    # Start from the root r of a's leading bits t = a >> n·k (t < 2^(8n), so r < 256: read from
    # the table of n-th powers), plus one, times 2^k: above the root (a < (t + 1)·2^(n·k) ≤
    # ((r + 1)·2^k)^n) and, as t ≥ 2^(7n) when k > 0, within 1/128 of it, so a few quadratic
    # steps finish (a step costs about the same at any size here: fewer steps is what counts).
    k = max(0, (a.bit_length() - 1) // n - 7)
    root = bisect.bisect_right(_powers(n), a >> n * k) - 1
    return _newton_root(a, n, (root + 1) << k) if k else root


@cache
def _powers(n: int) -> list[int]:
    """i^n for i = 0 … 256: `_iroot`'s table of starts."""
    return [i ** n for i in range(257)]


def _newton_root(a: int, n: int, y: int) -> int:
    """⌊a^(1/n)⌋ by Newton's steps from `y` ≥ ⌊a^(1/n)⌋ (each step stays at or above it)."""
    m = n - 1
    while True:
        z = (m * y + a // y ** m) // n
        if z >= y:
            return y
        y = z


def positive_quotient(a: Interval, b: Interval) -> Interval:
    """`a / b` for a.lo > 0 and b.lo > 0, from two divisions instead of eight: rounding is
    monotone, so the least and greatest of the four rounded corner quotients are a.lo / b.hi
    rounded down and a.hi / b.lo rounded up (the same values as `a / b`; a tie between equal
    corners may keep another of their exponents, which no comparison or rounding sees)."""
    return _new(_div_down(a.lo, b.hi), _div_up(a.hi, b.lo))


def interval_sum(terms: Iterable[Interval]) -> Interval:
    """`0 + t₁ + t₂ + …` with the operators, left to right (the point 0 first: 0 + x may differ from
    x in the sign of a zero bound), built once: the partial sums stay bounds, not Intervals."""
    lo = hi = ZERO
    for t in terms:
        lo, hi = _add_down(lo, t.lo), _add_up(hi, t.hi)
    return _new(lo, hi)


def _scalar(x: "Decimal | int") -> Decimal:
    if type(x) is Decimal:  # what Decimal(x) returns for it
        return x
    if isinstance(x, (Decimal, int)) and not isinstance(x, bool):
        return Decimal(x)
    raise TypeError(f"cannot make an interval of {type(x).__name__}")


def _as_interval(x: "Interval | Decimal | int") -> Interval:
    if isinstance(x, Interval):
        return x
    d = _scalar(x)
    return _new(d, d)


def last_nonzero_place(value: Decimal) -> Decimal:
    """Place value of the last non-zero digit: 4900 → 100, 0.52 → 0.01, 0 → 1."""
    if value == 0:
        return ONE
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


def exactly(value: Decimal) -> Interval:
    """`Interval.point(value)` without its type check: only for a value known to be a Decimal."""
    return _new(value, value)


def around_printed(value: Decimal, precision: Decimal) -> Interval:
    """`value ± precision/2`: what `from_printed` gives a figure that is no count and no
    approximation (1.32亿 → [1.315, 1.325]亿)."""
    half = precision * HALF
    return _new(_sub_down(value, half), _add_up(value, half))  # Interval.around, inlined


def from_printed(
    value: Decimal,
    precision: Decimal | None,
    *,
    count: bool = False,
    approx: str | None = None,
    approx_rel: Decimal = Decimal("0.05"),
) -> Interval:
    """The interval a printed figure stands for.

    `value ± precision/2` (1.32亿 → [1.315, 1.325]亿); exact when `precision` is None or the figure
    is an integer count. `approx` widens it: "about" (约/左右) ± approx_rel; "over" (余/多/以上/超过)
    upwards by the last non-zero digit's place (4900多 → [4900, 5000]) or approx_rel, whichever is
    larger; "under" (近/将近/不到) downwards by approx_rel.
    """
    if precision is None or (count and precision <= 1 and value == value.to_integral_value()):
        base = Interval.point(value)
    else:
        base = around_printed(value, precision)
    if approx is None:
        return base
    if approx == "about":
        return base.widen_rel(approx_rel)
    if approx == "over":
        step = max(last_nonzero_place(value), abs(value) * approx_rel)
        return _new(base.lo, _add_up(base.hi, step))
    if approx == "under":
        return base.widen_rel(approx_rel, above=False)
    raise ValueError(f"unknown approximation {approx!r}")
