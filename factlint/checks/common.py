"""What every cross-check kind shares: intervals of stated figures, labels, diagnosis, severity.

Invariants: a Violation sits on the stated figure's span; `details` hold strings only (stated,
computed at the stated precision, interval, formula, diagnosis list); the message is one line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from factlint.context import CheckContext
from factlint.figures import at_precisions, fmt, interval_of, shown, year_of
from factlint.findings import Related, Severity, Violation, new_related, new_violation
from factlint.intervals import Interval
from factlint.mentions import Mention
from factlint.rulebook import Rule
from factlint.spans import Span

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

    from factlint.claims import Context

DIAGNOSES = {
    "simple_average": ("疑为总增幅除以年数的简单平均，未按复利计算", "looks like total growth divided by the years, not compounded"),
    "off_by_one_years": ("疑把首尾年份都计入，多算了一年", "looks like the span was counted inclusively (one period too many)"),
    "percent_vs_points": ("疑混淆了百分比与百分点", "looks like percent and percentage points were confused"),
    "inverted_base": ("疑以末期值而非基期值为分母", "looks like the change was divided by the later value, not the base"),
    "times_vs_increase": ("疑混淆了“增长X倍”与“是…的X倍”", "looks like 'X times more' was confused with 'X times as much'"),
    "scale_slip": ("疑单位或小数点错位（万/亿）", "looks like a scale slip (万 vs 亿) or a shifted decimal point"),
    "real_terms_possible": ("该增速可能按可比价格（实际）计算", "the rate may be in real terms (comparable prices)"),
}
SCALES = [Decimal(10) ** k for k in (-8, -4, -3, -2, -1, 1, 2, 3, 4, 8)]  # ascending


def claims_of(ctx: CheckContext, kind: str) -> list[Any]:
    """The claims of one type, named by its class in `factlint.claims` (claim types have no
    subclasses, so this is an `isinstance` filter), in extraction order. The claims are sorted
    by type once per context (`ctx.claim_groups`), not once per check kind."""
    groups = ctx.claim_groups
    if groups is None:
        by_type: defaultdict[type, list[Any]] = defaultdict(list)  # a list per type, not per claim
        for c in ctx.claims:
            by_type[type(c)].append(c)
        groups = ctx.claim_groups = {t.__name__: group for t, group in by_type.items()}
    return groups.get(kind, [])


_APPROX_REL = Decimal("0.05")


def intervals(ctx: CheckContext, rule: Rule) -> Callable[[Mention], Interval]:
    """The rule's `interval_of` for mentions: each mention's interval is computed once per
    approx_rel and shared by all check kinds (the memo lives in `ctx.intervals`)."""
    rel = rule.params.get("approx_rel", _APPROX_REL)
    # Keyed by the text: 0.05 and 0.050 compute alike but may print differently.
    memo = ctx.intervals.setdefault(str(rel), {})
    kept = ctx.interval_mentions  # every mention in a memo: alive, so no other object takes its id
    keep = kept.append
    text = ctx.view.text

    def iv(m: Mention) -> Interval:
        key = id(m)
        got = memo.get(key)
        if got is None:
            got = memo[key] = interval_of(m, text, rel)
            keep(m)
        return got

    return iv


def tolerant(stated: Interval, tolerance: Decimal) -> Interval:
    """`stated.widen(tolerance)` for comparisons only: by the default 0, `stated` itself (the same
    numbers, which `widen` may write with another exponent or sign of zero)."""
    return stated.widen(tolerance) if tolerance else stated


def label(ctx: CheckContext, m: Mention, year: Mention | None = None, role: str = "") -> Related:
    y = year_of(year)
    text = shown(m, ctx.view.text)
    prefix = f"{role} " if role else ""
    return new_related(m.span, f"{prefix}{y}年 {text}" if y else f"{prefix}{text}")


def diagnosis_text(names: list[str], language: str, notes: dict[str, tuple[str, str]] | None = None) -> str:
    """The diagnoses as one parenthesised phrase; `notes` replace a name's phrase with a
    worked one (e.g. the actual numbers of a simple average)."""
    if not names:
        return ""
    i = 1 if language == "en" else 0
    sep = "; " if i else "；"
    phrases = [((notes or {}).get(n) or DIAGNOSES[n])[i] for n in names]
    return (" (" if i else "（") + sep.join(phrases) + (")" if i else "）")


def matches_scale_slip(computed: Interval, stated: Interval) -> bool:
    return computed.meets_any_scaled(SCALES, stated)


def growth_severity(c: Context, computed: Interval, stated: Interval, real_gap: Decimal) -> Severity | None:
    """None: explained by the text's own words (real terms, the midpoints within `real_gap`; the
    gap is computed only for such a text)."""
    if c.real:
        return None if abs(computed.mid - stated.mid) <= real_gap else Severity.WARNING
    if c.conventional or c.mixed_bases:
        return Severity.WARNING
    return Severity.ERROR


def report(ctx: CheckContext, rule: Rule, span: Span, stated: Mention | None, stated_text: str,
           computed: Interval, formula: str, diagnosis: list[str], related: Iterable[Related],
           severity: Severity | None, subject: str = "", notes: dict[str, tuple[str, str]] | None = None,
           **extra: str) -> Violation:
    """One Violation with the standard details and the rule's message in the chosen language."""
    lo, hi, mid = computed.lo, computed.hi, computed.mid
    if stated is not None:
        computed_text, lo_text, hi_text = at_precisions((mid, lo, hi), stated)
    else:
        computed_text, lo_text, hi_text = fmt(mid), fmt(lo), fmt(hi)
    lang = ctx.settings.language
    # `extra` is this call's own dict: the message's fields are added to it, not copied with it.
    extra.update(stated=stated_text, computed=computed_text, formula=formula,
                 diagnosis=diagnosis_text(diagnosis, lang, notes), subject=subject)
    message = rule.format_fields(lang, extra)
    details = {
        "stated": stated_text,
        "computed": computed_text,
        "interval": [lo_text, hi_text],
        "formula": formula,
        "diagnosis": list(diagnosis),
    }
    if notes:
        details["explanation"] = "；".join(notes[n][0] for n in diagnosis if n in notes)
    return new_violation(rule.code, span, message, severity, tuple(related), details, None, None)
