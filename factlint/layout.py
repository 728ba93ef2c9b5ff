"""Reading order: SourceDocument → ReadingView (prose in reading order + OffsetMap to the source).

PLACEHOLDER: identity view (the source as is, one paragraph block). The layout stage replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from factlint.offsets import OffsetMap
from factlint.source import SourceDocument
from factlint.spans import Span


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


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    view: Span | None  # where the block sits in the view; None for blocks left out of it
    source: tuple[Span, ...]  # the source ranges it came from
    page: int = 1
    column: int = 0


@dataclass(frozen=True, slots=True)
class ReadingView:
    """Prose in reading order. Paragraph blocks are separated by one synthetic '\\n'."""

    text: str
    map: OffsetMap
    blocks: tuple[Block, ...]
    layout: str = "plain"  # what was detected or forced: plain | columns


LAYOUTS = ("auto", "plain", "columns")


def build_view(doc: SourceDocument, layout: str = "auto") -> ReadingView:
    text = doc.text
    span = Span(0, len(text))
    return ReadingView(text, OffsetMap.identity(len(text)), (Block(BlockKind.PARAGRAPH, span, (span,)),), "plain")
