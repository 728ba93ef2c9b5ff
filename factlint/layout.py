"""Reading order: SourceDocument → ReadingView (prose in reading order + OffsetMap to the source).

Stage invariants:
- the view text is the prose in reading order, one block (paragraph or heading) per line:
  blocks are separated by exactly one synthetic '\\n' and the view holds no other line break;
- every view character comes from a literal piece (equal to the source character it maps to) or
  a synthetic piece (block separators, a space joining two Latin words across a line end, a
  placeholder for Markdown inline code or a URL);
- furniture (running heads, banners, page numbers, navigation rows) and Markdown code are kept
  as blocks with `view=None` and are never in the view text.
Detection lives in `columns`, `furniture`, `paragraphs` and `mdview`; this module emits the view.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress, repeat
from operator import add, eq, sub

from factlint.columns import detect_columns, order_columns, order_plain
from factlint.furniture import EDGE_BOTTOM, EDGE_TOP, classify_furniture, middle_candidates
from factlint.lazypattern import LazyPattern
from factlint.lines import BlockKind, Cells, Furniture, Segment, Segments, pick
from factlint.mdview import markdown_items
from factlint.offsets import OffsetMap, ViewBuilder
from factlint.paragraphs import blocks as find_blocks
from factlint.paragraphs import joiner, mark_unwrapped, measure
from factlint.records import field, record
from factlint.source import SourceDocument
from factlint.spans import Span

__all__ = ["BlockKind", "Block", "ReadingView", "LAYOUTS", "build_view", "render_view"]

LAYOUTS = ("auto", "plain", "columns")

# Characters that str.splitlines() treats as line ends; inside a line they become a synthetic space.
_LINE_END = r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"  # compiled by render_view (re caches it)
_STRAY_RE = LazyPattern(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BELOW_U1100 = bytes(1 if high < 0x11 else 0 for high in range(256))  # UTF-16 high byte → below U+1100
_STRAY_CHARS = "\x0b\x1c\x1d\x1e\x85\u2028\u2029"  # and a '\r' without '\n', and '\f' in Markdown


@record(frozen=True, slots=True)
class Block:
    kind: BlockKind
    view: Span | None  # where the block sits in the view; None for blocks left out of it
    source: tuple[Span, ...]  # the source ranges it came from (one per line piece)
    page: int = 1
    column: int = 0


class BlockTable:
    """The blocks of a view: the paragraphs and headings as columns of integers, and the furniture
    with the number of segments before each item. The `Block` objects are made, and the furniture
    merged in, on first use (the checks never read them: a large document has thousands)."""

    __slots__ = ("headings", "view_starts", "view_ends", "firsts", "span_starts", "span_ends", "pages",
                 "columns", "found", "_blocks")

    def __init__(self, span_starts: list[int], span_ends: list[int], firsts: list[int], headings: list[bool],
                 view_starts: list[int], view_ends: list[int], pages: list[int], columns: list[int],
                 found: list[tuple[int, Furniture]]) -> None:
        self.span_starts = span_starts  # the segments' source spans, in reading order
        self.span_ends = span_ends
        self.firsts = firsts  # a block's segments run from its first to the next block's first
        self.headings = headings
        self.view_starts = view_starts
        self.view_ends = view_ends
        self.pages = pages
        self.columns = columns
        self.found = found
        self._blocks: tuple[Block, ...] | None = None

    def blocks(self) -> tuple[Block, ...]:
        """Blocks in view order; furniture goes after the block it interrupted (before the first
        block when it comes before every segment)."""
        if self._blocks is None:
            spans = list(map(Span, self.span_starts, self.span_ends))
            lasts = self.firsts[1:] + [len(spans)]
            blocks = [Block(BlockKind.HEADING if h else BlockKind.PARAGRAPH, Span(a, b), tuple(spans[lo:hi]), page,
                            column)
                      for h, a, b, lo, hi, page, column in zip(self.headings, self.view_starts, self.view_ends,
                                                              self.firsts, lasts, self.pages, self.columns)]
            # block p ends where segment lasts[p] starts; furniture found after k segments follows
            # the block holding segment k - 1 (k = 0: before every block). `found` is in reading
            # order (k never decreases), so one pass merges it in
            out: list[Block] = []
            done = 0  # blocks placed so far
            for k, item in self.found:
                place = bisect.bisect_left(lasts, k) + 1 if k else 0
                out += blocks[done:place]
                out.append(Block(item.kind, None, (Span(item.start, item.end),), item.page, 0))
                done = max(done, place)
            self._blocks = tuple(out + blocks[done:])
        return self._blocks

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BlockTable) and self.blocks() == other.blocks()

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__[:-1])

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state):
            setattr(self, name, value)
        self._blocks = None


@record(frozen=True, slots=True)
class ReadingView:
    """Prose in reading order. Paragraph blocks are separated by one synthetic '\\n'."""

    text: str
    map: OffsetMap
    block_table: BlockTable = field(repr=False)
    layout: str = "plain"  # what was detected or forced: plain | columns (markdown: plain)
    source_text: str = ""  # the document text the map points into (for showing left-out blocks)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Paragraphs and headings in view order, each followed by the furniture it interrupted."""
        return self.block_table.blocks()


def _text_segments(text: str, layout: str,
                   text_line_starts: list[int]) -> tuple[Segments, list[tuple[int, Furniture]], str]:
    """Pages → furniture, columns, reading order; then measure the segments.

    Returns the segments, the furniture with the number of segments before each item, and the
    layout used. `text_line_starts` are where the text's lines start (after each '\\n', as in
    `SourceDocument.line_starts`). The lines of the whole text are split and stripped at once
    (C-level list operations); each page then works on its slice of the non-blank lines."""
    t = Segments()
    found: list[tuple[int, Furniture]] = []
    pages: list[tuple[int, int, str | None, dict[int, list[range]] | None]] = []  # see `measure`
    plain: list[int] = []  # segments of the pages without columns
    used = "plain"
    feeds = _offsets_of("\f", text)  # where each page but the last ends
    lines = text.replace("\f", "\n").split("\n") if feeds else text.split("\n")
    line_starts = sorted(text_line_starts + [f + 1 for f in feeds]) if feeds else text_line_starts  # of `lines`
    # per page: the number of the next page's first line, and the page's end (a '\f' or the text's)
    page_lines = [*map(bisect.bisect_right, repeat(line_starts), feeds), len(lines)]
    page_ends = [*feeds, len(text)]
    wide_space = "\u3000" in text  # the one wide whitespace character
    right = list(map(str.rstrip, lines))
    nonblank = list(compress(range(len(lines)), right))  # line numbers (across pages) of non-blank lines
    starts = pick(line_starts, nonblank)
    right = pick(right, nonblank)
    contents = list(map(str.lstrip, right))
    his = list(map(add, starts, map(len, right)))
    los = list(map(sub, his, map(len, contents)))
    # only the contents are needed from here: dropping the lines now frees each indented line's
    # text, which its content copied, before the pages are laid out (less memory, fewer page faults)
    del lines, right
    forced = layout == "columns"
    cells = Cells(text)
    middle = middle_candidates(contents)  # lines that may be furniture away from a page's edges
    j0 = page_start = 0
    for number, (next_line, page_end) in enumerate(zip(page_lines, page_ends), 1):
        j1 = bisect.bisect_left(nonblank, next_line, j0)
        a = len(t.start)
        nums, p_starts, p_los, p_his = nonblank[j0:j1], starts[j0:j1], los[j0:j1], his[j0:j1]
        p_contents = contents[j0:j1]
        m0, m1 = bisect.bisect_left(middle, j0 + EDGE_TOP), bisect.bisect_left(middle, j1 - EDGE_BOTTOM)
        furniture = classify_furniture(nums, p_contents, [j - j0 for j in middle[m0:m1]])
        cols = None
        if layout != "plain" and j1 > j0:
            cols, placed = detect_columns(text, cells, p_starts, p_los, p_his, p_contents, furniture, forced)
        if cols is None:
            indents = list(map(sub, p_los, p_starts))  # display width of the leading whitespace
            if wide_space and text.find("\u3000", page_start, page_end) >= 0:
                indents = list(map(add, indents, map(text.count, repeat("\u3000"), p_starts, p_los)))
            order_plain(t, number, nums, p_los, p_his, p_contents, indents, furniture, found, hard_blanks=True)
            plain.extend(range(a, len(t.start)))
            pages.append((a, len(t.start), None, None))
        else:
            used = "columns"
            columns = order_columns(t, text, number, cols, placed, nums, p_los, p_his, p_contents, furniture, found)
            pages.append((a, len(t.start), cols.metric, columns))
        j0, page_start = j1, page_end + 1
    t.wrapped = [True] * len(t.start)
    measure(t, cells, pages)
    mark_unwrapped(t, text, plain)
    return t, found, used


def _offsets_of(ch: str, text: str) -> list[int]:
    """Offsets of a character that is rare in the text (str.find skips to each one)."""
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _markdown_segments(text: str) -> tuple[Segments, list[tuple[int, Furniture]]]:
    items = markdown_items(text)
    segs: list[Segment] = []
    found: list[tuple[int, Furniture]] = []
    for item in items:
        if isinstance(item, Segment):
            segs.append(item)
        else:
            found.append((len(segs), item))
    return Segments.from_objects(segs), found


def _strays(text: str, markdown: bool) -> list[int]:
    """Offsets of the line-end characters that stay inside a line (they become synthetic spaces);
    '\\f' only counts in Markdown, elsewhere it ends a page and is never inside a segment."""
    if (any(ch in text for ch in _STRAY_CHARS) or ("\r" in text and text.count("\r") != text.count("\r\n"))
            or (markdown and "\f" in text)):
        return [m.start() for m in _STRAY_RE.finditer(text)]
    return []


def _glues(text: str, t: Segments, firsts: list[int], first_chars: str) -> list[str]:
    """The synthetic text before each segment inside its block: a space between two Latin words
    across a line end, else '' (always '' when the character on either side is U+1100 or above).

    `first_chars` holds each segment's first character; candidates are the segments whose first
    character has a UTF-16 high byte below 0x11 (is below U+1100)."""
    starts, ends = t.start, t.end
    n = len(starts)
    out = [""] * n
    high = first_chars.encode("utf-16-le", "surrogatepass")[1::2]
    if len(high) != n:  # astral characters: two code units
        high = bytes(map("\u1100".__le__, first_chars))
    block_starts = set(firsts)
    for i in compress(range(n), high.translate(_BELOW_U1100)):
        if i and i not in block_starts:
            end = ends[i - 1]
            if text[end - 1] < "\u1100":
                out[i] = joiner(text[max(starts[i - 1], end - 2):end], first_chars[i])
    return out


def _emit(text: str, t: Segments, firsts: list[int], headings: list[bool], found: list[tuple[int, Furniture]],
          layout: str, strays: list[int], first_chars: str) -> ReadingView:
    """Copy the blocks' segments into the view, one block per line, and describe the blocks."""
    starts, ends = t.start, t.end
    n = len(starts)
    glues = _glues(text, t, firsts, first_chars)
    for a in firsts[1:]:
        glues[a] = "\n"  # the block separator, standing at the end of the block before
    if not n or strays or (t.skips is not None and any(t.skips)) or any(map(eq, ends, starts[1:])):
        view_text, offsets, views = _emit_pieces(text, t, firsts, glues, strays)
        table = _block_table(t, firsts, headings, [a for a, _ in views], [b for _, b in views], found)
        return ReadingView(view_text, offsets, table, layout, text)
    # Every segment is one literal piece, after its glue or separator if it has one: two slots per
    # segment (synthetic, literal), the empty synthetic ones dropped. The view is the slots' texts
    # joined and the bounds are their summed lengths, so a literal piece holds exactly the slice
    # of the source it was cut from; what remains to check is that no slice came out short.
    texts = t.text if t.text is not None else list(map(text.__getitem__, map(slice, starts, ends)))
    lengths = list(map(sub, ends, starts))
    # a slice is never longer than end - start: with every segment non-empty, the check that the
    # view is as long as the bounds say (below) finds any slice that came out short
    if min(lengths) <= 0 and lengths != list(map(len, texts)):
        raise AssertionError("literal piece differs from its source")
    glue_lengths = list(map(len, glues))
    slots = [0, 0] * n
    slots[::2] = glue_lengths
    slots[1::2] = lengths
    bounds = list(accumulate(slots, initial=0))  # slot k is view text bounds[k]:bounds[k + 1]
    keep = [True] * (2 * n)
    keep[::2] = map(bool, glue_lengths)
    before = [0] + ends[:-1]  # the end of the segment before: where glues and separators stand
    glue_ends = list(before)
    for i in compress(range(n), glue_lengths):
        if glues[i] != "\n" and starts[i] > before[i]:
            glue_ends[i] = starts[i]
    slots[::2] = before
    slots[1::2] = starts
    ss = list(compress(slots, keep))
    slots[::2] = glue_ends
    slots[1::2] = ends
    se = list(compress(slots, keep))
    vs = list(compress(bounds, keep))
    literal = list(compress([False, True] * n, keep))
    slots[::2] = glues
    slots[1::2] = texts
    view_text = "".join(slots)
    if len(view_text) != bounds[-1]:  # the bounds count end - start for each slice: one came out short
        raise AssertionError("literal piece differs from its source")
    offsets = OffsetMap.from_arrays(vs, vs[1:] + [bounds[-1]], ss, se, literal, len(view_text))
    view_starts = pick(bounds[1::2], firsts)  # slot 2a + 1: the block's first literal piece
    view_ends = pick(bounds[::2], firsts[1:] + [n])  # slot 2b: the separator after the block
    return ReadingView(view_text, offsets, _block_table(t, firsts, headings, view_starts, view_ends, found),
                       layout, text)


def _block_table(t: Segments, firsts: list[int], headings: list[bool], view_starts: list[int], view_ends: list[int],
                 found: list[tuple[int, Furniture]]) -> BlockTable:
    return BlockTable(t.start, t.end, firsts, headings, view_starts, view_ends, pick(t.page, firsts),
                      pick(t.column, firsts), found)


def _emit_pieces(text: str, t: Segments, firsts: list[int], glues: list[str],
                 strays: list[int]) -> tuple[str, OffsetMap, list[tuple[int, int]]]:
    """The view piece by piece, for segments with cut-outs or stray line ends (or touching ones)."""
    builder = ViewBuilder(text)
    starts, ends, skips = t.start, t.end, t.skips
    views = []
    bounds = firsts[1:] + [len(starts)]
    for a, b in zip(firsts, bounds):
        begin = builder.length
        for i in range(a, b):
            if i == a and a:
                builder.insert("\n", ends[a - 1])
                begin = builder.length
            elif glues[i]:
                builder.insert(glues[i], ends[i - 1], starts[i])
            _copy_segment(builder, strays, starts[i], ends[i], skips[i] if skips is not None else ())
        if builder.length == begin:  # only cut-out text: a placeholder keeps blocks apart
            builder.insert(" ", starts[a], ends[b - 1])
        views.append((begin, builder.length))
    view_text, offsets = builder.build()
    return view_text, offsets, views


def _copy_segment(builder: ViewBuilder, strays: list[int], start: int, end: int,
                  skips: tuple[tuple[int, int, str], ...]) -> None:
    """Copy a segment with cut-outs (their placeholders go in) and stray line ends (spaces)."""
    pos = start
    for a, b, placeholder in skips:
        _copy(builder, strays, pos, a)
        builder.insert(placeholder, a, b)
        pos = b
    _copy(builder, strays, pos, end)


def _copy(builder: ViewBuilder, strays: list[int], start: int, end: int) -> None:
    if not strays:
        builder.copy(start, end)
        return
    i = bisect.bisect_left(strays, start)
    pos = start
    while i < len(strays) and strays[i] < end:
        at = strays[i]
        builder.copy(pos, at)
        builder.insert(" ", at, at + 1)
        pos = at + 1
        i += 1
    builder.copy(pos, end)


def build_view(doc: SourceDocument, layout: str = "auto") -> ReadingView:
    """The reading view of a document; `layout` is auto | plain | columns (ignored for Markdown and
    Word documents, whose paragraphs are given)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    text = doc.text
    if doc.format == "markdown":
        t, found = _markdown_segments(text)
        used = "plain"
    elif doc.format == "docx":  # one line per Word paragraph: never joined, never columns
        t, found, used = _text_segments(text, "plain", doc.line_starts)
        t.new_block = [True] * len(t.start)
        t.wrapped = [False] * len(t.start)
    else:
        t, found, used = _text_segments(text, layout, doc.line_starts)
    first_chars = "".join(pick(text, t.start))
    firsts, headings = find_blocks(t, text, first_chars)
    return _emit(text, t, firsts, headings, found, used, _strays(text, doc.format == "markdown"), first_chars)


def render_view(view: ReadingView, show_blocks: bool = False) -> str:
    """Text for `factlint view`: one block per line; with show_blocks, `[kind] text` for every
    block, including those left out of the view (shown with their source text)."""
    if not show_blocks:
        return view.text + "\n" if view.text else ""
    out = []
    for block in view.blocks:
        if block.view is not None:
            body = view.text[block.view.start:block.view.end]
        else:
            body = " ⏎ ".join(
                re.sub(_LINE_END, " ⏎ ", view.source_text[s.start:s.end]).strip() for s in block.source
            )
        out.append(f"[{block.kind}] {body}")
    return "\n".join(out) + "\n" if out else ""
