"""Columns in fixed-width text: find the gutters of a page and put its lines in reading order.

A column start is a position (in code points, or in display cells — whichever aligns better)
where many lines have a chunk of text that follows 2+ spaces after text of an earlier column.
Lines with a chunk running across a column start are spanning lines (titles); they cut the page
into bands, and each band is read column by column, top to bottom.

A page is given by its non-blank lines: line numbers on the page (`nums`), absolute offsets of
the line starts and of the stripped content (`starts`, `los`, `his`) and the content text. The
chunks of a page's lines are kept as flat lists (one entry per chunk), so that the counts column
detection makes over every chunk run as list operations.
Invariants: every non-blank, non-furniture line of a page yields segments covering all its
content chunks exactly once; segments come out in reading order.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from itertools import accumulate, compress, repeat
from operator import add, and_, contains, eq, gt, lt, or_, sub

from factlint.lines import GAP_RE, BlockKind, Cells, Furniture, Gap, Segments, pick
from factlint.patterncache import compile_pattern
from factlint.records import record

WINDOW = 6  # an indented column line starts up to this far right of the column start
MIN_COLUMN_CELLS = 12  # median width of a real column's chunks (tables have narrower ones)

NONE, SOFT, HARD = Gap.NONE, Gap.SOFT, Gap.HARD
_SPACES_RE = compile_pattern("  +")  # GAP_RE for text whose only whitespace is ' ' (a literal prefix: found fast)


@record(frozen=True, slots=True)
class ColumnSet:
    """Left edges of columns 1.. in `metric` units, ascending; column 0 starts at the margin."""

    metric: str  # "cp" | "cells"
    starts: tuple[int, ...]

    def columns_of(self, positions: list[int]) -> list[int]:
        """The column of each position (>= 0): how many column starts `s` have `pos >= s - 1`,
        read from a table of the columns by position."""
        if not positions:
            return []
        table: list[int] = []
        for k, s in enumerate(self.starts):
            table += [k] * (s - 1 - len(table))  # the positions left of column k + 1
        table += [len(self.starts)] * (max(positions) + 1 - len(table))
        return pick(table, positions)


@record(slots=True)
class Chunks:
    """The chunks (pieces between runs of 2+ whitespace) of a page's content lines, flat: chunk k
    is text[lo[k]:hi[k]] on content line line[k], at [a[k], b[k]) in the metric's units, in column
    column[k] (`ColumnSet.columns_of(a)`). `spanning` are the content lines with a chunk across a
    column start."""

    lo: list[int]
    hi: list[int]
    line: list[int]
    first: list[int]  # index of each content line's first chunk, then the number of chunks
    a: list[int]
    b: list[int]
    column: list[int]
    spanning: set[int]


def content_lines(n: int, furniture: dict[int, BlockKind]) -> range | list[int]:
    """The positions 0..n-1 of a page's non-blank lines that are not furniture: a range when all
    the furniture sits above and below them (running heads, page numbers), else a list."""
    keys = sorted(furniture)
    top = 0
    while top < len(keys) and keys[top] == top:
        top += 1
    k, bottom = len(keys), n
    while k > top and keys[k - 1] == bottom - 1:
        k, bottom = k - 1, bottom - 1
    if k == top:
        return range(top, bottom)
    return [j for j in range(n) if j not in furniture]


def _pick(values: list, lines: range | list[int]) -> list:
    """[values[j] for j in lines] (a slice for a range)."""
    if isinstance(lines, range):
        return values[lines.start:lines.stop]
    return pick(values, lines)


def _chunks(los: list[int], his: list[int], contents: list[str], joined: str,
            gap_re: re.Pattern[str]) -> tuple[list[int], list[int], list[int], list[int], int]:
    """Split the content lines at runs of 2+ whitespace (found by `gap_re` in `joined`, the
    contents joined by '\\n': a run never crosses a line end, since every content is stripped).

    Chunk starts are the line starts and the gap ends, chunk ends the gap starts and the line
    ends: sorted, they pair up line by line. Returns the chunks' bounds and lines, the index of
    each line's first chunk (then the chunk count) and the number of lines with a gap."""
    gaps = list(gap_re.finditer(joined))
    if not gaps:
        return los, his, list(range(len(los))), list(range(len(los) + 1)), 0
    gap_starts, gap_ends = list(map(re.Match.start, gaps)), list(map(re.Match.end, gaps))
    offsets = list(accumulate(map((1).__add__, map(len, contents)), initial=0))  # line starts in joined
    gap_line = list(map((-1).__add__, map(bisect.bisect_right, repeat(offsets), gap_starts)))
    shift = list(map(sub, pick(los, gap_line), pick(offsets, gap_line)))
    chunk_lo = sorted(los + list(map(add, gap_ends, shift)))
    chunk_hi = sorted(his + list(map(add, gap_starts, shift)))
    firsts = list(map(bisect.bisect_left, repeat(chunk_lo), los))
    starts_line = [0] * len(chunk_lo)
    for k in firsts:
        starts_line[k] = 1
    chunk_line = list(map((-1).__add__, accumulate(starts_line)))
    firsts.append(len(chunk_lo))
    return chunk_lo, chunk_hi, chunk_line, firsts, len(set(gap_line))


def _candidates(hist: Counter, need: int) -> list[tuple[int, int]]:
    """(start, score) of clusters of chunk starts, strongest first, 2*WINDOW apart.

    A cluster is the chunks starting at `start` or up to WINDOW right of it (indented lines);
    the score counts exact starts twice, so the metric in which columns align exactly wins."""
    keys = sorted(hist)
    below = list(accumulate(pick(hist, keys), initial=0))  # chunks starting before keys[i]
    supports = map(sub, map(below.__getitem__, map(bisect.bisect_right, repeat(keys), map((WINDOW).__add__, keys))),
                   below)
    scored = [(support + hist[p], support, -p) for p, support in zip(keys, supports) if support >= need]
    scored.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for score, _, neg in scored:
        p = -neg
        if all(abs(p - q) > 2 * WINDOW for q, _ in chosen):
            chosen.append((p, score))
    return chosen


def _score_bound(hist: Counter, need: int) -> int:
    """An upper bound of the summed scores of `_candidates(hist, need)`: their clusters are
    disjoint and hold `need` chunks or more each, so there are at most total // need of them, and
    they score each chunk at most once and the chunks at their exact starts once more."""
    total = sum(hist.values())
    return total + sum(sorted(hist.values(), reverse=True)[:total // need])


def _median(values: list[int]) -> int:
    values = sorted(values)
    return values[len(values) // 2] if values else 0


def _try_metric(metric: str, candidates: list[tuple[int, int]], a: list[int], b: list[int], line: list[int],
                multi: list[bool], forced: bool) -> tuple[int, ColumnSet | None, set[int], list[int]]:
    """Score and column starts in one metric, from its `_candidates`, the lines with a chunk
    running across a column start (start before it, end after), and the column of each chunk
    (empty without column starts). `multi`: the chunk's line has 2+ chunks. The score is at most
    the sum of the candidates' scores."""
    starts: list[int] = []
    score = 0
    spanning: set[int] = set()
    for start, support in candidates:
        crossing = set(compress(line, map(and_, map(lt, a, repeat(start - 1)), map(gt, b, repeat(start)))))
        if len(crossing) > (support if forced else max(2, support // 6)):
            continue
        starts.append(start)
        score += support
        spanning |= crossing
    if not starts:
        return 0, None, spanning, []
    cols = ColumnSet(metric, tuple(sorted(starts)))
    column = cols.columns_of(a)
    if not forced and not _wide_enough(list(compress(column, multi)), list(compress(map(sub, b, a), multi))):
        return 0, None, spanning, []
    return score, cols, spanning, column


def _wide_enough(columns: list[int], widths: list[int]) -> bool:
    """The chunks of the lines with 2+ chunks, by column (their `columns` and `widths`): 2+
    columns, each of them wide."""
    keys = set(columns)
    if len(keys) < 2:
        return False
    for k in keys:
        if _median(list(compress(widths, map(eq, columns, repeat(k))))) < MIN_COLUMN_CELLS:
            return False
    return True


def detect_columns(text: str, cells: Cells, starts: list[int], los: list[int], his: list[int], contents: list[str],
                   furniture: dict[int, BlockKind], forced: bool = False) -> tuple[ColumnSet | None, Chunks | None]:
    """Column starts of one page (None: a single column) from its content lines (the non-blank
    lines less the furniture), and the lines' chunks placed in the column metric."""
    need = 1 if forced else max(3, (len(los) - len(furniture)) // 5)
    # a gutter needs `need` content lines with a run of whitespace inside; counted first over all
    # the lines, furniture included (an upper bound)
    printable = all(map(str.isprintable, contents))  # then ' ' is the only whitespace: a run is "  "
    if printable and sum(map(contains, contents, repeat("  "))) < need:
        return None, None
    if furniture:
        content = content_lines(len(los), furniture)
        starts, los, his = _pick(starts, content), _pick(los, content), _pick(his, content)
        contents = _pick(contents, content)
    joined = "\n".join(contents)
    if printable:
        gap_re = _SPACES_RE
    else:  # whitespace-separated words beyond one per line count the runs of whitespace
        if len(joined.split()) - len(contents) < need:
            return None, None
        gap_re = GAP_RE
    chunk_lo, chunk_hi, chunk_line, firsts, gapped = _chunks(los, his, contents, joined, gap_re)
    if gapped < need:
        return None, None
    n = len(chunk_lo)
    later = list(map(sub, range(n), pick(firsts, chunk_line)))  # > 0: the chunk follows another
    multi = list(map(or_, later, later[1:] + [0]))  # its line has 2+ chunks (a later one, or one after it)
    line_starts = pick(starts, chunk_line)
    cp = (list(map(sub, chunk_lo, line_starts)), list(map(sub, chunk_hi, line_starts)))
    best = _try_metric("cp", _candidates(Counter(compress(cp[0], later)), need), *cp, chunk_line, multi, forced)
    placed = cp
    # in display cells: first the later chunks' starts, enough for the candidates; their scores
    # (and before them, a bound of those) bound the metric's score, which must beat the code points'
    later_k = list(compress(range(n), later))
    hist = Counter(cells.widths(pick(line_starts, later_k), pick(chunk_lo, later_k)))
    candidates = _candidates(hist, need) if _score_bound(hist, need) > best[0] else []
    if sum(score for _, score in candidates) > best[0]:
        in_cells = (cells.widths(line_starts, chunk_lo), cells.widths(line_starts, chunk_hi))
        result = _try_metric("cells", candidates, *in_cells, chunk_line, multi, forced)
        if result[0] > best[0]:
            best, placed = result, in_cells
    if best[1] is None:
        return None, None
    return best[1], Chunks(chunk_lo, chunk_hi, chunk_line, firsts, placed[0], placed[1], best[3], best[2])


def order_plain(t: Segments, number: int, nums: list[int], los: list[int], his: list[int], contents: list[str],
                pos: list[int], furniture: dict[int, BlockKind], found: list[tuple[int, Furniture]],
                hard_blanks: bool) -> None:
    """A page read as one column: one segment per content line, furniture kept aside (above the
    first content line: before the page's segments, else after them).

    `found` gets (number of segments before it, furniture item)."""
    blank = HARD if hard_blanks else SOFT
    above: list[Furniture] = []
    below: list[Furniture] = []
    if furniture:
        content = content_lines(len(los), furniture)
        top = content[0] if content else len(los)
        for j in sorted(furniture):
            (above if j < top else below).append(Furniture(furniture[j], los[j], his[j], number))
        # only furniture lies between two content lines that are not adjacent non-blank lines
        gaps = [SOFT] + [SOFT if q - p > 1 else NONE if nums[q] - nums[p] <= 1 else blank
                         for p, q in zip(content, content[1:])]
        los, his, pos = _pick(los, content), _pick(his, content), _pick(pos, content)
        contents = _pick(contents, content)
    else:
        gaps = [SOFT] + [NONE if b - a <= 1 else blank for a, b in zip(nums, nums[1:])]
    n = len(t.start)
    found.extend((n, item) for item in above)
    m = len(los)
    if m:
        t.start += los
        t.end += his
        t.text += contents
        t.page += [number] * m
        t.column += [0] * m
        t.pos += pos
        t.spanning += [False] * m
        t.cells += [-1] * m
        t.gap += gaps
    found.extend((n + m, item) for item in below)


def order_columns(t: Segments, text: str, number: int, cols: ColumnSet, chunks: Chunks, nums: list[int],
                  los: list[int], his: list[int], contents: list[str], furniture: dict[int, BlockKind],
                  found: list[tuple[int, Furniture]]) -> dict[int, list[range]]:
    """A page with columns: bands cut by spanning lines, each band read column by column.
    `chunks` are those of the page's content lines (its non-blank lines less the furniture).

    Returns the segments of each column as ranges of segment numbers (key -1: the spanning lines)."""
    a, b = chunks.a, chunks.b
    firsts = chunks.first
    crossing_lines = chunks.spanning
    column = chunks.column
    in_cells = cols.metric == "cells"
    band: dict[int, tuple[list, ...]] = {}  # column → its segments' starts, ends, lines, gaps, pos, cells, texts
    columns: dict[int, list[range]] = {}  # column → its segments (-1: the spanning lines)
    last_line = -1  # line number of the last content line emitted
    since = False  # furniture since the last content line
    tail: list[Furniture] = []
    t_start, t_end, t_text, t_column, t_gap, t_pos, t_spanning, t_cells = (
        t.start, t.end, t.text, t.column, t.gap, t.pos, t.spanning, t.cells)

    def flush() -> None:
        nonlocal last_line, since
        for n, k in enumerate(sorted(band)):
            starts, ends, lines, gaps, pos, cells, texts = band[k]
            if n == 0:
                gaps[0] = SOFT if last_line < 0 or since else NONE if lines[0] - last_line <= 1 else SOFT
            else:
                gaps[0] = NONE
            columns.setdefault(k, []).append(range(len(t_start), len(t_start) + len(starts)))
            t_start.extend(starts)
            t_end.extend(ends)
            t_text.extend(texts)
            t_column.extend([k] * len(starts))
            t_gap.extend(gaps)
            t_pos.extend(pos)
            t_spanning.extend([False] * len(starts))
            t_cells.extend(cells)
            since = False
            last_line = max(last_line, lines[-1])
        band.clear()

    j = 0  # content line
    for p in range(len(los)):
        kind = furniture.get(p) if furniture else None
        if kind is not None:
            item = Furniture(kind, los[p], his[p], number)
            if last_line >= 0 or band:
                tail.append(item)
                since = True
            else:
                found.append((len(t_start), item))
            continue
        index = nums[p]
        k0, k1 = firsts[j], firsts[j + 1]
        if j in crossing_lines:
            flush()
            columns.setdefault(-1, []).append(range(len(t_start), len(t_start) + 1))
            t_start.append(los[p])
            t_end.append(his[p])
            t_text.append(contents[p])
            t_column.append(0)
            t_gap.append(SOFT if last_line < 0 or since else NONE if index - last_line <= 1 else SOFT)
            t_pos.append(a[k0])
            t_spanning.append(True)
            t_cells.append(-1)
            since = False
            last_line = index
        else:
            k = k0
            while k < k1:  # the line's chunks, a run of them per column
                c = column[k]
                e = k + 1
                while e < k1 and column[e] == c:
                    e += 1
                segs = band.get(c)
                if segs is None:
                    segs = band[c] = ([], [], [], [], [], [], [])
                    gap = NONE
                else:
                    gap = SOFT if index - segs[2][-1] > 1 else NONE
                lo, hi = chunks.lo[k], chunks.hi[e - 1]
                segs[0].append(lo)
                segs[1].append(hi)
                segs[2].append(index)
                segs[3].append(gap)
                segs[4].append(a[k])
                segs[5].append(b[e - 1] - a[k] if in_cells else -1)
                segs[6].append(text[lo:hi])
                k = e
        j += 1
    flush()
    n = len(t_start)
    found.extend((n, item) for item in tail)
    t.page += [number] * (n - len(t.page))
    return columns
