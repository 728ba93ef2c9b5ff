"""Columns in fixed-width text: find the gutters of a page and put its lines in reading order.

A column start is a position (in code points, or in display cells — whichever aligns better)
where many lines have a chunk of text that follows 2+ spaces after text of an earlier column.
Lines with a chunk running across a column start are spanning lines (titles); they cut the page
into bands, and each band is read column by column, top to bottom.

Invariants: every non-blank, non-furniture line of a page yields segments covering all its
content chunks exactly once; segments come out in reading order.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from factlint.lines import GAP_RE, Furniture, Gap, Line, Segment, display_width

WINDOW = 6  # an indented column line starts up to this far right of the column start
MIN_COLUMN_CELLS = 12  # median width of a real column's chunks (tables have narrower ones)

Placed = tuple[int, int, int, int]  # (lo, hi) in the line's text, (start, end) in the metric


@dataclass(frozen=True, slots=True)
class ColumnSet:
    """Left edges of columns 1.. in `metric` units, ascending; column 0 starts at the margin."""

    metric: str  # "cp" | "cells"
    starts: tuple[int, ...]

    def column_of(self, pos: int) -> int:
        """How many column starts `s` have `pos >= s - 1` (starts ascend: a bisection)."""
        return bisect.bisect_right(self.starts, pos + 1)

    def crosses(self, chunk: Placed) -> bool:
        a, b = chunk[2], chunk[3]
        for s in self.starts:
            if a < s - 1 and b > s:
                return True
        return False


def place(line: Line, metric: str) -> list[Placed]:
    """The line's chunks with their positions in code points or display cells (once per line
    and metric: column detection and reading order both ask)."""
    cache = line.placed
    if cache is None:
        cache = line.placed = {}
    got = cache.get(metric)
    if got is not None:
        return got
    cp = cache.get("cp")
    if cp is None:
        cp = cache["cp"] = [(lo, hi, lo, hi) for lo, hi in line.chunks()]
    if metric == "cp" or line.text.isascii():
        cache[metric] = cp
        return cp
    out = []
    cells = prev = 0
    text = line.text
    for lo, hi, _, _ in cp:
        cells += display_width(text[prev:lo])
        a = cells
        cells += display_width(text[lo:hi])
        prev = hi
        out.append((lo, hi, a, cells))
    cache[metric] = out
    return out


def _candidates(hist: Counter, need: int) -> list[tuple[int, int]]:
    """(start, score) of clusters of chunk starts, strongest first, 2*WINDOW apart.

    A cluster is the chunks starting at `start` or up to WINDOW right of it (indented lines);
    the score counts exact starts twice, so the metric in which columns align exactly wins."""
    scored = []
    for p, exact in hist.items():
        support = sum(hist.get(x, 0) for x in range(p, p + WINDOW + 1))
        if support >= need:
            scored.append((support + exact, support, -p))
    scored.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for score, _, neg in scored:
        p = -neg
        if all(abs(p - q) > 2 * WINDOW for q, _ in chosen):
            chosen.append((p, score))
    return chosen


def _median(values: list[int]) -> int:
    values = sorted(values)
    return values[len(values) // 2] if values else 0


def _try_metric(content: list[Line], metric: str, need: int, forced: bool) -> tuple[int, ColumnSet | None]:
    placed = [place(line, metric) for line in content]
    hist = Counter(c[2] for cs in placed for c in cs[1:])
    starts: list[int] = []
    score = 0
    for start, support in _candidates(hist, need):
        trial = ColumnSet(metric, (start,))
        crossing = sum(1 for cs in placed if any(trial.crosses(c) for c in cs))
        if crossing > (support if forced else max(2, support // 6)):
            continue
        starts.append(start)
        score += support
    if not starts:
        return 0, None
    cols = ColumnSet(metric, tuple(sorted(starts)))
    if not forced and not _wide_enough(placed, cols):
        return 0, None
    return score, cols


def _wide_enough(placed: list[list[Placed]], cols: ColumnSet) -> bool:
    widths: dict[int, list[int]] = {}
    for cs in placed:
        if len(cs) > 1:
            for c in cs:
                widths.setdefault(cols.column_of(c[2]), []).append(c[3] - c[2])
    return len(widths) > 1 and all(_median(w) >= MIN_COLUMN_CELLS for w in widths.values())


def detect_columns(lines: list[Line], skip: dict[int, object], forced: bool = False) -> ColumnSet | None:
    """Column starts of one page (None: a single column). `skip` holds furniture positions."""
    content = [line for i, line in enumerate(lines) if not line.blank and i not in skip]
    need = 1 if forced else max(3, len(content) // 5)
    gapped = sum(1 for line in content if GAP_RE.search(line.text, line.lo, line.hi))
    if gapped < need:
        return None
    best: tuple[int, ColumnSet | None] = (0, None)
    for metric in ("cp", "cells"):
        result = _try_metric(content, metric, need, forced)
        if result[0] > best[0]:
            best = result
    return best[1]


class _PageOrder:
    """Collects a page's segments band by band, in reading order."""

    def __init__(self, page: int, cols: ColumnSet | None, hard_blanks: bool) -> None:
        self.page = page
        self.cols = cols
        self.hard_blanks = hard_blanks
        self.out: list[Segment | Furniture] = []
        self.band: dict[int, list[Segment]] = {}
        self.last_line = -1  # line index of the last content line emitted
        self.furniture_since = False

    def _gap(self, index: int, previous: int) -> Gap:
        if previous < 0 or self.furniture_since:
            return Gap.SOFT
        if index - previous <= 1:
            return Gap.NONE
        return Gap.HARD if self.hard_blanks else Gap.SOFT

    def flush(self) -> None:
        for n, k in enumerate(sorted(self.band)):
            column = self.band[k]
            column[0].gap = self._gap(column[0].line, self.last_line) if n == 0 else Gap.NONE
            self.out.extend(column)
            self.furniture_since = False
            self.last_line = max(self.last_line, column[-1].line)
        self.band = {}

    def add_line(self, line: Line) -> None:
        if self.cols is None:
            self._add_whole(line, display_width(line.text[:line.lo]), False)
            return
        placed = place(line, self.cols.metric)
        if any(self.cols.crosses(c) for c in placed):
            self.flush()
            self._add_whole(line, placed[0][2], True)
            return
        by_column: dict[int, list[Placed]] = {}
        for c in placed:
            by_column.setdefault(self.cols.column_of(c[2]), []).append(c)
        for k, cs in by_column.items():
            column = self.band.setdefault(k, [])
            gap = Gap.SOFT if column and line.index - column[-1].line > 1 else Gap.NONE
            cells = cs[-1][3] - cs[0][2] if self.cols.metric == "cells" else -1  # widths add up
            column.append(Segment(line.start + cs[0][0], line.start + cs[-1][1], self.page, k, line.index,
                                  gap=gap, pos=cs[0][2], cells=cells))

    def _add_whole(self, line: Line, pos: int, spanning: bool) -> None:
        seg = Segment(line.start + line.lo, line.start + line.hi, self.page, 0, line.index,
                      pos=pos, spanning=spanning)
        seg.gap = self._gap(line.index, self.last_line)
        self.out.append(seg)
        self.furniture_since = False
        self.last_line = line.index


def order_page(lines: list[Line], furniture: dict[int, object], cols: ColumnSet | None,
               page: int, hard_blanks: bool) -> list[Segment | Furniture]:
    """Segments and furniture of one page in reading order (furniture stays in source order)."""
    if cols is None and not furniture:
        return _plain_page(lines, page, hard_blanks)
    order = _PageOrder(page, cols, hard_blanks)
    tail: list[Furniture] = []
    for i, line in enumerate(lines):
        if line.blank:
            continue
        kind = furniture.get(i)
        if kind is None:
            order.add_line(line)
            continue
        item = Furniture(kind, line.start + line.lo, line.start + line.hi, page)  # type: ignore[arg-type]
        if order.last_line >= 0 or order.band:
            tail.append(item)
            order.furniture_since = True
        else:
            order.out.append(item)
    order.flush()
    return order.out + tail


def _plain_page(lines: list[Line], page: int, hard_blanks: bool) -> list[Segment | Furniture]:
    """The common case, kept lean: one column, no furniture."""
    out: list[Segment | Furniture] = []
    previous = -1
    blank_gap = Gap.HARD if hard_blanks else Gap.SOFT
    for line in lines:
        if line.lo >= line.hi:
            continue
        index = line.index
        gap = Gap.SOFT if previous < 0 else Gap.NONE if index - previous <= 1 else blank_gap
        pos = line.lo if line.text.isascii() else display_width(line.text[:line.lo])
        out.append(Segment(line.start + line.lo, line.start + line.hi, page, 0, index, gap, pos))
        previous = index
    return out
