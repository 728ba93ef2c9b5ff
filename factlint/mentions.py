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
    GT = "gt"  # 超过 以上
    GE = "ge"  # 至少
    LT = "lt"  # 不到 以下 不足
    LE = "le"  # 最多


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
