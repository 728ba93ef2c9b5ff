"""Number mentions: every figure in the reading view with its value, unit and printed precision.

Contract (stable, relied on by claims, checks and the `extract` JSON):
- `span` is in VIEW coordinates and covers number + scale word + unit as printed
  (`1.32亿元`, `2.000名`, `百分之五点二`, `12个`).
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

import sys
from bisect import bisect_left, bisect_right
from decimal import Decimal
from enum import StrEnum

from factlint.decimals import integral_or_normal
from factlint.numberwords import RANGE_SEPARATORS, lexicon
from factlint.records import record, unchecked
from factlint.spans import Span, trusted_span


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


@record(frozen=True, slots=True)
class Repair:
    """One artefact repaired while reading a figure."""

    code: str  # N101 … N104
    title: str  # e.g. "period used as thousands separator"
    edits: tuple[tuple[Span, str], ...]  # minimal edits in view coordinates, sorted, not overlapping
    safe: bool  # certain (safe fix) or only likely (unsafe fix)
    evidence: str = ""  # why we believe it, shown to the user


@record(frozen=True, slots=True)
class Mention:
    span: Span
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


# Mention(span, raw, value, precision, unit, scale, kind, approx, qualifier, range_role,
# chinese, repairs) without re-checking: one per figure.
_NewMention = unchecked(Mention)


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
    from factlint import numtext, plainfigures

    st = numtext.normalize(text)
    pieces = st.pieces()  # the map to the view, read by the scan and by _build
    items, cands = plainfigures.scan(st, text, pieces)
    _link_ranges(st.text, cands)
    evidence = _resolve_n101([c for c in cands if not c.weak])
    return _build(text, st, pieces, items, cands, evidence)


def _build(text: str, st, pieces: tuple, items: list, cands: list, evidence: bool) -> list[Mention]:
    """The figures as Mentions in view coordinates, weak candidates and overlaps dropped, repairs
    attached. `pieces` is `st.pieces()`; `items` holds candidates and settled Mentions (plainfigures.scan), in order; `cands`
    the candidates, in order, each at its index `at` in `items`. `items` is made the result: each
    candidate's slot gets its Mention, or None (dropped) until the Nones are taken out.

    A settled Mention is kept as it is and leaves `last_end` alone: it overlaps no figure, as its
    view span is its scanning span shifted, the figure before it ends where the scan resumed, and
    the figure after it starts where the scan resumed (no sign before a figure is a character a
    settled figure ends with), so comparing with the end of the candidate before it decides the
    same."""
    edits = sorted(st.edits, key=lambda e: e.start)
    starts = [e.start for e in edits]
    estarts, ei = starts + [_INF], 0  # the next edit at or after the span start (starts rise)
    # The map to the view (ScanText.view_span, inline): piece j covers scanning [at[j], at[j + 1])
    # and, when it maps one to one (a copied run, or one character for one), shifts it by d[j].
    at, nxt_at, shift, one_to_one = pieces
    view_span = st.view_span
    j, lo, hi, d, flat = 0, at[0], nxt_at[0], shift[0], one_to_one[0]
    kinds, qualifiers, memo, no_precision = _KINDS, _QUALIFIERS, _CLEAN_MEMO, _NO_PRECISION
    last_end = -1
    dropped = False
    for c in cands:
        items[c.at] = None  # (until it is built)
        if c.weak:
            dropped = True
            continue
        cs, ce = c.start, c.end
        if not lo <= cs < hi:  # move to the piece of cs
            j = bisect_right(at, cs) - 1
            lo, hi, d, flat = at[j], nxt_at[j], shift[j], one_to_one[j]
        if flat and cs < ce <= hi:  # the whole figure inside one one-to-one piece
            shifted = d
            vs, ve = cs + d, ce + d
            if vs < last_end:
                dropped = True
                continue
        else:
            shifted = None
            vs, ve = view_span(cs, ce)
            if vs < last_end or ve <= vs:
                dropped = True
                continue
        while estarts[ei] < vs:
            ei += 1
        if c.n101 or estarts[ei] < ve:
            repairs = _repairs(st, c, edits, starts, vs, ve, estarts[ei] < ve, shifted)
        else:
            repairs = ()  # no repair needed and no edit inside the span
        span = trusted_span(vs, ve)  # 0 <= vs < ve
        # _clean(c.value), with its commonest case (an integer, exponent <= 0) inline: there
        # to_integral_value already is what integral_or_normal returns
        value = c.value
        whole = value.to_integral_value()
        if value != whole or not whole.same_quantum(_ONE):
            whole = integral_or_normal(value)
        # the precision: None when exact by nature, else the place value without exponent noise
        p, kind = c.precision, c.kind
        if p is None or kind in no_precision:
            p = None
        elif c.chinese and c.scale == 1 and p == 1 and value == value.to_integral_value():
            p = None  # an exact Chinese-numeral count such as 四年
        else:
            got = memo.get(id(p))
            p = got[1] if got is not None and got[0] is p else _clean_precision(p)
        q = c.qualifier
        items[c.at] = _NewMention(  # Mention(span, raw, value, precision, …)
            span, text[vs:ve], whole, p, c.unit, c.scale, kinds[kind], c.approx, qualifiers[q] if q else None,
            c.range_role, c.chinese, repairs,
        )
        last_end = ve
    return list(filter(None, items)) if dropped else items  # (a Mention is true: no __len__, __bool__)


_KINDS = {k.value: k for k in Kind}
_QUALIFIERS = {q.value: q for q in Qualifier}
_NO_PRECISION = frozenset(("year", "date", "ordinal"))
_ONE = Decimal(1)
_INF = sys.maxsize  # past any offset


def _clean(d: Decimal) -> Decimal:
    """The value without exponent noise (2E+3 → 2000, 1.50 → 1.5), whatever its length."""
    return integral_or_normal(d)


def _clean_precision(p: Decimal) -> Decimal:
    """`_clean(p)`, memoised in `_CLEAN_MEMO` (`_build` looks the memo up first)."""
    if len(_CLEAN_MEMO) > 256:
        _CLEAN_MEMO.clear()
    got = _CLEAN_MEMO[id(p)] = (p, _clean(p))
    return got[1]


# Precisions are mostly a few shared Decimal objects (place values cached by the reader): their
# cleaned form is memoised by identity (the entry holds the object, so its id is not reused).
_CLEAN_MEMO: dict[int, tuple[Decimal, Decimal]] = {}


def _link_ranges(t: str, cands: list) -> None:
    """`2017—2020年`, `5%～10%`, `两到三万港元`: mark the ends; the low end borrows unit and scale."""
    pairs = zip(cands, cands[1:])
    if "含" not in t:
        # then the first test below passes only pairs at most two apart: the same pairs, picked
        # by one comprehension (the loop changes b.start only after testing the pair (a, b), and
        # the next pair's gap reads b.end)
        pairs = [(a, b) for a, b in pairs if b.start - a.end <= 2]
    for a, b in pairs:
        if b.start - a.end > 2 and t.find("含", a.end, b.start) < 0:
            continue  # longer than any separator (the test below needs b.start - a.end <= 1)
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
    counts = lexicon().counts

    def certain(c) -> bool:
        if c.n101 == "multi":
            return True
        return c.n101 == "single" and c.kind == "quantity" and c.scale == 1 and c.unit in counts

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


def _repairs(st, c, edits, starts, vs: int, ve: int, in_edit: bool, shift: int | None) -> tuple[Repair, ...]:
    """The repairs of candidate `c` at view [vs, ve): N101 when it is set, and the edits of
    normalize starting inside (`in_edit`: there is one). `shift`: the view offset minus the
    scanning offset when the whole figure lies in one one-to-one piece of the map (None if not)."""
    out: list[Repair] = []
    if c.n101:
        safe, points = c.n101_safe, c.n101_points
        if shift is None:
            spans = tuple([(trusted_span(*st.view_span(p, p + 1)), ",") for p in points])  # a <= b
        elif len(points) == 1:  # (d.ddd, the commonest) what view_span gives there
            p = points[0] + shift
            spans = ((trusted_span(p, p + 1), ","),)
        else:
            spans = tuple([(trusted_span(p + shift, p + shift + 1), ",") for p in points])
        why = ("multiple-periods" if c.n101 == "multi"
               else "count-unit" if c.scale == 1 and c.unit in lexicon().counts
               else "document-trailing-zero" if safe
               else "document")
        n101 = _NewRepair("N101", _TITLES["N101"], spans, safe, why)
        if not in_edit:
            return (n101,)
        out.append(n101)
    by_code: dict[str, list] = {}
    for e in edits[bisect_left(starts, vs):bisect_left(starts, ve)]:
        if e.end <= ve:
            by_code.setdefault(e.code, []).append(e)
    for code, group in sorted(by_code.items()):
        out.append(_NewRepair(code, group[0].title, tuple((Span(e.start, e.end), e.text) for e in group),
                              all(e.safe for e in group), ""))
    return tuple(out)


_NewRepair = unchecked(Repair)  # Repair(code, title, edits, safe, evidence)
