"""Sentences of the reading view, each with its mentions and a SKELETON for claim patterns (a
sentence without figures is only a place: `BareSentence`).

A skeleton is the sentence text with every mention replaced by ONE private-use token character
naming its kind (`TOKENS`), so claim patterns are plain regular expressions over words and
figure tokens. Invariants: `skeleton[positions[i]]` is the token of `mentions[i]`;
`offsets[j]` is the view offset where skeleton character j starts; mentions are in text order and
lie inside the sentence. Paragraph numbers count "\\n"-separated blocks of the view.
Word lookups (`words`, `words_before`) cost O(log n) each: the figure-free words and the clause
separators of a sentence are computed once, on first use (few sentences need them). Every
mention's subject (`subjects()`: the document-wide claims ask for nearly all of them) is taken
while its skeleton is built, in the same walk over its figures.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import islice
from operator import attrgetter, le, lt

from factlint.lazypattern import LazyPattern
from factlint.mentions import Kind, Mention
from factlint.patterncache import compile_pattern
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
_NOT_A_TOKEN = "\ue000"  # stands in a skeleton for a token character of the text itself

_SENTENCE_ENDS = "。！？!?；;\n"  # the characters that end a sentence
_TOKEN_CHARS = "".join(map(chr, range(0xE001, 0xE008)))  # the characters of ANY_TOKEN
_TOKEN_RE = compile_pattern(f"[{ANY_TOKEN}]")
_CLAUSE_SEPS = "，,、：:（）()“”\""  # the characters that end a clause (each is punctuation: not `isalnum`)
CLAUSE_SEP = LazyPattern(f"[{re.escape(_CLAUSE_SEPS)}]")
_ORDINAL = TOKENS[Kind.ORDINAL]
MAX_SUBJECT = 200  # skeleton characters: a longer clause (a run-on line of figures) names no subject
_NUMBER = TOKENS[Kind.NUMBER]
_TOKEN_OF = {k: TOKENS.get(k, _NUMBER) for k in Kind}  # every kind: a plain dict lookup
_NO_ORDINALS: list[int] = []  # `Sentence._ordcum` of a sentence without ordinals: one list, never changed


_start = attrgetter("span.start")  # a mention's start, as a C-level key (`index_of` bisects with it)


def _order(m: Mention) -> tuple[int, int]:
    return m.span.start, m.span.end


class Sentence:
    """One sentence of the view (see the module invariants). Read-only after construction but
    for the facts claim builders compute once (`levels`, `ctx_facts`). `start`/`end` are its view
    offsets (`span` as a Span). `mentions` and `positions` are the lists they were built in (no
    tuple copies: fewer objects for the garbage collector to count); `split_sentences` builds
    none without figures (that is a `BareSentence`)."""

    __slots__ = ("start", "end", "paragraph", "mentions", "skeleton", "positions", "_seps", "_words", "_ordcum",
                 "_offsets", "_before", "_subjects", "ctx_facts", "levels")

    def __init__(self, start: int, end: int, paragraph: int, mentions: Sequence[Mention], skeleton: str,
                 positions: Sequence[int], subjects: list[str | None] | None = None) -> None:
        """`subjects`: what `subjects()` would compute, when the builder has them (None: computed on
        first use)."""
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.mentions = mentions
        self.skeleton = skeleton
        self.positions = positions
        self._seps: list[int] | None = None  # clause separator indexes
        self._words: str | None = None  # the skeleton without figure tokens, ordinals as their text
        self._ordcum: list[int] | None = None  # [t]: ordinal text length in tokens < t (`_NO_ORDINALS`: none)
        self._offsets: tuple[int, ...] | None = None
        self._before: dict[int, str] | None = None  # mention index → words_before (beyond `subjects`)
        self._subjects = subjects
        self.ctx_facts: tuple | None = None  # see claimfinders.context
        self.levels: dict | None = None  # see claimtotals._levels_after

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def offsets(self) -> tuple[int, ...]:
        if self._offsets is None:
            self._offsets = tuple(self.view_offset(j) for j in range(len(self.skeleton)))
        return self._offsets

    def mention_at(self, index: int) -> Mention | None:
        """The mention whose token sits at skeleton index `index` (None if it is a word)."""
        positions = self.positions
        i = bisect_left(positions, index)  # positions increase: no linear search
        return self.mentions[i] if i < len(positions) and positions[i] == index else None

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
            return self.end if index >= len(self.skeleton) else self.offsets[index]
        t = bisect.bisect_right(self.positions, index) - 1
        if t < 0:
            return self.start + index
        if self.positions[t] == index:
            return self.mentions[t].span.start
        return self.mentions[t].span.end + (index - self.positions[t] - 1)

    def clause_start(self, index: int) -> int:
        """Skeleton index just after the last clause separator before `index` (0 if none)."""
        seps = self._seps
        if seps is None:
            seps = self._seps = [m.start() for m in CLAUSE_SEP.finditer(self.skeleton)]
        k = bisect.bisect_left(seps, index)
        return seps[k - 1] + 1 if k else 0

    def words_before(self, mention: Mention, view_text: str) -> str:
        """The words of the clause before `mention` (its subject), figures removed."""
        return self.words_before_at(self.index_of(mention))

    def words_before_at(self, i: int) -> str:
        """`words_before(mentions[i])`, computed once."""
        subjects = self._subjects
        if type(subjects) is list and subjects[i] is not None:
            return subjects[i]
        before = self._before
        if before is None:
            before = self._before = {}
        words = before.get(i)
        if words is None:
            j = self.positions[i]
            words = before[i] = self.words(self.clause_start(j), j)
        return words

    def subject(self, mention: Mention) -> str | None:
        return self.subject_at(self.index_of(mention))

    def subject_at(self, i: int) -> str | None:
        """`words_before_at(i)`, or None when the clause before it is longer than MAX_SUBJECT
        (a run-on line, not prose): subjects are compared and searched, so an unbounded one
        would make a long line of figures cost quadratic time."""
        subjects = self._subjects
        if subjects is None:
            subjects = self.subjects()
        return subjects[i]

    def subjects(self) -> list[str | None]:
        """`subject_at(i)` for every mention (index it: it may compute each on first use),
        computed once, in one walk over the mentions and the clause separators (both in
        skeleton order)."""
        subjects = self._subjects
        if subjects is not None:
            return subjects
        if self._words is None:
            self._index_words()
        ordcum = self._ordcum
        positions = self.positions
        if ordcum is None:  # token characters that are not figures: each on first use (`_walk`)
            subjects = _Subjects(self)
        else:
            words = self._words
            seps = self._seps
            if seps is None:
                seps = self._seps = [m.start() for m in CLAUSE_SEP.finditer(self.skeleton)]
            nseps = len(seps)
            subjects = []
            append = subjects.append
            k = 0  # separators before the current mention
            cs = 0  # its clause start (skeleton index)
            wcs = 0  # the same in `words`
            for i, j in enumerate(positions):
                if k < nseps and seps[k] < j:
                    k = bisect.bisect_left(seps, j, k)
                    cs = seps[k - 1] + 1
                    t = bisect.bisect_left(positions, cs, 0, i)  # tokens before the clause start
                    wcs = cs - t + ordcum[t] if ordcum else cs - t
                if j - cs > MAX_SUBJECT:
                    append(None)
                else:
                    append(words[wcs:j - i + ordcum[i] if ordcum else j - i])
        self._subjects = subjects
        return subjects

    def _subject_walked(self, i: int) -> str | None:
        return self.words_before_at(i) if self._short_clause(i) else None

    def _short_clause(self, i: int) -> bool:
        j = self.positions[i]
        return j - self.clause_start(j) <= MAX_SUBJECT

    def all_words(self) -> str | None:
        """`words(0, len(skeleton))`, of which every subject is a substring; None when the skeleton
        holds token characters that are not figures (whose subjects are walked: not so)."""
        if self._words is None:
            self._index_words()
        return self._words if self._ordcum is not None else None

    def plain_words(self) -> str | None:
        """The skeleton without its tokens when every token is a figure's and none is an ordinal
        (then it is `all_words()`), else None."""
        if self._words is None:
            self._index_words()
        return self._words if self._ordcum == [] else None

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
            self._words, self._ordcum = words, _NO_ORDINALS
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


class BareSentence:
    """A sentence without figures: only where it is. The claims across sentences read its place
    (`start`, `end`, `paragraph`) and that it holds no figures (`mentions`), nothing else, so it
    has no skeleton (about a third of a yearbook's sentences hold no figure: a `Sentence` each
    would cost a copy of its text and fourteen slots)."""

    __slots__ = ("end", "paragraph", "start")
    mentions = ()

    def __init__(self, start: int, end: int, paragraph: int) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph


class _Subjects:
    """`Sentence.subjects()` of a sentence whose skeleton holds token characters that are not
    figures: each subject walked on first use, as asked for."""

    __slots__ = ("known", "sentence")

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.known: dict[int, str | None] = {}

    def __getitem__(self, i: int) -> str | None:
        if i not in self.known:
            self.known[i] = self.sentence._subject_walked(i)
        return self.known[i]


def split_sentences(text: str, mentions: list[Mention],
                    ends: list[int] | None = None) -> list[Sentence | BareSentence]:
    """Cut the view at sentence ends (`ends`: `sentence_ends(text)`, when known); a mention belongs
    to the sentence holding its start (and is left out when it runs past that sentence's end, or
    overlaps the figure before it). A sentence left without figures is a `BareSentence`."""
    starts = [m.span.start for m in mentions]
    figure_ends = [m.span.end for m in mentions]
    # When no figure overlaps the next (the number reader's output), the figures are in text order
    # already (no span ends before it starts), and a sentence's subjects are taken while its
    # skeleton is built.
    fast = all(map(le, figure_ends, islice(starts, 1, None)))
    ordered = mentions
    if not fast and not all(map(lt, starts, islice(starts, 1, None))):  # out of text order: sorted
        ordered = sorted(mentions, key=_order)
        starts = [m.span.start for m in ordered]
        figure_ends = [m.span.end for m in ordered]
        fast = all(map(le, figure_ends, islice(starts, 1, None)))
    if any(map(text.__contains__, _TOKEN_CHARS)):  # _TOKEN_RE.search, as C searches for one character
        # a token character in the text itself (a private-use code point, as PDF icon fonts leave)
        # is not a figure: the skeletons show another private-use character there (same length)
        text = _TOKEN_RE.sub(_NOT_A_TOKEN, text)
    build = _build if fast else _build_general
    sentences: list[Sentence | BareSentence] = []
    append = sentences.append
    start, paragraph, k = 0, 0, 0
    starts.append(len(text) + 1)  # past every end: the walks below stop at it
    for end in sentence_ends(text) if ends is None else ends:
        if starts[k] <= end:  # the mentions starting up to the end character (a few: walked)
            hi = k + 1
            while starts[hi] <= end:
                hi += 1
            if end > start:
                append(build(text, start, end, paragraph, ordered[k:hi]))
            k = hi
        elif end > start:
            append(BareSentence(start, end, paragraph))
        if text[end] == "\n":
            paragraph += 1
        start = end + 1
    end = len(text)
    if end > start:
        hi = bisect.bisect_left(starts, end, k)  # the last sentence has no end character
        append(build(text, start, end, paragraph, ordered[k:hi]) if k < hi
               else BareSentence(start, end, paragraph))
    return sentences


def sentence_ends(text: str) -> list[int]:
    """The offset of every sentence end in `text` (a character of `_SENTENCE_ENDS`), ascending:
    what `re.finditer("[。！？!?；;\\n]", text)` finds, with one `str.find` loop per end character
    (C searches, much cheaper than a character-class regex over the whole view)."""
    ends: list[int] = []
    append, find = ends.append, text.find
    for ch in _SENTENCE_ENDS:
        i = find(ch)
        while i >= 0:
            append(i)
            i = find(ch, i + 1)
    ends.sort()
    return ends


_LAST_SEP = compile_pattern(f".*{CLAUSE_SEP.pattern}", re.DOTALL)  # match: up to the last clause separator


def _build(text: str, start: int, end: int, paragraph: int, mentions: list[Mention]) -> Sentence | BareSentence:
    """The sentence `text[start:end]` with `mentions` (in text order, none overlapping the next, all
    starting in it: only the last may run past its end) and the subject of every figure (see
    `Sentence.subjects`): the words since the last clause separator, carried from figure to figure."""
    if mentions[-1].span.end > end:
        mentions = mentions[:-1]
        if not mentions:
            return BareSentence(start, end, paragraph)
    chars: list[str] = []  # text, token, text, token, …, text
    positions: list[int] = []
    subjects: list[str | None] = []
    token_of = _TOKEN_OF
    last_sep = _LAST_SEP.match
    pos = start
    shrink = start  # view offset - skeleton index, past the figure before
    clause = ""  # the words since the last clause separator
    for m in mentions:
        span = m.span
        s = span.start
        piece = text[pos:s]
        # (every clause separator is punctuation: C tests far cheaper than the search settle most pieces)
        if piece.isalnum() or not piece:  # no separator
            clause += piece
        elif piece[0] in _CLAUSE_SEPS and ((rest := piece[1:]).isalnum() or not rest):  # one, first (，比上年增长)
            clause = rest
        else:
            sep = last_sep(piece)
            clause = clause + piece if sep is None else piece[sep.end():]
        subjects.append(clause)
        token = token_of[m.kind]
        if token == _ORDINAL:
            clause += m.raw
        chars.append(piece)
        chars.append(token)
        positions.append(s - shrink)
        pos = span.end
        shrink += pos - s - 1
    chars.append(text[pos:end])
    sentence = Sentence(start, end, paragraph, mentions, "".join(chars), positions, subjects)
    if end - start > MAX_SUBJECT:  # a clause may be longer than MAX_SUBJECT: it names no subject
        for i in range(len(subjects)):
            if not sentence._short_clause(i):
                subjects[i] = None
    return sentence


def _build_general(text: str, start: int, end: int, paragraph: int,
                   mentions: list[Mention]) -> Sentence | BareSentence:
    """`_build` for any figures (one overlapping the figure before, or running past the sentence
    end, is left out), without subjects (computed on first use: `Sentence.subjects`)."""
    chars: list[str] = []
    positions: list[int] = []
    kept: list[Mention] = []
    pos = start
    shrink = start
    for m in mentions:
        span = m.span
        if span.start < pos or span.end > end:
            continue
        chars.append(text[pos:span.start])
        chars.append(_TOKEN_OF.get(m.kind, _NUMBER))
        positions.append(span.start - shrink)
        kept.append(m)
        shrink += span.end - span.start - 1
        pos = span.end
    if not kept:
        return BareSentence(start, end, paragraph)
    chars.append(text[pos:end])
    return Sentence(start, end, paragraph, kept, "".join(chars), positions)
