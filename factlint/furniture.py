"""Page furniture: running heads, banners, page numbers and navigation rows (never prose).

Invariant: `classify_furniture` only marks lines whose whole content is furniture; a line that
holds any prose is left alone. Running heads and banners are only recognised near the top or
bottom of a page; a lone page number also where blank lines isolate it.
"""

from __future__ import annotations

import re

from factlint.lines import BlockKind, Line

EDGE_TOP = 4  # non-blank lines at the top of a page that may be furniture
EDGE_BOTTOM = 3

_RUNNING_HEAD_RE = re.compile(r"(?:Page|PAGE|page|P\.|p\.|第)\s?\d{1,4}(?!\d)")
_PAGE_NUMBER_RE = re.compile(r"[-—–·•(（\[]?\s?第?\s?\d{1,4}\s?页?\s?[-—–·•)）\]]?")
_YEARBOOK_RE = re.compile(r"年鉴|年報|年报|Yearbook|YEARBOOK")
_BANNER_RE = re.compile(r"[\u2500-\u257f｜]|[A-Z]{2,} [A-Z]{2,}")
_DIGITS_RE = re.compile(r"\d{1,4}")


def _is_navigation(content: str) -> bool:
    """Three or more page numbers in a row, rising: `119   120   121 …`."""
    tokens = content.split()
    if len(tokens) < 3 or not all(t.isdigit() and len(t) <= 4 for t in tokens):
        return False
    numbers = [int(t) for t in tokens]
    return all(a < b for a, b in zip(numbers, numbers[1:]))


def _kind_of(content: str, at_edge: bool, isolated: bool) -> BlockKind | None:
    if len(content) > 80:
        return None
    if _is_navigation(content):
        return BlockKind.NAVIGATION
    if _PAGE_NUMBER_RE.fullmatch(content) and (at_edge or isolated):
        return BlockKind.PAGE_NUMBER
    if _RUNNING_HEAD_RE.match(content) and len(content) <= 40:
        rest = _RUNNING_HEAD_RE.sub("", content, count=1)
        if not any(ch in rest for ch in "。，,；;") and (at_edge or _YEARBOOK_RE.search(rest) or not rest.strip()):
            return BlockKind.RUNNING_HEAD
    if at_edge and len(content) <= 40:
        if _BANNER_RE.search(content) and not any(ch in content for ch in "。，；"):
            return BlockKind.RUNNING_HEAD
        if _YEARBOOK_RE.search(content) and _DIGITS_RE.search(content) and "。" not in content:
            return BlockKind.RUNNING_HEAD
    return None


def classify_furniture(lines: list[Line]) -> dict[int, BlockKind]:
    """Map position in `lines` → furniture kind, for the lines of one page."""
    nonblank = [i for i, line in enumerate(lines) if line.lo < line.hi]
    edge = set(nonblank[:EDGE_TOP]) | set(nonblank[-EDGE_BOTTOM:])
    found: dict[int, BlockKind] = {}
    for k, i in enumerate(nonblank):
        line = lines[i]
        size = line.hi - line.lo
        if size > 80:
            continue
        if i not in edge:
            # away from the edges only a navigation row (digits first), a page number (at most 12
            # characters) or a running head (Page / P. / 第 first) can be furniture
            first = line.text[line.lo]
            if not (size <= 12 or first in "Pp第" or first.isdigit()):
                continue
            if not _DIGITS_RE.search(line.text, line.lo, line.hi):
                continue
        before = k == 0 or nonblank[k - 1] < i - 1
        after = k == len(nonblank) - 1 or nonblank[k + 1] > i + 1
        kind = _kind_of(line.content, i in edge, before and after)
        if kind is not None:
            found[i] = kind
    return found
