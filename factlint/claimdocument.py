"""Claim builders that look across sentences: totals whose parts are stated nearby (within a
window of the document) and the same figure stated twice.

Invariants: a total's parts name every member of one partition group (`rules/lexicon/
partitions.toml`), each once, in the total's unit; a restatement needs the same subject (of at
least four Han characters), unit and year. Each figure's subject is computed once per document
and a run-on clause has none (see `Sentence.subject`), so the cost stays linear in the text.
"""

from __future__ import annotations

import bisect
import re

from factlint.claimfinders import context
from factlint.claims import Claim, Lexicon, Restated, TotalParts
from factlint.claimtotals import _AMOUNT, _TOKENS_RE, _is_level, may_total
from factlint.figures import year_of
from factlint.mentions import Kind, Mention
from factlint.sentences import MAX_SUBJECT, Sentence


def totals_across(sentences: list[Sentence], text: str, lex: Lexicon, found: list[Claim],
                  window: int = 2000) -> list[Claim]:
    """A total (共/累计 … ) whose partition parts come in other sentences near it."""
    have = {c.total.span for c in found if isinstance(c, TotalParts)}
    leads = sorted(lex.words["LEADVERB"], key=len, reverse=True)
    out: list[Claim] = []
    starts = [t.span.start for t in sentences]  # in text order (split_sentences): bisect the window
    index = _PartitionIndex(sentences, text, lex)
    for n, s in enumerate(sentences):
        if not s.positions or not may_total(s.skeleton):
            continue
        for m in lex.patterns["total_kw"].finditer(s.skeleton):
            total = s.mention_at(m.start("t"))
            if total is None or total.span in have or total.kind not in _AMOUNT:
                continue
            core = _strip_lead(_TOKENS_RE.sub("", m.group("subject")), leads)
            if len(core) < 2:
                continue
            lo = bisect.bisect_left(starts, s.span.start - window)
            hi = bisect.bisect_right(starts, s.span.start + window)
            claim = _find_partition(index, lex, s, n, m, total, core, range(lo, hi), text)
            if claim:
                out.append(claim)
    return out


def _strip_lead(words: str, leads: list[str]) -> str:
    for v in leads:
        if words.startswith(v):
            return words[len(v):]
    return words


class _PartitionIndex:
    """The document's amount figures whose subject names exactly one member of a partition group,
    by unit and group, in text order: keys (sentence indexes) and rows (sentence index, figure,
    subject words, member). Built on first use; the groups a total's subject leaves open are
    memoised per subject."""

    def __init__(self, sentences: list[Sentence], text: str, lex: Lexicon) -> None:
        self.sentences = sentences
        self.text = text
        self.groups = lex.groups
        self.by_unit: dict[str | None, dict[int, tuple[list[int], list[tuple]]]] | None = None
        self.open: dict[str, list[int]] = {}

    def eligible(self, subject: str) -> list[int]:
        got = self.open.get(subject)
        if got is None:
            got = self.open[subject] = [g for g, (members, _) in enumerate(self.groups)
                                        if not any(q in subject for q in members)]
        return got

    def _hits(self, words: str, memo: dict[str, tuple]) -> tuple[tuple[int, str], ...]:
        found = memo.get(words)
        if found is None:
            out = []
            for g, (members, _) in enumerate(self.groups):
                hit = [q for q in members if q in words]
                if len(hit) == 1:
                    out.append((g, hit[0]))
            found = memo[words] = tuple(out)
        return found

    def figures(self, unit: str | None) -> dict[int, tuple[list[int], list[tuple]]]:
        if self.by_unit is None:
            self.by_unit = {}
            memo: dict[str, tuple] = {}
            for k, t in enumerate(self.sentences):
                for i, x in enumerate(t.mentions):
                    words = t.subject_at(i) if x.kind in _AMOUNT else None
                    if words is None:
                        continue
                    for g, q in self._hits(words, memo):
                        keys, rows = self.by_unit.setdefault(x.unit, {}).setdefault(g, ([], []))
                        keys.append(k)
                        rows.append((k, x, words, q))
        return self.by_unit.get(unit, {})


def _find_partition(index: _PartitionIndex, lex: Lexicon, s: Sentence, n: int, m: re.Match, total: Mention,
                    core: str, window: range, text: str) -> TotalParts | None:
    """The first group (in partitions.toml order) not named in the total's subject whose every
    member is named, once, by a figure in the window whose other words end with `core` (the first
    such figure in text order, for each member)."""
    by_group = index.figures(total.unit)
    for g in index.eligible(m.group("subject")):
        if g not in by_group:
            continue
        members, complete = lex.groups[g]
        keys, rows = by_group[g]
        got: dict[str, Mention] = {}
        for i in range(bisect.bisect_left(keys, window.start), bisect.bisect_left(keys, window.stop)):
            k, x, words, q = rows[i]
            if k != n and q not in got and words.replace(q, "").endswith(core):
                got[q] = x
                if len(got) == len(members):
                    parts = tuple(got[q] for q in members)
                    ctx = context(s, text, lex, m.start(), m.end())
                    return TotalParts(total, parts, members, complete, ctx, nearby=False)
    return None


def restated(sentences: list[Sentence], text: str, lex: Lexicon) -> list[Claim]:
    """The same level figure (subject of ≥ 4 Han characters, year, unit) stated twice, differently."""
    seen: dict[tuple, Mention] = {}
    out: list[Claim] = []
    year_in_par: dict[int, int | None] = {}
    memo: dict[str, str | None] = {}  # subject words → key (None: not a level subject)
    for s in sentences:
        enumerated: bool | None = None
        for i, x in enumerate(s.mentions):
            if x.kind is Kind.YEAR:
                year_in_par[s.paragraph] = year_of(x)
                continue
            if x.kind not in _AMOUNT or x.approx or x.qualifier is not None or x.unit is None:
                continue  # a bare number (table cell, code) is too ambiguous to call a restatement
            if enumerated is None:
                enumerated = _ENUMERATOR.match(s.skeleton) is not None
            subject = _level_subject(s, i, enumerated, lex, memo)
            if subject is None:
                continue
            year = year_in_par.get(s.paragraph)
            key = (subject, x.unit, year, None if year is not None else s.paragraph)
            prev = seen.get(key)
            if prev is None:
                seen[key] = x
            elif prev.value != x.value:
                out.append(Restated(prev, x, subject, context(s, text, lex, 0, len(s.skeleton))))
    return out


_ENUMERATOR = re.compile(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+、")
_LEVEL_TAIL = re.compile(r"(?:达到|达|为|是)$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _level_subject(s: Sentence, i: int, enumerated: bool, lex: Lexicon, memo: dict[str, str | None]) -> str | None:
    """The subject of `s.mentions[i]`: the words of its clause, or of the whole sentence before it
    when the sentence is an enumerated item (`一是围绕交通建设，实施项目6个` and `二是围绕水利建设，
    实施项目5个` are different subjects). A run-on clause (see `Sentence.subject`) has none."""
    if enumerated:
        j = s.positions[i]
        words = s.words(0, j) if j <= MAX_SUBJECT else None
    else:
        words = s.subject_at(i)
    if words is None:
        return None
    if words in memo:
        return memo[words]
    key = memo[words] = _subject_key(words, lex)
    return key


def _subject_key(words: str, lex: Lexicon) -> str | None:
    words = _LEVEL_TAIL.sub("", words)
    han = "".join(_HAN.findall(words))  # the key: punctuation and spacing do not change a subject
    if len(han) < 4 or not _is_level(words, lex) or any(w in words for w in lex.words["TOTAL"]):
        return None
    return han
