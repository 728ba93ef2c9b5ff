"""Half-open code-point spans: the one coordinate type inside the pipeline."""

from __future__ import annotations

from collections.abc import Callable

from factlint.records import record, unchecked


@record(frozen=True, slots=True, order=True)
class Span:
    """`[start, end)` in code points; invariant `0 <= start <= end`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, by: int) -> "Span":
        return Span(self.start + by, self.end + by)


# A `Span` without the invariant check: only for `0 <= start <= end` known by construction.
trusted_span: Callable[[int, int], Span] = unchecked(Span)
