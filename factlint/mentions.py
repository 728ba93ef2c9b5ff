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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from factlint.spans import Span
from factlint.decimals import integral_or_normal


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


class _NewMention:
    """Builds a `Mention` at a third of the cost of the frozen dataclass `__init__` (which pays one
    `object.__setattr__` per field): a mutable twin with the same slots is filled, then retyped.
    Python checks the layouts match at the `__class__` assignment; the result is a plain Mention."""

    __slots__ = Mention.__slots__

    def __init__(self, span, number_span, raw, value, precision, unit, scale, kind, qualifier, c, repairs):
        self.span, self.number_span, self.raw, self.value, self.precision = span, number_span, raw, value, precision
        self.unit, self.scale, self.kind, self.approx, self.qualifier = unit, scale, kind, c.approx, qualifier
        self.range_role, self.chinese, self.repairs = c.range_role, c.chinese, repairs
        self.__class__ = Mention


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
    at, vstart, vend = st.at, st.vs, st.ve  # the map to the view (None: identity)
    view_span = st.view_span
    last_end = -1
    for c in cands:
        if at is None:
            vs, ve, ns, ne = c.start, c.end, c.nstart, c.nend
        elif c.start < c.end:  # inline ScanText.view_span
            j, k = bisect_right(at, c.start) - 1, bisect_right(at, c.end - 1) - 1
            vs, ve = vstart[j] + c.start - at[j], vend[k] + c.end - 1 - at[k]
        else:
            vs, ve = view_span(c.start, c.end)
        if vs < last_end or ve <= vs:
            continue
        if at is None:
            pass
        elif c.nstart == c.start and c.nend == c.end:
            ns, ne = vs, ve
        else:
            ns, ne = view_span(c.nstart, c.nend)
        if c.n101 or (starts and (i := bisect_left(starts, vs)) < len(starts) and starts[i] < ve):
            repairs = _repairs(st, c, edits, starts, vs, ve, evidence)
        else:
            repairs = ()  # no repair needed and no edit inside the span
        span = Span(vs, ve)
        mentions.append(_NewMention(  # Mention(span, number_span, raw, value, precision, …)
            span, span if ns == vs and ne == ve else Span(ns, ne), text[vs:ve], _clean(c.value),
            _precision(c), c.unit, c.scale, _KINDS[c.kind],
            _QUALIFIERS[c.qualifier] if c.qualifier else None, c, repairs,
        ))
        last_end = ve
    return mentions


_KINDS = {k.value: k for k in Kind}
_QUALIFIERS = {q.value: q for q in Qualifier}


def _clean(d: Decimal) -> Decimal:
    """The value without exponent noise (2E+3 → 2000, 1.50 → 1.5), whatever its length."""
    return integral_or_normal(d)


def _precision(c) -> Decimal | None:
    p = c.precision
    if p is None or c.kind in ("year", "date", "ordinal"):
        return None
    if c.chinese and c.scale == 1 and p == 1 and c.value == c.value.to_integral_value():
        return None  # an exact Chinese-numeral count such as 四年
    got = _CLEAN_MEMO.get(id(p))
    if got is not None and got[0] is p:
        return got[1]
    if len(_CLEAN_MEMO) > 256:
        _CLEAN_MEMO.clear()
    got = _CLEAN_MEMO[id(p)] = (p, _clean(p))
    return got[1]


# Precisions are mostly a few shared Decimal objects (place values cached by the reader): their
# cleaned form is memoised by identity (the entry holds the object, so its id is not reused).
_CLEAN_MEMO: dict[int, tuple[Decimal, Decimal]] = {}


def _link_ranges(t: str, cands: list) -> None:
    """`2017—2020年`, `5%～10%`, `两到三万港元`: mark the ends; the low end borrows unit and scale."""
    from factlint.numberwords import RANGE_SEPARATORS

    for a, b in zip(cands, cands[1:]):
        gap = t[a.end:b.start]
        if len(gap) > 2 and "含" not in gap:
            continue  # longer than any separator (the test below needs b.start - a.end <= 1)
        gap = gap.replace("(含)", "").replace("（含）", "")
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

    n101 = [c for c in cands if c.n101]
    evidence = any(certain(c) for c in n101)
    for c in n101:
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
