"""The piecewise map between a reading view and its source text.

Invariants (checked when the map is built): view pieces are contiguous and cover the whole view;
a literal piece has the same length in view and source and the same text; a synthetic piece is
text the layout inserted (a paragraph break) and maps to a point or range of source it stands for.
Every position the tool reports passes through `OffsetMap.to_source`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from factlint.spans import Span


@dataclass(frozen=True, slots=True)
class Piece:
    view: Span
    source: Span
    literal: bool


class OffsetMap:
    """Maps view offsets to source offsets and back."""

    __slots__ = ("pieces", "_starts", "_by_source", "_source_starts", "view_length")

    def __init__(self, pieces: list[Piece], view_length: int) -> None:
        self.pieces = tuple(pieces)
        self.view_length = view_length
        self._starts = [p.view.start for p in self.pieces]
        literal = sorted((p for p in self.pieces if p.literal), key=lambda p: p.source.start)
        self._by_source = literal
        self._source_starts = [p.source.start for p in literal]

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Piece(Span(0, length), Span(0, length), True)] if length else [], length)

    def _piece_at(self, offset: int) -> Piece:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.pieces[max(i, 0)]

    def source_offset(self, offset: int) -> int:
        """Source offset of the view character at `offset` (or of the view end)."""
        if not self.pieces:
            return 0
        if offset >= self.view_length:
            last = self.pieces[-1]
            return last.source.end
        p = self._piece_at(offset)
        return p.source.start + (offset - p.view.start) if p.literal else p.source.start

    def to_source(self, span: Span) -> Span:
        """Source span from the first character's place to just after the last one's."""
        if not self.pieces:
            return Span(0, 0)
        start = self.source_offset(span.start)
        if span.end <= span.start:
            return Span(start, start)
        p = self._piece_at(span.end - 1)
        end = p.source.start + (span.end - p.view.start) if p.literal else p.source.end
        return Span(start, max(start, end))

    def is_literal(self, span: Span) -> bool:
        """True when the whole span is one literal copy of contiguous source text."""
        if not self.pieces or span.end <= span.start:
            return bool(self.pieces)
        p = self._piece_at(span.start)
        return p.literal and span.end <= p.view.end

    def to_view(self, offset: int) -> int | None:
        """View offset of the source character at `offset`, or None if the view leaves it out."""
        i = bisect.bisect_right(self._source_starts, offset) - 1
        if i < 0:
            return None
        p = self._by_source[i]
        if offset < p.source.end:
            return p.view.start + (offset - p.source.start)
        return None


class ViewBuilder:
    """Builds view text and its OffsetMap by copying source slices and inserting separators."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def copy(self, start: int, end: int) -> None:
        """Append source[start:end] literally."""
        if end <= start:
            return
        view = Span(self._length, self._length + end - start)
        prev = self._pieces[-1] if self._pieces else None
        if prev and prev.literal and prev.source.end == start and prev.view.end == view.start:
            self._pieces[-1] = Piece(Span(prev.view.start, view.end), Span(prev.source.start, end), True)
        else:
            self._pieces.append(Piece(view, Span(start, end), True))
        self._parts.append(self.source[start:end])
        self._length = view.end

    def insert(self, text: str, at: int, until: int | None = None) -> None:
        """Append synthetic text standing for source[at:until] (a point when until is None)."""
        if not text:
            return
        view = Span(self._length, self._length + len(text))
        self._pieces.append(Piece(view, Span(at, at if until is None else max(at, until)), False))
        self._parts.append(text)
        self._length = view.end

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        pos = 0
        for p in self._pieces:
            if p.view.start != pos:
                raise AssertionError("offset map pieces are not contiguous")
            if p.literal and text[p.view.start:p.view.end] != self.source[p.source.start:p.source.end]:
                raise AssertionError("literal piece differs from its source")
            pos = p.view.end
        if pos != len(text):
            raise AssertionError("offset map does not cover the view")
        return text, OffsetMap(self._pieces, len(text))
