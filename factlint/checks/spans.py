"""Check kind for year counts (C307): 2017—2020年 … 连续四年 counts the years inclusively.

连续N年 may not exceed the inclusive count; N one short of it is a likely off-by-one (warning);
N年来/这N年 may be the inclusive count or the number of periods (count − 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from factlint.checks.common import claims_of, label, report
from factlint.context import CheckContext
from factlint.figures import shown, year_of
from factlint.findings import Severity, Violation
from factlint.intervals import Interval
from factlint.rulebook import Rule, register_kind


@register_kind("year-count")
def check_year_spans(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    for c in claims_of(ctx, "YearSpan"):
        first, last = year_of(c.first), year_of(c.last)
        if first is None or last is None:
            continue
        count = last - first + 1
        n = int(c.stated.value)
        if c.form == "consecutive":
            if n == count or n < count - 1:
                continue
            severity, diag = (Severity.ERROR, []) if n > count else (Severity.WARNING, ["off_by_one_years"])
        else:
            if n in (count, count - 1):
                continue
            severity, diag = Severity.WARNING, []
        formula = f"{last} − {first} + 1 = {count}"
        yield report(ctx, rule, c.stated.span, None, shown(c.stated, ctx.view.text),
                     Interval.point(Decimal(count)), formula, diag,
                     [label(ctx, c.first), label(ctx, c.last)], severity, c.context.subject)
