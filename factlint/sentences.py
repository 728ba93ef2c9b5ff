"""Sentences of the reading view, each with its mentions and a SKELETON for claim patterns.

A skeleton is the sentence text with every mention replaced by ONE private-use token character
naming its kind (`TOKENS`), so claim patterns are plain regular expressions over words and
figure tokens. Invariants: `skeleton[positions[i]]` is the token of `mentions[i]`;
`offsets[j]` is the view offset where skeleton character j starts; mentions are in text order and
lie inside the sentence. Paragraph numbers count "\\n"-separated blocks of the view.
Word lookups (`words`, `words_before`) cost O(log n) each: the figure-free words and the clause
separators of a sentence are computed once, on first use.
"""

from __future__ import annotations

import bisect
import re

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
_ORDINAL = TOKENS[Kind.ORDINAL]
MAX_SUBJECT = 200  # skeleton characters: a longer clause (a run-on line of figures) names no subject
_NUMBER = TOKENS[Kind.NUMBER]


def _start(m: Mention) -> int:
    return m.span.start


class Sentence:
    """One sentence of the view (see the module invariants). Read-only after construction."""

    __slots__ = ("span", "paragraph", "mentions", "skeleton", "positions", "_seps", "_words", "_ordcum",
                 "_offsets", "_before", "memo")

    def __init__(self, span: Span, paragraph: int, mentions: tuple[Mention, ...], skeleton: str,
                 positions: tuple[int, ...]) -> None:
        self.span = span
        self.paragraph = paragraph
        self.mentions = mentions
        self.skeleton = skeleton
        self.positions = positions
        self._seps: list[int] | None = None
        self._words: str | None = None  # the skeleton without figure tokens, ordinals as their text
        self._ordcum: list[int] | None = None  # [t]: ordinal text length in tokens < t ([]: no ordinals)
        self._offsets: tuple[int, ...] | None = None
        self._before: dict[int, str] = {}  # mention index → words_before
        self.memo: dict[str, object] = {}  # per-sentence facts computed once by claim builders

    @property
    def offsets(self) -> tuple[int, ...]:
        if self._offsets is None:
            self._offsets = tuple(self.view_offset(j) for j in range(len(self.skeleton)))
        return self._offsets

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
        """View offset where skeleton character `index` starts (the sentence end past the skeleton)."""
        if index >= len(self.skeleton) or index < 0:
            return self.span.end if index >= len(self.skeleton) else self.offsets[index]
        t = bisect.bisect_right(self.positions, index) - 1
        if t < 0:
            return self.span.start + index
        if self.positions[t] == index:
            return self.mentions[t].span.start
        return self.mentions[t].span.end + (index - self.positions[t] - 1)

    def clause_start(self, index: int) -> int:
        """Skeleton index just after the last clause separator before `index` (0 if none)."""
        if self._seps is None:
            self._seps = [m.start() for m in CLAUSE_SEP.finditer(self.skeleton)]
        k = bisect.bisect_left(self._seps, index)
        return self._seps[k - 1] + 1 if k else 0

    def words_before(self, mention: Mention, view_text: str) -> str:
        """The words of the clause before `mention` (its subject), figures removed."""
        return self.words_before_at(self.index_of(mention))

    def words_before_at(self, i: int) -> str:
        """`words_before(mentions[i])`, computed once."""
        words = self._before.get(i)
        if words is None:
            j = self.positions[i]
            words = self._before[i] = self.words(self.clause_start(j), j)
        return words

    def subject(self, mention: Mention) -> str | None:
        return self.subject_at(self.index_of(mention))

    def subject_at(self, i: int) -> str | None:
        """`words_before_at(i)`, or None when the clause before it is longer than MAX_SUBJECT
        (a run-on line, not prose): subjects are compared and searched, so an unbounded one
        would make a long line of figures cost quadratic time."""
        return self.words_before_at(i) if self._short_clause(i) else None

    def _short_clause(self, i: int) -> bool:
        j = self.positions[i]
        return j - self.clause_start(j) <= MAX_SUBJECT

    def words(self, i: int, j: int) -> str:
        """Skeleton[i:j] as words: ordinals (第一) keep their text, other figures are dropped."""
        if self._words is None:
            self._index_words()
        if self._ordcum is None:  # token characters that are not figures: the plain walk
            return self._walk(i, j)
        return self._words[self._word_at(i):self._word_at(j)]

    def _word_at(self, index: int) -> int:
        index = max(0, min(index, len(self.skeleton)))
        t = bisect.bisect_left(self.positions, index)
        return index - t + self._ordcum[t] if self._ordcum else index - t

    def _index_words(self) -> None:
        sk = self.skeleton
        words = _TOKEN_RE.sub("", sk)
        if len(sk) - len(words) != len(self.positions):
            self._words = ""
            return
        if _ORDINAL not in sk:  # the common case: every token is simply dropped
            self._words, self._ordcum = words, []
            return
        parts: list[str] = []
        ordcum = [0]
        pos = 0
        for p, m in zip(self.positions, self.mentions):
            parts.append(sk[pos:p])
            extra = m.raw if sk[p] == _ORDINAL else ""
            parts.append(extra)
            ordcum.append(ordcum[-1] + len(extra))
            pos = p + 1
        parts.append(sk[pos:])
        self._words = "".join(parts)
        self._ordcum = ordcum

    def _walk(self, i: int, j: int) -> str:
        out = []
        for idx in range(i, j):
            ch = self.skeleton[idx]
            if ch == _ORDINAL:
                out.append(self.mention_at(idx).raw)
            elif not _TOKEN_RE.match(ch):
                out.append(ch)
        return "".join(out)


def split_sentences(text: str, mentions: list[Mention]) -> list[Sentence]:
    """Cut the view at sentence ends; a mention belongs to the sentence holding its start."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
    sentences: list[Sentence] = []
    start, paragraph, k = 0, 0, 0
    n = len(ordered)
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        inside: list[Mention] = []
        limit = end + (1 if end_match else 0)
        while k < n and ordered[k].span.start < limit:
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
    if not mentions:
        return Sentence(span, paragraph, (), text[span.start:span.end], ())
    chars: list[str] = []
    positions: list[int] = []
    kept: list[Mention] = []
    pos = span.start
    length = 0
    for m in mentions:
        start = m.span.start
        if start < pos:  # overlapping mention: keep the first
            continue
        chars.append(text[pos:start])
        length += start - pos
        positions.append(length)
        kept.append(m)
        chars.append(TOKENS.get(m.kind, _NUMBER))
        length += 1
        pos = m.span.end
    chars.append(text[pos:span.end])
    return Sentence(span, paragraph, tuple(kept), "".join(chars), tuple(positions))
