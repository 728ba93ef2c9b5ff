"""Layout primitives: block kinds, display width, segments.

Invariants: every offset here is a code-point offset into `SourceDocument.text`; a line never
contains '\\n' or '\\f'; a segment is a non-empty stripped piece of one line (one column of it),
so `text[start]` and `text[end - 1]` are never whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum, StrEnum
from functools import cache
from itertools import repeat
from operator import add, itemgetter, sub

from factlint.patterncache import compile_pattern


def pick(values, indices) -> list:
    """[values[i] for i in indices], the items fetched by one `itemgetter` call (no Python-level
    call per item: the whole-table passes of the layout use it)."""
    if len(indices) > 1:
        return list(itemgetter(*indices)(values))
    return [values[i] for i in indices]

from factlint.records import record


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    RUNNING_HEAD = "running-head"  # running heads, footers, banners
    PAGE_NUMBER = "page-number"
    NAVIGATION = "navigation"  # rows of page numbers
    CODE = "code"  # Markdown code, HTML comments: never checked

    @property
    def is_prose(self) -> bool:
        return self in (BlockKind.HEADING, BlockKind.PARAGRAPH)


class Gap(IntEnum):
    """What separates a segment from the one before it in reading order."""

    NONE = 0  # the next line (or the top of the next column)
    SOFT = 1  # blank lines that layout put there (columns), a page break or furniture
    HARD = 2  # a blank line the author put there: always a paragraph break


# Gaps of 2+ whitespace characters split a line into chunks (columns are chunks). Written `\s\s+`
# rather than `\s{2,}`: the leading single class lets the regex engine skip non-space quickly.
GAP_RE = compile_pattern(r"\s\s+")


class _Widths(dict):
    """char → display cells (East Asian Width W/F = 2, else 1); filled on first use."""

    def __missing__(self, ch: str) -> int:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self[ch] = w
        return w


_WIDTHS = _Widths()


# Ranges that are all East Asian Width W or F (checked against unicodedata in the tests): the
# bulk of CJK text is counted by one regex pass; any other character goes through _WIDTHS.
_KNOWN_WIDE = ("[\u3000-\u303e\u3041-\u3096\u3099-\u30ff\u3250-\u4dbf\u4e00-\ua48c"
               "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe52\uff01-\uff60\uffe0-\uffe6"
               "\U00020000-\U0002fffd\U00030000-\U0003fffd]+")
_SHORT = 24  # shorter strings are summed char by char (the regex compiles in ~2 ms: not at start-up)


@cache
def _known_wide() -> re.Pattern[str]:
    return compile_pattern(_KNOWN_WIDE)


def display_width(s: str) -> int:
    """Cells the string takes in a fixed-width CJK font."""
    if s.isascii():
        return len(s)
    if len(s) < _SHORT:
        return sum(map(_WIDTHS.__getitem__, s))
    rest = _known_wide().sub("", s)
    wide = 2 * (len(s) - len(rest))
    if rest.isascii():
        return wide + len(rest)
    return wide + sum(map(_WIDTHS.__getitem__, rest))


def display_widths(strings: list[str]) -> list[int]:
    """`display_width` of each string (none may hold '\\n'), with one regex pass over them all:
    a wide character is one the known-wide pattern removes, or one that `_WIDTHS` says is wide."""
    lengths = list(map(len, strings))
    joined = "\n".join(strings)
    if joined.isascii():
        return lengths
    rest = _known_wide().sub("", joined)
    rests = rest.split("\n")
    out = [n + n - r for n, r in zip(lengths, map(len, rests))]
    if not rest.isascii():
        get = _WIDTHS.__getitem__
        for i, r in enumerate(rests):
            if not r.isascii():
                out[i] += sum(map(get, r)) - len(r)
    return out


# Narrow characters common in CJK text (Latin-1, Greek, Cyrillic, punctuation, symbols, circled
# numbers, box drawing): with ASCII and the BMP known-wide ranges they make up nearly every text, and
# for all of them a character is wide exactly when its UTF-8 form starts with a byte E3..ED or EF.
# Checked against unicodedata on first use (a failed check only turns the fast count off).
_COMMON_NARROW = (
    "\x80-\u02ff\u0391-\u03a1\u03a3-\u03a9\u03b1-\u03c9\u0401-\u0451\u2010-\u205e\u2100-\u218b"
    "\u2190-\u22ff\u2460-\u24ff\u2500-\u25fc\u2605\u2606\u2640\u2642"
)
_KNOWN_WIDE_BMP = _KNOWN_WIDE[1:_KNOWN_WIDE.index("\U00020000")]
# UTF-16 high byte → 1 when the character is U+3000..U+DFFF or U+F000..U+FFFF (its UTF-8 form
# starts with E3..ED or EF)
_WIDE_HIGH = bytes(1 if 0x30 <= b <= 0xDF or b >= 0xF0 else 0 for b in range(256))
_WIDE_CELLS = bytes.maketrans(b"\x01\x02", b"\x00\x01")  # display cells → 1 for a wide character
# Texts shorter than this (a few pages) are measured char by char: cheaper than compiling
# `_known_chars` (a wide class: ~4 ms), which only pays for itself on long texts.
_FEW_CHARS = 10_000


@cache
def _known_chars() -> re.Pattern[str] | None:
    """A run of ASCII, common narrow and BMP known-wide characters (None when unicodedata disagrees
    with `_COMMON_NARROW`: then every width is counted character by character). A text is made of
    them alone when the pattern matches it whole: one repeat of one class, a tight loop in `re`.
    The class is written as the complement of its gaps in the BMP, which `re` compiles in about
    60% of the instructions; left BMP-only, it is tested against a bitmap (astral characters,
    which it would take, are ruled out before it is used)."""
    for first, last in _ranges(_COMMON_NARROW):
        if any(unicodedata.east_asian_width(chr(c)) in "WF" for c in range(first, last + 1)):
            return None
    gaps, start = [], 0
    for first, last in sorted(_ranges(f"\x00-\x7f{_COMMON_NARROW}{_KNOWN_WIDE_BMP}")):
        if first > start:
            gaps.append(f"\\u{start:04x}-\\u{first - 1:04x}")
        start = max(start, last + 1)
    if start <= 0xFFFF:
        gaps.append(f"\\u{start:04x}-\\uffff")
    return compile_pattern(f"[^{''.join(gaps)}]*")


def _ranges(body: str) -> list[tuple[int, int]]:
    """The code point ranges (first, last) of a character class body of characters and `a-b`."""
    return [(ord(a), ord(b or a)) for a, b in re.findall(r"(.)(?:-(.))?", body, re.S)]


class Cells:
    """Display widths of spans of one text.

    A span's width is its length plus its count of wide characters, read from a byte per character
    (1 = wide): for a short text, its widths; when every character of the text is ASCII, common
    narrow or known-wide (one regex match tells), the UTF-16 high bytes, mapped; otherwise
    `display_widths` measures."""

    __slots__ = ("text", "_wide", "_ready")

    def __init__(self, text: str) -> None:
        self.text = text
        self._wide: bytes | None = None  # one byte per character of text, 1 for a wide one
        self._ready = False

    def _prepare(self) -> None:
        self._ready = True
        text = self.text
        if text.isascii():
            self._wide = b""
            return
        if len(text) < _FEW_CHARS:
            self._wide = bytes(map(_WIDTHS.__getitem__, text)).translate(_WIDE_CELLS)
            return
        high = text.encode("utf-16-le", "surrogatepass")[1::2]
        if len(high) != len(text):  # an astral character (two code units)
            return
        known = _known_chars()
        if known is not None and known.fullmatch(text) is not None:
            self._wide = high.translate(_WIDE_HIGH)

    def widths(self, starts: list[int], ends: list[int], lengths: list[int] | None = None) -> list[int]:
        """Display width of text[start:end] for each pair (`lengths`: end - start, if known)."""
        if not self._ready:
            self._prepare()
        wide = self._wide
        if lengths is None:
            lengths = list(map(sub, ends, starts))
        if wide is None:
            text = self.text
            return display_widths([text[a:b] for a, b in zip(starts, ends)])
        if not wide:
            return lengths
        return list(map(add, lengths, map(wide.count, repeat(1), starts, ends)))


def space_width(s: str) -> int:
    """Display width of a run of whitespace: U+3000 is the only wide whitespace character."""
    return len(s) + s.count("\u3000")


def is_wide(ch: str) -> bool:
    return _WIDTHS[ch] == 2


@record(slots=True)
class Segment:
    """A piece of prose from one line (and one column) in reading order."""

    start: int  # source span of the stripped text
    end: int
    page: int  # 1-based
    column: int  # 0-based; 0 for spanning lines
    line: int  # 0-based line index
    gap: Gap = Gap.NONE
    pos: int = 0  # start position on the line in the page's metric (code points or cells)
    indent: int = 0  # pos minus the column's normal left edge
    short: bool = False  # clearly shorter than the column width
    spanning: bool = False  # a line that crosses the column gutter
    wrapped: bool = True  # False when its text has one paragraph per line
    kind: BlockKind | None = None  # forced kind (Markdown); None: decided by the paragraph rules
    new_block: bool = False  # forced paragraph start (Markdown)
    skips: tuple[tuple[int, int, str], ...] = ()  # (start, end, placeholder) cut out of the text
    cells: int = -1  # display width of its text when already known (else -1: measured later)


class Segments:
    """The segments of a document in reading order, one list per field (index i is segment i).

    A document has thousands of segments; columns of plain lists are cheaper to fill and to scan
    than one object per segment. `kind`, `new_block` and `skips` are None when no segment has one
    (plain text); Markdown fills them, and leaves `text` (each segment's source text) None."""

    __slots__ = ("start", "end", "text", "page", "column", "gap", "pos", "spanning", "cells", "indent", "short",
                 "wrapped", "kind", "new_block", "skips")

    def __init__(self) -> None:
        self.start: list[int] = []  # source span of the stripped text
        self.end: list[int] = []
        self.text: list[str] | None = []  # source[start:end] (None: not kept, Markdown)
        self.page: list[int] = []  # 1-based
        self.column: list[int] = []  # 0-based; 0 for spanning lines
        self.gap: list[Gap] = []  # what separates it from the segment before it
        self.pos: list[int] = []  # start position on the line in the page's metric (code points or cells)
        self.spanning: list[bool] = []  # a line that crosses the column gutter
        self.cells: list[int] = []  # display width of its text when known, else -1 (measured later)
        self.indent: list[int] = []  # pos minus the column's normal left edge (set by measure)
        self.short: list[bool] = []  # clearly shorter than the column width (set by measure)
        self.wrapped: list[bool] = []  # False when its text has one paragraph per line
        self.kind: list[BlockKind | None] | None = None  # forced kind (Markdown); None: paragraph rules
        self.new_block: list[bool] | None = None  # forced paragraph start (Markdown)
        self.skips: list[tuple[tuple[int, int, str], ...]] | None = None  # (start, end, placeholder) cut out

    def __len__(self) -> int:
        return len(self.start)

    @classmethod
    def from_objects(cls, segs: list[Segment]) -> "Segments":
        t = cls()
        t.start = [s.start for s in segs]
        t.end = [s.end for s in segs]
        t.text = None
        t.page = [s.page for s in segs]
        t.column = [s.column for s in segs]
        t.gap = [s.gap for s in segs]
        t.pos = [s.pos for s in segs]
        t.spanning = [s.spanning for s in segs]
        t.cells = [s.cells for s in segs]
        t.indent = [s.indent for s in segs]
        t.short = [s.short for s in segs]
        t.wrapped = [s.wrapped for s in segs]
        t.kind = [s.kind for s in segs]
        t.new_block = [s.new_block for s in segs]
        t.skips = [s.skips for s in segs]
        return t


@record(slots=True)
class Furniture:
    """A line left out of the view: running head, banner, page number, navigation, code."""

    kind: BlockKind
    start: int
    end: int
    page: int
