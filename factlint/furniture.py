"""Page furniture: running heads, banners, page numbers and navigation rows (never prose).

Invariant: `classify_furniture` only marks lines whose whole content is furniture; a line that
holds any prose is left alone. Running heads and banners are only recognised near the top or
bottom of a page; a lone page number also where blank lines isolate it.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import ge

from factlint.lines import BlockKind
from factlint.patterncache import compile_pattern

EDGE_TOP = 4  # non-blank lines at the top of a page that may be furniture
EDGE_BOTTOM = 3

_RUNNING_HEAD_RE = compile_pattern(r"(?:Page|PAGE|page|P\.|p\.|第)\s?\d{1,4}(?!\d)")
_PAGE_NUMBER_RE = compile_pattern(r"[-—–·•(（\[]?\s?第?\s?\d{1,4}\s?页?\s?[-—–·•)）\]]?")
_PAGE_NUMBER_MAX = 12  # the longest text _PAGE_NUMBER_RE matches
_YEARBOOK_RE = compile_pattern(r"年鉴|年報|年报|Yearbook|YEARBOOK")
# a banner has a box-drawing bar or two words in capitals (`[\u2500-\u257f｜]|[A-Z]{2,} [A-Z]{2,}`), tested
# as two patterns that each start with a character class, so that the regex engine skips to it
_BOX_RE = compile_pattern(r"[\u2500-\u257f｜]")
_CAPS_RE = compile_pattern(r"[A-Z][A-Z]+ [A-Z]{2,}")
_DIGITS_RE = compile_pattern(r"\d{1,4}")


def _is_navigation(content: str) -> bool:
    """Three or more page numbers in a row, rising: `119   120   121 …`. A page number is decimal
    digits (`isdecimal`: what `int` reads; `isdigit` also takes superscripts such as ²)."""
    tokens = content.split()
    if len(tokens) < 3 or not all(t.isdecimal() and len(t) <= 4 for t in tokens):
        return False
    numbers = [int(t) for t in tokens]
    return all(a < b for a, b in zip(numbers, numbers[1:]))


_SPECIAL_FIRST = "-—–·•(（[第Pp"  # what a page number or running head starts with, besides digits


def _kind_of(content: str, at_edge: bool, isolated: bool) -> BlockKind | None:
    """The kind of a line of at most 80 characters, or None (prose)."""
    size = len(content)
    first = content[0]
    if first not in _SPECIAL_FIRST and not first.isdigit():
        # not a navigation row, page number or running head: a banner or yearbook head at most
        return _banner_kind(content) if at_edge and size <= 40 else None
    if _is_navigation(content):
        return BlockKind.NAVIGATION
    if (at_edge or isolated) and size <= _PAGE_NUMBER_MAX and _PAGE_NUMBER_RE.fullmatch(content):
        return BlockKind.PAGE_NUMBER
    if size <= 40 and _RUNNING_HEAD_RE.match(content):
        rest = _RUNNING_HEAD_RE.sub("", content, count=1)
        if not any(ch in rest for ch in "。，,；;") and (at_edge or _YEARBOOK_RE.search(rest) or not rest.strip()):
            return BlockKind.RUNNING_HEAD
    if at_edge and size <= 40:
        return _banner_kind(content)
    return None


def _banner_kind(content: str) -> BlockKind | None:
    if "。" in content:  # a sentence: neither kind of banner
        return None
    if "，" not in content and "；" not in content and (_BOX_RE.search(content) or _CAPS_RE.search(content)):
        return BlockKind.RUNNING_HEAD
    if _YEARBOOK_RE.search(content) and _DIGITS_RE.search(content):
        return BlockKind.RUNNING_HEAD
    return None


def middle_candidates(contents: list[str]) -> list[int]:
    """The non-blank lines (given by their stripped content) that can be furniture away from the
    edges of a page: a navigation row (digits first), a page number (at most 12 characters) or a
    running head (Page / P. / 第 first), and always with a digit."""
    search = _DIGITS_RE.search
    return [j for j in compress(range(len(contents)), map(ge, repeat(80), map(len, contents)))  # at most 80 characters
            if (len(content := contents[j]) <= 12 or content[0] in "Pp第" or content[0].isdigit()) and search(content)]


def classify_furniture(nums: list[int], contents: list[str], middle: list[int]) -> dict[int, BlockKind]:
    """Map position among a page's non-blank lines → furniture kind. The lines are given by their
    line numbers on the page and their stripped content; `middle` are the positions away from
    the edges that `middle_candidates` kept."""
    n = len(contents)
    found: dict[int, BlockKind] = {}
    edge = [*range(min(n, EDGE_TOP)), *range(max(EDGE_TOP, n - EDGE_BOTTOM), n)]  # j < EDGE_TOP or j >= n - EDGE_BOTTOM
    for j in sorted(edge + middle) if middle else edge:
        content = contents[j]
        if len(content) > 80:
            continue
        k = nums[j]
        before = j == 0 or nums[j - 1] < k - 1
        after = j == n - 1 or nums[j + 1] > k + 1
        kind = _kind_of(content, j < EDGE_TOP or j >= n - EDGE_BOTTOM, before and after)
        if kind is not None:
            found[j] = kind
    return found
