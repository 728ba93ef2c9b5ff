"""Sentences of the reading view, each with its mentions and a SKELETON for claim patterns.

A skeleton is the sentence text with every mention replaced by ONE private-use token character
naming its kind (`TOKENS`), so claim patterns are plain regular expressions over words and
figure tokens. Invariants: `skeleton[positions[i]]` is the token of `mentions[i]`;
`offsets[j]` is the view offset where skeleton character j starts; mentions are in text order and
lie inside the sentence. Paragraph numbers count "\\n"-separated blocks of the view.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factlint.mentions import Kind, Mention
from factlint.spans import Span

TOKENS = {
    Kind.YEAR: "\ue001",
    Kind.DATE: "\ue002",
    Kind.QUANTITY: "\ue003",
    Kind.NUMBER: "\ue003",
    Kind.PERCENT: "\ue004",
    Kind.PERMILLE: "\ue004",
    Kind.POINTS: "\ue005",
    Kind.MULTIPLE: "\ue006",
    Kind.ORDINAL: "\ue007",
}
TOKEN_NAMES = {"Y": "\ue001", "T": "\ue002", "Q": "\ue003", "P": "\ue004", "D": "\ue005", "M": "\ue006", "O": "\ue007"}
ANY_TOKEN = "\ue001-\ue007"

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_TOKEN_RE = re.compile(f"[{ANY_TOKEN}]")
CLAUSE_SEP = re.compile(r"[，,、：:（）()“”\"]")


def _start(m: Mention) -> int:
    return m.span.start


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    paragraph: int
    mentions: tuple[Mention, ...]
    skeleton: str
    positions: tuple[int, ...]
    offsets: tuple[int, ...]

    def mention_at(self, index: int) -> Mention | None:
        """The mention whose token sits at skeleton index `index` (None if it is a word)."""
        i = bisect.bisect_left(self.positions, index)  # positions increase: no linear search
        return self.mentions[i] if i < len(self.positions) and self.positions[i] == index else None

    def index_of(self, mention: Mention) -> int:
        """Index of `mention` in `mentions` (ValueError if absent), in log time: mentions are in
        text order, one per start, so a long sentence of figures costs no quadratic search."""
        i = bisect.bisect_left(self.mentions, mention.span.start, key=_start)
        if i < len(self.mentions) and (self.mentions[i] is mention or self.mentions[i] == mention):
            return i
        return self.mentions.index(mention)

    def view_offset(self, index: int) -> int:
        return self.offsets[index] if index < len(self.offsets) else self.span.end

    def words_before(self, mention: Mention, view_text: str) -> str:
        """The words of the clause before `mention` (its subject), figures removed."""
        i = self.index_of(mention)
        j = self.positions[i]
        k = j
        while k > 0 and not CLAUSE_SEP.match(self.skeleton[k - 1]):
            k -= 1
        return self.words(k, j)

    def words(self, i: int, j: int) -> str:
        """Skeleton[i:j] as words: ordinals (第一) keep their text, other figures are dropped."""
        out = []
        for idx in range(i, j):
            ch = self.skeleton[idx]
            if ch == TOKENS[Kind.ORDINAL]:
                out.append(self.mention_at(idx).raw)
            elif not _TOKEN_RE.match(ch):
                out.append(ch)
        return "".join(out)


def split_sentences(text: str, mentions: list[Mention]) -> list[Sentence]:
    """Cut the view at sentence ends; a mention belongs to the sentence holding its start."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
    sentences: list[Sentence] = []
    start, paragraph, k = 0, 0, 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        inside: list[Mention] = []
        while k < len(ordered) and ordered[k].span.start < end + (1 if end_match else 0):
            m = ordered[k]
            k += 1
            if m.span.start >= start and m.span.end <= end:
                inside.append(m)
        if end > start:
            sentences.append(_build(text, Span(start, end), paragraph, inside))
        if end_match and end_match.group() == "\n":
            paragraph += 1
        start = end + 1
    return sentences


def _build(text: str, span: Span, paragraph: int, mentions: list[Mention]) -> Sentence:
    chars: list[str] = []
    offsets: list[int] = []
    positions: list[int] = []
    kept: list[Mention] = []
    pos = span.start
    for m in mentions:
        if m.span.start < pos:  # overlapping mention: keep the first
            continue
        for o in range(pos, m.span.start):
            chars.append(text[o])
            offsets.append(o)
        positions.append(len(chars))
        kept.append(m)
        chars.append(TOKENS.get(m.kind, TOKENS[Kind.NUMBER]))
        offsets.append(m.span.start)
        pos = m.span.end
    for o in range(pos, span.end):
        chars.append(text[o])
        offsets.append(o)
    return Sentence(span, paragraph, tuple(kept), "".join(chars), tuple(positions), tuple(offsets))
