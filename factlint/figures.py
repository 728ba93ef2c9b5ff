"""From a Mention to what the cross-checks compute with: its interval, its label, its display.

Invariant: every number here is a Decimal. `interval_of` is the one place a printed figure becomes
an Interval; approximation words inside the mention or just before it widen it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from factlint.decimals import round_to
from factlint.intervals import Interval, around_printed, exactly, from_printed, last_nonzero_place
from factlint.mentions import Kind, Mention, Qualifier
from factlint.rulebook import load_lexicon

_UNDER_BEFORE = ("将近", "接近", "近", "不到", "不足")
_ABOUT_BEFORE = ("约", "大约", "大概")
_OVER_BEFORE = ("超过", "逾", "至少")
_WORD_ENDS = frozenset(w[-1] for w in _UNDER_BEFORE + _ABOUT_BEFORE + _OVER_BEFORE)
_OVER_QUALIFIERS = (Qualifier.GT, Qualifier.GE)
_UNDER_QUALIFIERS = (Qualifier.LT, Qualifier.LE)


@cache
def count_units() -> frozenset[str]:
    return frozenset(load_lexicon("conventions").get("count_units", []))


def is_count(m: Mention) -> bool:
    """An integer figure counted in a measure word (个, 项, 人 …) is exact unless approximate."""
    return m.unit in count_units() and m.value == m.value.to_integral_value()


def approximation(m: Mention, view_text: str) -> str | None:
    """'about', 'over', 'under' or None, from the mention's qualifier, raw text and the words before it."""
    start = m.span.start
    raw = m.raw
    if m.qualifier is None and not m.approx and view_text[start - 1:start] not in _WORD_ENDS:
        # The common case: no qualifier and no word before the figure (none ends in that character).
        if "多" in raw or "余" in raw or "以上" in raw:
            return "over"
        return "about" if "左右" in raw else None
    before = view_text[max(0, start - 2):start]
    if m.qualifier in _OVER_QUALIFIERS or "多" in raw or "余" in raw or "以上" in raw:
        return "over"
    if m.qualifier in _UNDER_QUALIFIERS or before.endswith(_UNDER_BEFORE):
        return "under"
    if before.endswith(_OVER_BEFORE):
        return "over"
    if m.approx or m.qualifier is Qualifier.APPROX or before.endswith(_ABOUT_BEFORE) or "左右" in raw:
        return "about"
    return None


def precision_of(m: Mention) -> Decimal | None:
    """The printed precision; for a figure without one that is not a count, its last digit's place."""
    if m.precision is not None:
        return m.precision
    if m.kind is Kind.YEAR or is_count(m):
        return None
    return last_nonzero_place(m.value)


def interval_of(m: Mention, view_text: str, approx_rel: Decimal = Decimal("0.05")) -> Interval:
    """`from_printed(m.value, precision_of(m), count=is_count(m), approx=approximation(m, view_text),
    approx_rel=approx_rel)`, with `is_count` decided once and the case without approximation
    built here (a mention's value is a Decimal)."""
    value = m.value
    count = m.unit in count_units() and value == value.to_integral_value()
    precision = m.precision
    if precision is None and m.kind is not Kind.YEAR and not count:
        precision = last_nonzero_place(value)
    approx = approximation(m, view_text)
    if approx is None:
        if precision is None or (count and precision <= 1):  # a count is an integer
            return exactly(value)
        return around_printed(value, precision)
    return from_printed(value, precision, count=count, approx=approx, approx_rel=approx_rel)


def fmt(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing zeros: 12.70 → 12.7, 1E+8 → 100000000."""
    text = str(value)  # format(value, "f") unless it needs an exponent (what `str` shows with E)
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def at_precision(value: Decimal, like: Mention) -> str:
    """`value` rounded to the stated figure's printed precision (in its own units)."""
    return at_precisions((value,), like)[0]


def at_precisions(values: tuple[Decimal, ...], like: Mention) -> list[str]:
    """`at_precision` of several values for one stated figure (its precision looked up once)."""
    scale = like.scale
    quantum = _quantum(precision_of(like), scale)
    if scale and scale != 1:
        return [fmt(round_to(value / scale, quantum)) for value in values]
    return [fmt(round_to(value, quantum)) for value in values]


@cache
def _quantum(precision: Decimal | None, scale: Decimal) -> Decimal:
    """The place `at_precision` rounds to: the printed precision in the figure's own units, at
    most 1 (a value of its own: equal Decimals give equal quanta, whatever their exponents)."""
    step = precision or Decimal(1)
    if scale and scale != 1:
        step = step / scale
    step = step.normalize()
    exp = min(0, step.as_tuple().exponent) if isinstance(step.as_tuple().exponent, int) else 0
    return Decimal(1).scaleb(exp)


def shown(m: Mention, view_text: str) -> str:
    return view_text[m.span.start:m.span.end]


def year_of(m: Mention | None) -> int | None:
    if m is None:
        return None
    try:
        return int(m.value)
    except (ValueError, ArithmeticError):
        return None
