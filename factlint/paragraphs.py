"""Paragraphs: join the segments of hard-wrapped lines into paragraph and heading blocks.

A segment starts a new block after a blank line the author put there, when it is indented
deeper than its column's left edge, when it starts with a heading number (`一、`, `(一)`), when
the line before ended a sentence and was clearly shorter than the column, and around headings.
Invariants: blocks keep the segments' reading order; every segment lands in exactly one block;
furniture never breaks a paragraph (it is emitted after the paragraph it interrupts).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from factlint.lines import BlockKind, Furniture, Gap, Segment, display_width, is_wide

INDENT = 2  # cells (or code points) deeper than the column edge that mark a first line
CENTRED = 6  # indent of a centred heading
MAX_HEADING_CELLS = 120

_NUMBERED_RE = re.compile(
    r"[一二三四五六七八九十百]{1,4}、|[（(][一二三四五六七八九十百\d]{1,3}[)）]"
    r"|第[一二三四五六七八九十百零\d]{1,4}[章节篇部]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?![\d.])"
)
_SENTENCE_PUNCT = "。！？!?；;"
_CLOSERS = "”’」』）)》\"'"
_ENDERS = "。！？!?…"
_SOFT_ENDERS = "。！？!?…；;：:"


def ends_sentence(s: str, enders: str = _ENDERS) -> bool:
    """True when the text ends a sentence (closing quotes and brackets may follow)."""
    t = s.rstrip(_CLOSERS)
    if not t:
        return False
    if t[-1] in enders:
        return True
    return t[-1] == "." and len(t) > 1 and t[-2].isalpha()


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


def measure(segments: list[Segment], text: str, metrics: dict[int, str] | None = None) -> None:
    """Set `indent` and `short` of each segment from its column's left edge and usual width.

    Short means short in display cells and in code points both, so that a line of narrow digits
    in text wrapped by character count is not taken for the last line of a paragraph."""
    metrics = metrics or {}
    groups: dict[tuple[int, int, bool], list[Segment]] = {}
    for seg in segments:
        key = (seg.page, seg.column, seg.spanning)
        group = groups.get(key)
        if group is None:
            groups[key] = [seg]
        else:
            group.append(seg)
    edges: dict[tuple[int, int, bool], int] = {}
    for key, segs in groups.items():
        counts = Counter(seg.pos for seg in segs)
        most = max(counts.values())
        edges[key] = min(p for p, c in counts.items() if 2 * c >= most)
    for key, segs in groups.items():
        edge = edges.get((key[0], 0, False), edges[key]) if key[2] else edges[key]
        in_cp = metrics.get(key[0], "cells") == "cp"
        cells, cps = [], []
        for seg in segs:
            seg.indent = indent = seg.pos - edge
            indent = max(indent, 0)
            cells.append(indent + (seg.cells if seg.cells >= 0 else display_width(text[seg.start:seg.end])))
            cps.append((indent if in_cp else (indent + 1) // 2) + seg.end - seg.start)
        typ_cells, typ_cps = _p80(cells), _p80(cps)
        slack_cells, slack_cps = max(4, typ_cells // 8), max(2, typ_cps // 8)
        for seg, c, p in zip(segs, cells, cps):
            seg.short = c + slack_cells <= typ_cells and p + slack_cps <= typ_cps


def mark_unwrapped(segments: list[Segment], text: str) -> None:
    """One paragraph per line (nearly every line followed by another ends a sentence): never join."""
    pairs = open_ended = 0
    for a, b in zip(segments, segments[1:]):
        if b.gap is Gap.NONE:
            pairs += 1
            open_ended += not ends_sentence(text[a.start:a.end], _SOFT_ENDERS)
    if pairs and 4 * open_ended <= pairs:
        for seg in segments:
            seg.wrapped = False


def _numbered_seg(seg: Segment, text: str) -> bool:
    """The segment starts with a heading number (`一、`, `(一)`); matched in place, without slicing
    (the pattern only looks ahead, and `endpos` ends the string where the slice would)."""
    return _NUMBERED_RE.match(text, seg.start, seg.end) is not None


def _starts_fresh(seg: Segment, text: str, soft: bool = False) -> bool:
    """Would this segment start a block whatever came before it? (`soft`: count soft gaps too)"""
    return (seg.new_block or seg.kind is not None or seg.gap is Gap.HARD or (soft and seg.gap is Gap.SOFT)
            or not seg.wrapped or seg.indent >= INDENT or _numbered_seg(seg, text))


def headings(segs: list[Segment], text: str) -> list[bool]:
    """Which segments are one-line headings (titles, `一、总体情况`, centred lines)."""
    out = []
    for i, seg in enumerate(segs):
        if seg.kind is not None:
            out.append(seg.kind is BlockKind.HEADING)
            continue
        numbered = _numbered_seg(seg, text)
        if not (numbered or seg.short or seg.indent >= CENTRED or seg.spanning):
            out.append(False)
            continue
        t = text[seg.start:seg.end]
        if any(ch in t for ch in _SENTENCE_PUNCT) or t[-1] in "，,、：:" or display_width(t) > MAX_HEADING_CELLS:
            out.append(False)
            continue
        prev = segs[i - 1] if i else None
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        before = (prev is None or _starts_fresh(seg, text, True) or out[-1]
                  or ends_sentence(text[prev.start:prev.end]))
        after = nxt is None or _starts_fresh(nxt, text, True)
        if numbered:
            out.append(seg.short or after)
        else:
            out.append(before and after and (seg.short or seg.indent >= CENTRED or seg.spanning))
    return out


def _breaks(a: Segment, b: Segment, text: str) -> bool:
    if _starts_fresh(b, text):
        return True
    return a.short and ends_sentence(text[a.start:a.end])


@dataclass(slots=True)
class Para:
    kind: BlockKind
    segments: list[Segment] = field(default_factory=list)


def assemble(items: list[Segment | Furniture], text: str) -> list[Para | Furniture]:
    """Group segments into paragraphs and headings; furniture passes through."""
    segs = [x for x in items if isinstance(x, Segment)]
    is_heading = dict(zip(map(id, segs), headings(segs, text)))
    out: list[Para | Furniture] = []
    pending: list[Furniture] = []
    cur: Para | None = None
    for item in items:
        if isinstance(item, Furniture):
            (pending if cur is not None else out).append(item)
            continue
        heading = is_heading[id(item)]
        last = cur.segments[-1] if cur else None
        if (cur is None or heading or cur.kind is BlockKind.HEADING
                or _breaks(last, item, text)):
            if cur is not None:
                out.append(cur)
                out.extend(pending)
                pending = []
            cur = Para(BlockKind.HEADING if heading else BlockKind.PARAGRAPH)
        cur.segments.append(item)
    if cur is not None:
        out.append(cur)
    out.extend(pending)
    return out
