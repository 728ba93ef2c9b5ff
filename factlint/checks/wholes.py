"""Check kinds for wholes: totals and parts (C301), shares (C304), shares of one whole (C308),
the same figure stated twice (C309).

Invariant: sums are interval sums of the printed parts; a complete partition must be able to equal
its total, an incomplete list may only not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from factlint.checks.common import SCALES, claims_of, intervals, label, matches_scale_slip, report, tolerant
from factlint.context import CheckContext
from factlint.figures import shown
from factlint.findings import Severity, Violation
from factlint.intervals import interval_sum
from factlint.rulebook import Rule, register_kind

HUNDRED = Decimal(100)


@register_kind("total-parts", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_totals(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, "TotalParts"):
        total = tolerant(iv(c.total), rule.params["tolerance"])
        parts = [iv(p) for p in c.parts]
        s = interval_sum(parts)
        ok = s.intersects(total) if c.complete else s.lo <= total.hi
        if ok:
            continue
        diag = []
        for i, p in enumerate(parts):
            others = interval_sum(parts[:i] + parts[i + 1:])
            if p.meets_any_scaled(SCALES, total, others):
                diag.append("scale_slip")
                break
        text = ctx.view.text
        formula = " + ".join(shown(p, text) for p in c.parts) + f" ≠ {shown(c.total, text)}"
        severity = Severity.ERROR if c.nearby else Severity.WARNING
        related = [label(ctx, p, role=n) for p, n in zip(c.parts, c.names)]
        problem = "" if c.complete else ("（各部分之和超过总数）" if ctx.settings.language != "en" else " (the parts exceed the total)")
        yield report(ctx, rule, c.total.span, c.total, shown(c.total, text), s, formula, diag, related, severity,
                     c.context.subject, problem=problem)


@register_kind("share", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_shares(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, "Share"):
        part, whole = iv(c.part), iv(c.whole)
        if whole.lo <= 0:
            continue
        computed = part / whole * HUNDRED
        stated = tolerant(iv(c.stated), rule.params["tolerance"])
        if computed.intersects(stated):
            continue
        diag = ["scale_slip"] if matches_scale_slip(computed, stated) else []
        text = ctx.view.text
        formula = f"{shown(c.part, text)} / {shown(c.whole, text)} × 100%"
        yield report(ctx, rule, c.stated.span, c.stated, shown(c.stated, text), computed, formula, diag,
                     [label(ctx, c.part), label(ctx, c.whole)], Severity.ERROR, c.context.subject)


@register_kind("shares-of-whole", tolerance=Decimal("0"), approx_rel=Decimal("0.05"))
def check_shares_of_whole(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, "SharesOfWhole"):
        s = interval_sum(map(iv, c.shares)).widen(rule.params["tolerance"])
        exceeds = s.lo > HUNDRED
        short = c.complete and s.hi < HUNDRED
        if not (exceeds or short):
            continue
        text = ctx.view.text
        formula = " + ".join(shown(x, text) for x in c.shares) + " ≠ 100%" if short else " + ".join(
            shown(x, text) for x in c.shares) + " > 100%"
        first = c.shares[0]
        yield report(ctx, rule, first.span, first, shown(first, text), s, formula, [],
                     [label(ctx, x) for x in c.shares[1:]], Severity.ERROR, c.context.subject)


@register_kind("restated-figure", approx_rel=Decimal("0.05"))
def check_restated(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    iv = intervals(ctx, rule)
    for c in claims_of(ctx, "Restated"):
        a, b = iv(c.first), iv(c.second)
        if a.intersects(b):
            continue
        text = ctx.view.text
        formula = f"{shown(c.first, text)} ≠ {shown(c.second, text)}"
        yield report(ctx, rule, c.second.span, c.second, shown(c.second, text), a, formula, [],
                     [label(ctx, c.first, role="前文")], Severity.WARNING, c.subject,
                     first=shown(c.first, text))
