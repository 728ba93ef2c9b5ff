"""The piecewise map between a reading view and its source text.

Invariants (checked when the map is built): view pieces are contiguous and cover the whole view;
a literal piece has the same length in view and source and the same text; a synthetic piece is
text the layout inserted (a paragraph break) and maps to a point or range of source it stands for.
Every position the tool reports passes through `OffsetMap.to_source`.

The map keeps its pieces as parallel integer arrays (a view can have one piece per source line,
hundreds of thousands of them); `Piece` objects are made only when `pieces` is read.
"""

from __future__ import annotations

import bisect
from itertools import compress
from operator import ne, sub

from factlint.records import record
from factlint.spans import Span, trusted_span


@record(frozen=True, slots=True)
class Piece:
    view: Span
    source: Span
    literal: bool


class OffsetMap:
    """Maps view offsets to source offsets and back."""

    __slots__ = ("_vs", "_ve", "_ss", "_se", "_lit", "_by_source", "_source_starts", "view_length", "_pieces")

    def __init__(self, pieces: list[Piece], view_length: int) -> None:
        arrays = ([p.view.start for p in pieces], [p.view.end for p in pieces],
                  [p.source.start for p in pieces], [p.source.end for p in pieces], [p.literal for p in pieces])
        self._init(arrays, view_length)

    def _init(self, arrays: tuple[list[int], list[int], list[int], list[int], list[bool]], view_length: int) -> None:
        self._vs, self._ve, self._ss, self._se, self._lit = arrays
        self.view_length = view_length
        self._pieces: tuple[Piece, ...] | None = None
        self._by_source: list[int] | None = None  # literal pieces in source order (made by to_view)
        self._source_starts: list[int] = []

    @classmethod
    def from_arrays(cls, view_starts: list[int], view_ends: list[int], source_starts: list[int],
                    source_ends: list[int], literal: list[bool], view_length: int) -> "OffsetMap":
        """Build from parallel arrays (what ViewBuilder uses); no Piece objects are made."""
        self = cls.__new__(cls)
        self._init((view_starts, view_ends, source_starts, source_ends, literal), view_length)
        return self

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Piece(Span(0, length), Span(0, length), True)] if length else [], length)

    @property
    def pieces(self) -> tuple[Piece, ...]:
        if self._pieces is None:
            self._pieces = tuple(
                Piece(Span(a, b), Span(c, d), lit)
                for a, b, c, d, lit in zip(self._vs, self._ve, self._ss, self._se, self._lit)
            )
        return self._pieces

    def _index_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self._vs, offset) - 1, 0)

    def source_offset(self, offset: int) -> int:
        """Source offset of the view character at `offset` (or of the view end)."""
        if not self._vs:
            return 0
        if offset >= self.view_length:
            return self._se[-1]
        i = self._index_at(offset)
        return self._ss[i] + (offset - self._vs[i]) if self._lit[i] else self._ss[i]

    def to_source(self, span: Span) -> Span:
        """Source span from the first character's place to just after the last one's
        (`source_offset` of the start): every reported position comes through here."""
        return self.locate(span)[0]

    def locate(self, span: Span) -> tuple[Span, bool]:
        """`(to_source(span), is_literal(span))` from one look-up of the start's piece (and a
        second only when the span ends past that piece, where it is not literal)."""
        vs = self._vs
        if not vs:
            return trusted_span(0, 0), False
        a, b = span.start, span.end
        ss, lit = self._ss, self._lit
        if a >= self.view_length:
            start, i = self._se[-1], -1
        else:
            i = bisect.bisect_right(vs, a) - 1 if a > 0 else 0
            start = ss[i] + (a - vs[i]) if lit[i] else ss[i]
        if b <= a:
            return trusted_span(start, start), True
        if i >= 0 and b <= self._ve[i]:
            literal = lit[i]
        else:  # the last character is not in the first one's piece
            i = bisect.bisect_right(vs, b - 1) - 1 if b > 1 else 0
            literal = False
        end = ss[i] + (b - vs[i]) if lit[i] else self._se[i]
        return trusted_span(start, end if end > start else start), literal  # source offsets are >= 0

    def source_pieces(self, span: Span) -> list[tuple[Span, Span]]:
        """The literal pieces under a view span, clipped: [(view span, source span)].

        A fix whose span crosses a layout seam can be applied piece by piece with these."""
        out: list[tuple[Span, Span]] = []
        if not self._vs or span.end <= span.start:
            return out
        i = self._index_at(span.start)
        while i < len(self._vs) and self._vs[i] < span.end:
            if self._lit[i]:
                a, b = max(span.start, self._vs[i]), min(span.end, self._ve[i])
                if a < b:
                    shift = self._ss[i] - self._vs[i]
                    out.append((Span(a, b), Span(a + shift, b + shift)))
            i += 1
        return out

    def is_literal(self, span: Span) -> bool:
        """True when the whole span is one literal copy of contiguous source text."""
        if not self._vs or span.end <= span.start:
            return bool(self._vs)
        i = self._index_at(span.start)
        return self._lit[i] and span.end <= self._ve[i]

    def to_view(self, offset: int) -> int | None:
        """View offset of the source character at `offset`, or None if the view leaves it out."""
        if self._by_source is None:
            self._by_source = sorted(compress(range(len(self._lit)), self._lit), key=self._ss.__getitem__)
            self._source_starts = [self._ss[i] for i in self._by_source]
        k = bisect.bisect_right(self._source_starts, offset) - 1
        if k < 0:
            return None
        i = self._by_source[k]
        if offset < self._se[i]:
            return self._vs[i] + (offset - self._ss[i])
        return None


class ViewBuilder:
    """Builds view text and its OffsetMap by copying source slices and inserting separators."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._vs: list[int] = []
        self._ve: list[int] = []
        self._ss: list[int] = []
        self._se: list[int] = []
        self._lit: list[bool] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def _add(self, length: int, start: int, end: int, literal: bool) -> None:
        self._vs.append(self._length)
        self._length += length
        self._ve.append(self._length)
        self._ss.append(start)
        self._se.append(end)
        self._lit.append(literal)

    def copy(self, start: int, end: int) -> None:
        """Append source[start:end] literally."""
        if end <= start:
            return
        if start < 0 or end > len(self.source):
            raise ValueError(f"copy {start}..{end} outside the source (length {len(self.source)})")
        if self._lit and self._lit[-1] and self._se[-1] == start:
            self._se[-1] = end
            self._length += end - start
            self._ve[-1] = self._length
        else:
            self._add(end - start, start, end, True)
        self._parts.append(self.source[start:end])

    def insert(self, text: str, at: int, until: int | None = None) -> None:
        """Append synthetic text standing for source[at:until] (a point when until is None)."""
        if not text:
            return
        self._add(len(text), at, at if until is None else max(at, until), False)
        self._parts.append(text)

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        check_pieces(text, self.source, self._vs, self._ve, self._ss, self._se, self._lit)
        return text, OffsetMap.from_arrays(self._vs, self._ve, self._ss, self._se, self._lit, len(text))


def check_pieces(view: str, source: str, vs: list[int], ve: list[int], ss: list[int], se: list[int],
                 literal: list[bool], literal_texts: list[str] | None = None) -> None:
    """The map's invariants (AssertionError if one fails): the view pieces are contiguous and cover
    the view; each literal piece has the same length and text in view and source.
    `literal_texts`: source[ss:se] of the literal pieces, when the caller has them already."""
    if (vs and vs[0] != 0) or vs[1:] != ve[:-1]:
        raise AssertionError("offset map pieces are not contiguous")
    if (ve[-1] if ve else 0) != len(view):
        raise AssertionError("offset map does not cover the view")
    lit_vs, lit_ve = list(compress(vs, literal)), list(compress(ve, literal))
    lit_ss, lit_se = list(compress(ss, literal)), list(compress(se, literal))
    if literal_texts is None:
        literal_texts = list(map(source.__getitem__, map(slice, lit_ss, lit_se)))
    if (any(map(ne, map(sub, lit_ve, lit_vs), map(sub, lit_se, lit_ss)))
            or list(map(view.__getitem__, map(slice, lit_vs, lit_ve))) != literal_texts):
        raise AssertionError("literal piece differs from its source")
