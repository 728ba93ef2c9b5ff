"""Figure candidates: one figure found in the scanning text, mutable while mentions.py settles it."""

from __future__ import annotations

from decimal import Decimal

_ONE = Decimal(1)


class Candidate:
    """One figure found in the scanning text (scanning coordinates), mutable while it is settled.

    The fields every candidate sets are slots; the rare ones (qualifier, range and N101 details,
    Chinese numerals) are class defaults that an instance overrides in its `__dict__` only when it
    differs, so building a candidate costs ten stores, not twenty."""

    __slots__ = ("__dict__", "at", "chinese", "end", "kind", "nend", "nstart", "precision", "scale", "start", "unit",
                 "value")
    # start, end: whole figure: [sign|第] numeral [多|余 scale] unit; nstart, nend: the numeral;
    # at: the candidate's index in the scan's `items` (set when it is added there)
    qualifier: str | None = None
    approx: bool = False
    range_role: str | None = None
    weak: bool = False
    n101: str | None = None  # "multi" (≥2 periods), "single" (d.ddd): see mentions.resolve_n101
    n101_points: tuple[int, ...] = ()  # scanning offsets of the periods that are separators
    alt_value: Decimal | None = None  # the d.ddd reading as thousands (2.000 → 2000)
    alt_precision: Decimal | None = None
    n101_safe: bool = False
    n101_zero_end: bool = False  # the d.ddd figure ends in 0 (2.460): no genuine decimal prints that

    def __init__(self, start: int, end: int, nstart: int, nend: int, value: Decimal, precision: Decimal | None,
                 scale: Decimal = _ONE, unit: str | None = None, kind: str = "number", chinese: bool = False) -> None:
        self.start, self.end, self.nstart, self.nend, self.value = start, end, nstart, nend, value
        self.precision, self.scale, self.unit, self.kind, self.chinese = precision, scale, unit, kind, chinese

    def __repr__(self) -> str:
        fields = {k: getattr(self, k) for k in self.__slots__ if k != "__dict__" and hasattr(self, k)}
        return f"Candidate({', '.join(f'{k}={v!r}' for k, v in {**fields, **self.__dict__}.items())})"


_RARE_DEFAULTS = {k: v for k, v in vars(Candidate).items() if k in Candidate.__annotations__} | {"chinese": False}


def new_candidate(*args, **rare) -> Candidate:
    """`Candidate(*args)` with some rare fields set (`chinese=True`, `range_role="low"` …)."""
    c = Candidate(*args)
    for name, v in rare.items():
        if v is not _RARE_DEFAULTS[name]:  # a KeyError names a field Candidate does not have
            setattr(c, name, v)
    return c
