"""Paragraphs: join the segments of hard-wrapped lines into paragraph and heading blocks.

A segment starts a new block after a blank line the author put there, when it is indented
deeper than its column's left edge, when it starts with a heading number (`一、`, `(一)`), when
the line before ended a sentence and was clearly shorter than the column, and around headings.
Invariants: blocks keep the segments' reading order; every segment lands in exactly one block;
furniture never breaks a paragraph (it is emitted after the paragraph it interrupts).

The functions work on a `Segments` table column by column: most segments of a page are plain
continuation lines, so each rule first picks the few segments it can apply to with list
operations and then looks at those one by one.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import add, eq, gt, sub

from factlint.lines import BlockKind, Cells, Gap, Segments, display_width, is_wide, pick
from factlint.patterncache import compile_pattern

INDENT = 2  # cells (or code points) deeper than the column edge that mark a first line
CENTRED = 6  # indent of a centred heading
MAX_HEADING_CELLS = 120

_NUMBERED_RE = compile_pattern(
    r"[一二三四五六七八九十百]{1,4}、|[（(][一二三四五六七八九十百\d]{1,3}[)）]"
    r"|第[一二三四五六七八九十百零\d]{1,4}[章节篇部]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?![\d.])"
)
_NUMBERED_FIRST_RE = compile_pattern(r"[一二三四五六七八九十百（(第\d]")  # what a _NUMBERED_RE match starts with
_SENTENCE_PUNCT_RE = compile_pattern(r"[。！？!?；;]")
_CLOSERS = "”’」』）)》\"'"
_ENDERS = "。！？!?…"
_SOFT_ENDERS = "。！？!?…；;：:"
_CLOSER_OR_POINT_RE = compile_pattern(r"[”’」』）)》\"'.]")  # last characters that need a closer look
_NOT_HEADING_END = "，,、：:"
_HEADING_NEVER_ENDS = _NOT_HEADING_END + "。！？!?；;"  # and no sentence punctuation anywhere

NONE, SOFT, HARD = Gap.NONE, Gap.SOFT, Gap.HARD


def ends_sentence(s: str, enders: str = _ENDERS) -> bool:
    """True when the text ends a sentence (closing quotes and brackets may follow)."""
    t = s.rstrip(_CLOSERS)
    if not t:
        return False
    if t[-1] in enders:
        return True
    return t[-1] == "." and len(t) > 1 and t[-2].isalpha()


def _ends_at(text: str, start: int, end: int, enders: str = _ENDERS) -> bool:
    """`ends_sentence(text[start:end], enders)` without slicing unless a closer ends the text."""
    ch = text[end - 1]
    if ch in enders:  # no closer is an ender
        return True
    if ch in _CLOSERS:
        return ends_sentence(text[start:end], enders)
    return ch == "." and end - start > 1 and text[end - 2].isalpha()


def _latin(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x1100 and not is_wide(ch)


def joiner(left: str, right: str) -> str:
    """What joins two wrapped lines of a paragraph: one space between two Latin words, else ''."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if ord(a) >= 0x1100 or ord(b) >= 0x1100:  # CJK on either side: nothing between
        return ""
    prev = left[-2] if len(left) > 1 else ""
    if a == "-" and _latin(prev):
        return ""
    left_word = _latin(a) or (a.isascii() and a.isdigit()) or (a in ",.;:!?)%'\"" and (_latin(prev) or prev.isdigit()))
    right_word = _latin(b) or (b.isascii() and b.isdigit()) or b in "(\"'"
    if not (left_word and right_word):
        return ""
    if b.isdigit() and (a.isdigit() or a in ".,"):
        return ""  # a figure split across the line end
    if a.isdigit() and b.isdigit():
        return ""
    return " "


def _p80(values: list[int]) -> int:
    values = sorted(values)
    return values[min(len(values) - 1, (len(values) * 4) // 5)]


def measure(t: Segments, cells_of: Cells,
            pages: list[tuple[int, int, str | None, dict[int, list[range]] | None]]) -> None:
    """Set `indent`, `short` and `cells` of every segment from its column's left edge and usual width.

    `pages` holds each page's segment range, its column metric ("cp" or "cells"; None when the
    page has one column) and, for a page with columns, the segment ranges of each column (key -1:
    the spanning lines). A column's left edge is the leftmost position held by at least half as
    many of its segments as the most common one; its usual width is the 80th percentile. Short
    means short in display cells and in code points both, so that a line of narrow digits in text
    wrapped by character count is not taken for the last line of a paragraph.

    Every column of every page is a group; the per-segment arithmetic runs over the whole table
    at once, with each segment's group number picking its group's edge and thresholds."""
    starts, ends, pos = t.start, t.end, t.pos
    lengths = list(map(sub, ends, starts))
    cells = t.cells = cells_of.widths(starts, ends, lengths)  # what the columns measured is the same
    edges: list[int] = []  # per group
    groups: list[list[range]] = []  # members
    group = [0] * len(starts)  # group number of each segment
    for a, b, _, columns in pages:
        if a == b:
            continue
        own = {}
        for k, ranges in sorted((columns or {0: [range(a, b)]}).items()):  # in group-number order
            for r in ranges:
                group[r.start:r.stop] = [len(groups)] * len(r)
            groups.append(ranges)
            own[k] = _edge(_gather(pos, ranges))
        # the spanning lines keep the edge of column 0 when it has segments
        edges += [own[0] if k == -1 and 0 in own else own[k] for k in own]
    indent = list(map(sub, pos, pick(edges, group)))
    clamped = [x if x > 0 else 0 for x in indent]
    widths = list(map(add, clamped, cells))
    cps: list[int] = []  # in code points: an indent in cells is half as many (rounded up)
    for a, b, metric, _ in pages:
        if metric == "cp":
            cps += map(add, clamped[a:b], lengths[a:b])
        else:
            cps += [((x + 1) >> 1) + k for x, k in zip(clamped[a:b], lengths[a:b])]
    max_cells = [_typical(_gather(widths, ranges), 4) for ranges in groups]
    max_cps = [_typical(_gather(cps, ranges), 2) for ranges in groups]
    t.indent = indent
    t.short = [w <= max_cells[g] and c <= max_cps[g] for g, w, c in zip(group, widths, cps)]


def _gather(values: list[int], ranges: list[range]) -> list[int]:
    """The values at the indices in `ranges`, in order."""
    if len(ranges) == 1:
        return values[ranges[0].start:ranges[0].stop]
    out: list[int] = []
    for r in ranges:
        out += values[r.start:r.stop]
    return out


def _edge(positions: list[int]) -> int:
    """A column's normal left edge: the leftmost position held by at least half as many segments
    as the most common one."""
    counts = Counter(positions)
    most = max(counts.values())
    return min(p for p, c in counts.items() if 2 * c >= most)


def _typical(values: list[int], slack: int) -> int:
    """The largest of a group's values still clearly below its usual one: the 80th percentile,
    less max(slack, an eighth of it)."""
    values = sorted(values)
    typical = values[min(len(values) - 1, (len(values) * 4) // 5)]
    return typical - max(slack, typical // 8)


def mark_unwrapped(t: Segments, text: str, idx: list[int]) -> None:
    """One paragraph per line (nearly every line followed by another ends a sentence): never join.
    `idx` are the segments of the pages without columns, in reading order."""
    gap, ends = t.gap, t.end
    # the segments followed (on the next line) by another
    joined = list(compress(idx, map(eq, pick(gap, idx[1:]), repeat(NONE))))
    pairs = len(joined)
    if not pairs:
        return
    lasts = "".join(pick(text, list(map((-1).__add__, pick(ends, joined)))))
    ended = sum(map(lasts.count, _SOFT_ENDERS))  # (the enders are distinct characters)
    for k in [m.start() for m in _CLOSER_OR_POINT_RE.finditer(lasts)]:
        ended += _ends_at(text, t.start[joined[k]], ends[joined[k]], _SOFT_ENDERS)
    if 4 * (pairs - ended) <= pairs:
        wrapped = t.wrapped
        for i in idx:
            wrapped[i] = False


def blocks(t: Segments, text: str, firsts: str) -> tuple[list[int], list[bool]]:
    """Group the segments into paragraphs and headings: the first segment of every block, and
    whether the block is a heading (a heading is always one segment). `firsts` holds the first
    character of every segment."""
    n = len(t)
    if not n:
        return [], []
    starts, ends = t.start, t.end
    numbered = [False] * n
    match = _NUMBERED_RE.match
    for m in _NUMBERED_FIRST_RE.finditer(firsts):
        i = m.start()
        if match(text, starts[i], ends[i]) is not None:  # in place: `endpos` ends it where a slice would
            numbered[i] = True
    # would the segment start a block whatever came before it?
    fresh = [g is HARD or not w or x >= INDENT or nb for g, w, x, nb in zip(t.gap, t.wrapped, t.indent, numbered)]
    kinds, forced = t.kind, t.new_block
    if forced is not None:
        for i in compress(range(n), forced):
            fresh[i] = True
    if kinds is not None:
        for i, k in enumerate(kinds):
            if k is not None:
                fresh[i] = True
    heading = _headings(t, text, numbered, fresh)
    brk = fresh.copy()  # and a heading is a block of its own: breaks before and after it
    brk[0] = True
    for i in compress(range(n), heading):
        brk[i] = True
        if i + 1 < n:
            brk[i + 1] = True
    for i in compress(range(n - 1), map(gt, t.short, brk[1:])):  # short, not yet breaking (bools)
        if _ends_at(text, starts[i], ends[i]):
            brk[i + 1] = True
    first = list(compress(range(n), brk))
    return first, pick(heading, first)


def _headings(t: Segments, text: str, numbered: list[bool], fresh: list[bool]) -> list[bool]:
    """Which segments are one-line headings (titles, `一、总体情况`, centred lines)."""
    n = len(t)
    out = [False] * n
    starts, ends, gap, short, indent, spanning = t.start, t.end, t.gap, t.short, t.indent, t.spanning
    kinds = t.kind
    candidates = [i for i, (nb, s, x, sp) in enumerate(zip(numbered, short, indent, spanning))
                  if nb or s or x >= CENTRED or sp]
    if kinds is not None:
        candidates = sorted(set(candidates).union(i for i, k in enumerate(kinds) if k is not None))
    search_punct = _SENTENCE_PUNCT_RE.search
    cells = t.cells
    for i in candidates:
        if kinds is not None and kinds[i] is not None:
            out[i] = kinds[i] is BlockKind.HEADING
            continue
        s, e = starts[i], ends[i]
        if text[e - 1] in _HEADING_NEVER_ENDS or search_punct(text, s, e):
            continue
        if e - s > MAX_HEADING_CELLS // 2:
            width = cells[i] if cells[i] >= 0 else display_width(text[s:e])
            if width > MAX_HEADING_CELLS:
                continue
        before = (i == 0 or fresh[i] or gap[i] is SOFT or out[i - 1]
                  or _ends_at(text, starts[i - 1], ends[i - 1]))
        after = i + 1 == n or fresh[i + 1] or gap[i + 1] is SOFT
        if numbered[i]:
            out[i] = short[i] or after
        else:
            out[i] = before and after and (short[i] or indent[i] >= CENTRED or spanning[i])
    return out
