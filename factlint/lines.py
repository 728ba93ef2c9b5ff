"""Layout primitives: block kinds, pages and lines of a source text, display width, segments.

Invariants: every offset here is a code-point offset into `SourceDocument.text`; a `Line` never
contains '\\n' or '\\f'; a `Segment` is a non-empty stripped piece of one line (one column of it),
so `text[seg.start]` and `text[seg.end - 1]` are never whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from enum import IntEnum, StrEnum


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


# Gaps of 2+ whitespace characters split a line into chunks (columns are chunks).
GAP_RE = re.compile(r"\s{2,}")


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
    return re.compile(_KNOWN_WIDE)


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


def is_wide(ch: str) -> bool:
    return _WIDTHS[ch] == 2


@dataclass(slots=True)
class Line:
    """One source line of a page; `lo:hi` is its content with surrounding whitespace cut."""

    index: int  # 0-based line number in the file
    start: int  # source offset of the line's first character
    text: str
    lo: int
    hi: int
    placed: dict | None = None  # metric → chunks with positions (columns.place), computed once

    @property
    def blank(self) -> bool:
        return self.lo >= self.hi

    @property
    def content(self) -> str:
        return self.text[self.lo:self.hi]

    def chunks(self) -> list[tuple[int, int]]:
        """Content split at runs of 2+ whitespace: [(lo, hi)] offsets into `text`."""
        out = []
        pos = self.lo
        for m in GAP_RE.finditer(self.text, self.lo, self.hi):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, self.hi))
        return out


def make_line(index: int, start: int, text: str) -> Line:
    stripped = text.lstrip()
    lo = len(text) - len(stripped)
    hi = lo + len(stripped.rstrip())
    return Line(index, start, text, lo, hi)


def split_pages(text: str) -> list[list[Line]]:
    """Pages (split at '\\f') of lines (split at '\\n'); line numbers count across pages."""
    pages: list[list[Line]] = []
    index = 0
    offset = 0
    for page_text in text.split("\f"):
        lines = []
        append = lines.append
        for line_text in page_text.split("\n"):
            right = line_text.rstrip()
            hi = len(right)
            append(Line(index, offset, line_text, hi - len(right.lstrip()), hi))
            offset += len(line_text) + 1
            index += 1
        index -= 1  # the page's last line goes on after the form feed
        pages.append(lines)
    return pages


@dataclass(slots=True)
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


@dataclass(slots=True)
class Furniture:
    """A line left out of the view: running head, banner, page number, navigation, code."""

    kind: BlockKind
    start: int
    end: int
    page: int
