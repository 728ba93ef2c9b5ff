"""Number mentions: every figure in the reading view with its value, unit and printed precision.

Contract (stable, relied on by claims, checks and the `extract` JSON):
- `span` is in VIEW coordinates and covers number + scale word + unit as printed
  (`1.32亿元`, `2.000名`, `百分之五点二`, `12个`); `number_span` covers only the numeral
  (`1.32`, `2.000`, `五点二`).
- `value` is a Decimal with the scale folded in and any repairs applied (`1.972.66万元` →
  19726600); `precision` is the place value of the last printed digit in the same units
  (`1.32亿` → 1000000, `2,000` → 1, `10.8%` → 0.1); None when the value is exact by nature
  (a Chinese-numeral count such as `四年`).
- `unit` is the unit as printed less its scale (`万元` → `元`, `％` → `%`, `个百分点` → `百分点`,
  `倍` → `倍`, `成` → `%`); None for a bare number.
- `repairs` are the artefact repairs the reading needed, each a list of minimal text edits in
  view coordinates inside `span`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from factlint.spans import Span


class Kind(StrEnum):
    NUMBER = "number"  # bare number, no unit
    QUANTITY = "quantity"  # number with a unit or measure word
    PERCENT = "percent"  # %, ％, 百分之, 成
    PERMILLE = "permille"  # ‰, 千分之
    POINTS = "points"  # 个百分点
    MULTIPLE = "multiple"  # 倍
    YEAR = "year"  # 2020年, 二〇二〇年 (a date, not a quantity)
    DATE = "date"  # 3月5日, 2020年3月
    ORDINAL = "ordinal"  # 第三


class Qualifier(StrEnum):
    APPROX = "approx"  # 约 近 余 多 左右
    GT = "gt"  # 超过 突破 逾
    GE = "ge"  # 至少 以上 (以上 includes the figure, as in law and statistics)
    LT = "lt"  # 不到 不足 小于
    LE = "le"  # 最多 以下 以内


@dataclass(frozen=True, slots=True)
class Repair:
    """One artefact repaired while reading a figure."""

    code: str  # N101 … N104
    title: str  # e.g. "period used as thousands separator"
    edits: tuple[tuple[Span, str], ...]  # minimal edits in view coordinates
    safe: bool  # certain (safe fix) or only likely (unsafe fix)
    evidence: str = ""  # why we believe it, shown to the user


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    number_span: Span
    raw: str
    value: Decimal
    precision: Decimal | None
    unit: str | None
    scale: Decimal  # 1, 10000 (万), 100000000 (亿) … folded into value
    kind: Kind
    approx: bool = False
    qualifier: Qualifier | None = None
    range_role: str | None = None  # "low" | "high" for the ends of 2017—2020年, 5%～10%
    chinese: bool = False  # written in Chinese numerals
    repairs: tuple[Repair, ...] = ()

    @property
    def is_year(self) -> bool:
        return self.kind is Kind.YEAR


# ---------------------------------------------------------------------------------------------
# Reading: the reading view → Mentions (scanner.py finds candidates, this part settles ranges,
# N101 evidence and view coordinates).

_TITLES = {
    "N101": "period used as thousands separator",
    "N102": "full-width characters in a number",
    "N103": "OCR look-alike in a number",
    "N104": "spaces inside a number",
}


def find_mentions(text: str) -> list[Mention]:
    """Every figure in `text` (the reading view), sorted by span start, spans non-overlapping."""
    from factlint import numtext, scanner

    st = numtext.normalize(text)
    cands = scanner.scan(st.text)
    _link_ranges(st.text, cands)
    cands = [c for c in cands if not c.weak]
    evidence = _resolve_n101(cands)
    mentions: list[Mention] = []
    edits = sorted(st.edits, key=lambda e: e.start)
    starts = [e.start for e in edits]
    last_end = -1
    for c in cands:
        vs, ve = st.view_span(c.start, c.end)
        if vs < last_end or ve <= vs:
            continue
        ns, ne = st.view_span(c.nstart, c.nend)
        repairs = _repairs(st, c, edits, starts, vs, ve, evidence)
        mentions.append(Mention(
            span=Span(vs, ve), number_span=Span(ns, ne), raw=text[vs:ve], value=_clean(c.value),
            precision=_precision(c), unit=c.unit, scale=c.scale, kind=Kind(c.kind), approx=c.approx,
            qualifier=Qualifier(c.qualifier) if c.qualifier else None, range_role=c.range_role,
            chinese=c.chinese, repairs=repairs,
        ))
        last_end = ve
    return mentions


def _clean(d: Decimal) -> Decimal:
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _precision(c) -> Decimal | None:
    if c.precision is None or c.kind in ("year", "date", "ordinal"):
        return None
    if c.chinese and c.scale == 1 and c.precision == 1 and c.value == c.value.to_integral_value():
        return None  # an exact Chinese-numeral count such as 四年
    return _clean(c.precision)


def _link_ranges(t: str, cands: list) -> None:
    """`2017—2020年`, `5%～10%`, `两到三万港元`: mark the ends; the low end borrows unit and scale."""
    from factlint.numberwords import RANGE_SEPARATORS

    for a, b in zip(cands, cands[1:]):
        gap = t[a.end:b.start].replace("(含)", "").replace("（含）", "")
        if b.start > 0 and t[b.start] == "-" and b.value < 0 and t[a.end:b.start + 1] in RANGE_SEPARATORS:
            b.value, b.start, gap = -b.value, b.start + 1, "-"
        if gap not in RANGE_SEPARATORS or a.range_role or b.range_role:
            continue
        if a.weak and b.weak:
            continue
        a.range_role, b.range_role, a.weak, b.weak = "low", "high", False, False
        if a.unit is None and b.unit is not None:
            a.unit, a.kind = b.unit, b.kind
            if b.scale > 1 and a.scale == 1 and a.value * b.scale <= b.value:
                a.value, a.scale = a.value * b.scale, b.scale
                a.precision = a.precision * b.scale if a.precision is not None else None
        elif b.unit is None and a.unit is not None:
            b.unit, b.kind = a.unit, a.kind
        if b.kind == "year" and a.scale == 1 and 1000 <= a.value <= 2999:
            a.kind, a.unit = "year", b.unit


def _resolve_n101(cands: list) -> bool:
    """Decide every `d.ddd` reading; return whether the document shows the artefact for certain."""
    def certain(c) -> bool:
        if c.n101 == "multi":
            return True
        return c.n101 == "single" and c.kind == "quantity" and c.scale == 1 and _is_count(c.unit)

    evidence = any(certain(c) for c in cands)
    for c in cands:
        if c.n101 == "multi":
            c.n101_safe = True
        elif c.n101 == "single" and c.alt_value is not None:
            if certain(c):
                c.n101_safe = True
            elif evidence and c.kind == "quantity" and c.unit is not None and c.range_role is None:
                # prose never prints a trailing zero in a genuine decimal (2.46万元, not 2.460万元)
                c.n101_safe = c.n101_zero_end
            else:
                c.n101 = None
                continue
            sign = -1 if c.value < 0 else 1
            c.value, c.precision = sign * c.alt_value, c.alt_precision
    return evidence


def _is_count(unit: str | None) -> bool:
    from factlint.numberwords import lexicon

    return unit is not None and unit in lexicon().counts


def _repairs(st, c, edits, starts, vs: int, ve: int, evidence: bool) -> tuple[Repair, ...]:
    import bisect

    out: list[Repair] = []
    if c.n101:
        safe = getattr(c, "n101_safe", False)
        spans = tuple((Span(*st.view_span(p, p + 1)), ",") for p in c.n101_points)
        why = ("multiple-periods" if c.n101 == "multi"
               else "count-unit" if getattr(c, "scale", 1) == 1 and _is_count(c.unit)
               else "document-trailing-zero" if safe
               else "document")
        out.append(Repair("N101", _TITLES["N101"], spans, safe, why))
    by_code: dict[str, list] = {}
    for e in edits[bisect.bisect_left(starts, vs):bisect.bisect_left(starts, ve)]:
        if e.end <= ve:
            by_code.setdefault(e.code, []).append(e)
    for code, group in sorted(by_code.items()):
        out.append(Repair(code, group[0].title, tuple((Span(e.start, e.end), e.text) for e in group),
                          all(e.safe for e in group), ""))
    return tuple(out)
