"""Check kinds for rates of change: growth (C302), annual growth (C303), multiples (C310),
differences (C305) and percentage points (C306).

Each compares the stated figure's interval with the interval computed from the two printed values;
a Violation only when they cannot meet. Invariant: values stay Decimal; bases must be positive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

from factlint.checks.common import claims_of, growth_severity, intervals, label, matches_scale_slip, report, tolerant
from factlint.context import CheckContext
from factlint.decimals import round_to
from factlint.figures import fmt, shown, year_of
from factlint.findings import Severity, Violation
from factlint.intervals import Interval, positive_quotient
from factlint.mentions import Mention
from factlint.rulebook import Rule, register_kind
from factlint.spans import Span

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# Rounded down / up at 40 digits (what the operators do inside `localcontext(prec=40, rounding=…)`),
# as methods bound once (cheaper to call than `_FLOOR_40.power(…)`, which looks the method up).
_FLOOR_40 = Context(prec=40, rounding=ROUND_FLOOR)
_CEILING_40 = Context(prec=40, rounding=ROUND_CEILING)
_power_floor, _mul_floor, _div_floor = _FLOOR_40.power, _FLOOR_40.multiply, _FLOOR_40.divide
_power_ceiling, _mul_ceiling, _div_ceiling = _CEILING_40.power, _CEILING_40.multiply, _CEILING_40.divide


def _ratio(iv: Callable[[Mention], Interval], c) -> Interval | None:
    """current ÷ base when both are positive, else None."""
    a, b = iv(c.base), iv(c.current)
    if a.lo <= 0 or b.lo <= 0:
        return None
    return positive_quotient(b, a)


def _rates(ctx: CheckContext, rule: Rule, kind: str):
    """(claim, current ÷ base, stated rate interval) for every rate claim of `kind` whose values
    are positive; the prologue every growth check shares."""
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, kind):
        ratio = _ratio(iv, c)
        if ratio is not None:
            yield c, ratio, tolerant(iv(c.rate), rule.params["tolerance"])


def _convention_severity(c, computed: Interval, stated: Interval, rule: Rule, diag: list[str]) -> Severity | None:
    """Name `real_terms_possible` where a convention may explain the gap, and the severity the
    gap earns (None: no finding, e.g. the text says real terms and the gap is within `real_gap`)."""
    if c.context.real or c.context.conventional:
        diag.append("real_terms_possible")
    return growth_severity(c.context, computed, stated, rule.params["real_gap"])


def _pair(ctx, c):
    return (label(ctx, c.base, c.years[0] if hasattr(c, "years") else None),
            label(ctx, c.current, c.years[1] if hasattr(c, "years") else None))


def _signed(x: Interval, down: bool) -> Interval:
    return -x if down else x


@register_kind("growth-rate", tolerance=Decimal("0"), real_gap=Decimal("5"), approx_rel=Decimal("0.05"))
def check_growth(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c, ratio, stated in _rates(ctx, rule, "Growth"):
        computed = _signed((ratio - 1) * HUNDRED, c.down)
        if computed.intersects(stated):
            continue
        a, b = iv(c.base), iv(c.current)
        diag = []
        if c.base.kind == c.rate.kind and _signed(b - a, c.down).intersects(stated):
            diag.append("percent_vs_points")
        if _signed((b - a) / b * HUNDRED, c.down).intersects(stated):
            diag.append("inverted_base")
        if not diag and matches_scale_slip(computed, stated):
            diag.append("scale_slip")
        severity = _convention_severity(c, computed, stated, rule, diag)
        if severity is None:
            continue
        sa, sb = shown(c.base, ctx.view.text), shown(c.current, ctx.view.text)
        formula = f"({sb} / {sa} − 1) × 100% = {fmt(round_to(computed.mid, Decimal('0.01')))}%"
        if c.down:
            formula = f"(1 − {sb} / {sa}) × 100% = {fmt(round_to(-computed.mid, Decimal('0.01')))}%"
        computed_shown = -computed if c.down else computed
        yield report(ctx, rule, c.rate.span, c.rate, shown(c.rate, ctx.view.text), computed_shown, formula, diag,
                     _pair(ctx, c), severity, c.context.subject)


@register_kind("annual-growth", tolerance=Decimal("0"), real_gap=Decimal("3"), approx_rel=Decimal("0.05"))
def check_annual_growth(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    for c, ratio, stated in _rates(ctx, rule, "AnnualGrowth"):
        n = c.periods
        sign = -1 if c.down else 1
        factors = _factors(stated, sign)
        verdict = _root_meets(ratio, n, factors)
        if verdict:
            continue
        per_year = (ratio.root(n) - 1) * HUNDRED  # exact: it is shown
        computed = _signed(per_year, c.down)  # signed as the stated rate
        if verdict is None and computed.intersects(stated):
            continue
        diag, k = _annual_diagnosis(ratio, n, stated, sign, factors)
        notes = _simple_average_note(ratio, k, shown(c.rate, ctx.view.text), sign) if "simple_average" in diag else None
        severity = _convention_severity(c, computed, stated, rule, diag)
        if severity is None:
            continue
        sa, sb = shown(c.base, ctx.view.text), shown(c.current, ctx.view.text)
        formula = f"({sb} / {sa})^(1/{n}) − 1 = {fmt(round_to(per_year.mid, Decimal('0.01')))}%"
        years = f"{year_of(c.years[0])}—{year_of(c.years[1])}" if c.years[0] and c.years[1] else ""
        yield report(ctx, rule, c.rate.span, c.rate, shown(c.rate, ctx.view.text), per_year, formula, diag,
                     _pair(ctx, c), severity, c.context.subject, notes=notes, periods=str(n), years=years)


def _simple_average_note(ratio: Interval, k: int, stated: str, sign: int) -> dict[str, tuple[str, str]]:
    """The worked phrase: `10.8%` is total growth 43.1% ÷ 4."""
    total = fmt(round_to((ratio.mid - 1) * HUNDRED * sign, Decimal("0.1")))
    return {"simple_average": (f"{stated}恰为总增幅{total}%÷{k}的简单平均，未按复利计算",
                               f"{stated} is total growth {total}% ÷ {k}, a simple average, not compounded")}


def _annual_diagnosis(ratio: Interval, n: int, stated: Interval, sign: int,
                      factors: tuple[Decimal, Decimal] | None) -> tuple[list[str], int]:
    """Name the wrong computation the stated rate matches, if any (first match wins), and the
    number of periods that computation used (`factors`: `_factors(stated, sign)`)."""

    growth = ratio - 1

    def simple(k: int) -> bool:
        """`(growth / k * HUNDRED * sign).intersects(stated)`, from the bounds it computes: for
        k > 0 they are growth.lo / k × 100 rounded down and growth.hi / k × 100 rounded up (each
        step is increasing), exactly negated and swapped when sign < 0."""
        lo = _mul_floor(_div_floor(growth.lo, k), HUNDRED)
        hi = _mul_ceiling(_div_ceiling(growth.hi, k), HUNDRED)
        if sign > 0:
            return lo <= stated.hi and stated.lo <= hi
        return hi >= stated.hi.copy_negate() and lo <= stated.lo.copy_negate()

    def compound(k: int) -> bool:
        verdict = _root_meets(ratio, k, factors)
        return verdict if verdict is not None else ((ratio.root(k) - 1) * HUNDRED * sign).intersects(stated)

    options = [
        (("simple_average",), simple, n),
        (("simple_average", "off_by_one_years"), simple, n + 1),
        (("off_by_one_years",), compound, n + 1),
        (("off_by_one_years",), compound, n - 1),
        (("simple_average", "off_by_one_years"), simple, n - 1),
    ]
    for names, meets, k in options:
        if k >= 1 and meets(k):
            return list(names), k
    return [], n


def _factors(stated: Interval, sign: int) -> tuple[Decimal, Decimal] | None:
    """The growth factors a year of the stated rates, lowest and highest (1 + rate/100, or
    1 − rate/100 when sign < 0); None when the lowest is not positive."""
    if sign > 0:
        f_lo, f_hi = 1 + stated.lo / HUNDRED, 1 + stated.hi / HUNDRED
    else:
        f_lo, f_hi = 1 - stated.hi / HUNDRED, 1 - stated.lo / HUNDRED
    return (f_lo, f_hi) if f_lo > 0 else None


def _root_meets(ratio: Interval, k: int, factors: tuple[Decimal, Decimal] | None) -> bool | None:
    """Does `(ratio^(1/k) − 1) × 100 × sign` meet `stated`, whose `_factors(stated, sign)` are
    `factors`? Decided without any root: x ↦ x^k is increasing for x > 0, so it does exactly when
    `ratio` meets the growth factors raised to the k-th power (integer powers in Decimal, rounded
    outward). None when a factor is not positive (then the caller computes the root exactly)."""
    if factors is None:
        return None
    f_lo, f_hi = factors
    return ratio.lo <= _power_ceiling(f_hi, k) and _power_floor(f_lo, k) <= ratio.hi


@register_kind("multiple", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_multiple(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, "Multiple"):
        ratio = _ratio(iv, c)
        if ratio is None:
            continue
        computed = ratio if c.form == "ratio" else ratio - 1
        if c.stated is not None:
            stated, span, text = iv(c.stated), c.stated.span, shown(c.stated, ctx.view.text)
        else:
            stated = Interval.point(c.value).widen_rel(rule.params["approx_rel"])
            span, text = Span(*c.anchor), ctx.view.text[c.anchor[0]:c.anchor[1]]
        stated = tolerant(stated, rule.params["tolerance"])
        if computed.intersects(stated):
            continue
        other = ratio - 1 if c.form == "ratio" else ratio
        diag = ["times_vs_increase"] if other.intersects(stated) else []
        severity = Severity.WARNING if diag else Severity.ERROR
        sa, sb = shown(c.base, ctx.view.text), shown(c.current, ctx.view.text)
        formula = f"{sb} / {sa}" + (" − 1" if c.form == "increase" else "") + f" = {fmt(round_to(computed.mid, Decimal('0.01')))}"
        yield report(ctx, rule, span, c.stated, text, computed, formula, diag, _pair(ctx, c), severity,
                     c.context.subject)


def _check_changes(ctx: CheckContext, rule: Rule, claims, diagnose) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    """Shared by differences and point changes: stated ≈ current − base (base − current when down)."""
    for c in claims:
        a, b = iv(c.base), iv(c.current)
        computed = _signed(b - a, c.down)
        stated = tolerant(iv(c.stated), rule.params["tolerance"])
        if computed.intersects(stated):
            continue
        sa, sb = shown(c.base, ctx.view.text), shown(c.current, ctx.view.text)
        formula = f"{sa} − {sb}" if c.down else f"{sb} − {sa}"
        yield report(ctx, rule, c.stated.span, c.stated, shown(c.stated, ctx.view.text), computed,
                     formula, diagnose(a, b, computed, stated, c), _pair(ctx, c), Severity.ERROR, c.context.subject)


@register_kind("difference", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_difference(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    def diagnose(a, b, computed, stated, c):
        return ["scale_slip"] if matches_scale_slip(computed, stated) else []

    yield from _check_changes(ctx, rule, claims_of(ctx, "Difference"), diagnose)


@register_kind("percentage-points", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_points(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    def diagnose(a, b, computed, stated, c):
        if a.lo > 0 and _signed((b / a - 1) * HUNDRED, c.down).intersects(stated):
            return ["percent_vs_points"]
        return []

    yield from _check_changes(ctx, rule, claims_of(ctx, "PointChange"), diagnose)
