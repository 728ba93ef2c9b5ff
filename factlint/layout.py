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
from dataclasses import dataclass

from factlint.columns import detect_columns, order_page
from factlint.furniture import classify_furniture
from factlint.lines import BlockKind, Furniture, Segment, split_pages
from factlint.mdview import markdown_items
from factlint.offsets import OffsetMap, ViewBuilder
from factlint.paragraphs import Para, assemble, joiner, mark_unwrapped, measure
from factlint.source import SourceDocument
from factlint.spans import Span

__all__ = ["BlockKind", "Block", "ReadingView", "LAYOUTS", "build_view", "render_view"]

LAYOUTS = ("auto", "plain", "columns")

# Characters that str.splitlines() treats as line ends; inside a line they become a synthetic space.
_LINE_END = r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"  # compiled by render_view (re caches it)
_STRAY_RE = re.compile(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    view: Span | None  # where the block sits in the view; None for blocks left out of it
    source: tuple[Span, ...]  # the source ranges it came from (one per line piece)
    page: int = 1
    column: int = 0


@dataclass(frozen=True, slots=True)
class ReadingView:
    """Prose in reading order. Paragraph blocks are separated by one synthetic '\\n'."""

    text: str
    map: OffsetMap
    blocks: tuple[Block, ...]
    layout: str = "plain"  # what was detected or forced: plain | columns (markdown: plain)
    source_text: str = ""  # the document text the map points into (for showing left-out blocks)


def _text_items(text: str, layout: str) -> tuple[list[Segment | Furniture], str]:
    """Pages → furniture, columns, reading order; then measure the segments."""
    items: list[Segment | Furniture] = []
    plain: list[Segment] = []
    metrics: dict[int, str] = {}
    used = "plain"
    for number, lines in enumerate(split_pages(text), 1):
        furniture = classify_furniture(lines)
        cols = None if layout == "plain" else detect_columns(lines, furniture, forced=layout == "columns")
        page_items = order_page(lines, furniture, cols, number, hard_blanks=cols is None)
        if cols is not None:
            used = "columns"
            metrics[number] = cols.metric
        else:
            plain.extend(x for x in page_items if isinstance(x, Segment))
        items.extend(page_items)
    measure([x for x in items if isinstance(x, Segment)], text, metrics)
    mark_unwrapped(plain, text)
    return items, used


class _Emitter:
    """Copies segments into a ViewBuilder; stray line-end characters become synthetic spaces."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.builder = ViewBuilder(text)
        self.stray = [m.start() for m in _STRAY_RE.finditer(text)]

    def copy(self, start: int, end: int) -> None:
        if not self.stray:
            self.builder.copy(start, end)
            return
        i = bisect.bisect_left(self.stray, start)
        pos = start
        while i < len(self.stray) and self.stray[i] < end:
            at = self.stray[i]
            self.builder.copy(pos, at)
            self.builder.insert(" ", at, at + 1)
            pos = at + 1
            i += 1
        self.builder.copy(pos, end)

    def segment(self, seg: Segment) -> None:
        pos = seg.start
        for start, end, placeholder in seg.skips:
            self.copy(pos, start)
            self.builder.insert(placeholder, start, end)
            pos = end
        self.copy(pos, seg.end)


def _emit(text: str, paras: list[Para | Furniture], layout: str) -> ReadingView:
    emitter = _Emitter(text)
    builder = emitter.builder
    blocks: list[Block] = []
    last_end = -1  # source end of the last block in the view: the separator stands there
    for item in paras:
        if isinstance(item, Furniture):
            blocks.append(Block(item.kind, None, (Span(item.start, item.end),), item.page, 0))
            continue
        segs = item.segments
        if last_end >= 0:
            builder.insert("\n", last_end)
        begin = builder.length
        prev = None
        plain = not emitter.stray
        for seg in segs:
            if prev is not None and ord(text[prev.end - 1]) < 0x1100 and ord(text[seg.start]) < 0x1100:
                glue = joiner(text[max(prev.start, prev.end - 2):prev.end], text[seg.start])  # else CJK: ""
                if glue:
                    builder.insert(glue, prev.end, seg.start)
            if plain and not seg.skips:
                builder.copy(seg.start, seg.end)
            else:
                emitter.segment(seg)
            prev = seg
        if builder.length == begin:  # only cut-out text: a placeholder keeps blocks apart
            builder.insert(" ", segs[0].start, segs[-1].end)
        spans = tuple([Span(s.start, s.end) for s in segs])
        blocks.append(Block(item.kind, Span(begin, builder.length), spans, segs[0].page, segs[0].column))
        last_end = segs[-1].end
    view_text, offsets = builder.build()
    return ReadingView(view_text, offsets, tuple(blocks), layout, text)


def build_view(doc: SourceDocument, layout: str = "auto") -> ReadingView:
    """The reading view of a document; `layout` is auto | plain | columns (ignored for Markdown and
    Word documents, whose paragraphs are given)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if doc.format == "markdown":
        items, used = markdown_items(doc.text), "plain"
    elif doc.format == "docx":  # one line per Word paragraph: never joined, never columns
        items, used = _text_items(doc.text, "plain")
        for item in items:
            if isinstance(item, Segment):
                item.new_block, item.wrapped = True, False
    else:
        items, used = _text_items(doc.text, layout)
    return _emit(doc.text, assemble(items, doc.text), used)


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
