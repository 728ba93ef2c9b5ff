"""Claim builders that look across sentences: totals whose parts are stated nearby (within a
window of the document) and the same figure stated twice.

Invariants: a total's parts name every member of one partition group (`rules/lexicon/
partitions.toml`), each once, in the total's unit; a restatement needs the same subject (of at
least four Han characters), unit and year. Each figure's subject is computed once per document
and a run-on clause has none (see `Sentence.subject`), so the cost stays linear in the text; what
both builders need of a subject is found once per distinct subject, in one walk (`restated`'s).
"""

from __future__ import annotations

import bisect
import re

from factlint.claimfinders import context
from factlint.claims import (
    Claim,
    Lexicon,
    TotalParts,
    compiled,
    new_restated,
    new_total_parts,
)
from factlint.claimtotals import _AMOUNT, _is_level, totals_at
from factlint.figures import year_of
from factlint.mentions import Kind, Mention
from factlint.patterncache import compile_pattern
from factlint.sentences import MAX_SUBJECT, BareSentence, Sentence


def across_sentences(sentences: list[Sentence | BareSentence], text: str, lex: Lexicon, found: list[Claim],
                     candidates: list[tuple[int, list[re.Match]]]) -> list[Claim]:
    """`totals_across`, then `restated`: both read the subject of every amount figure of the
    document, so `restated`'s walk fills the partition index `totals_across` searches."""
    index = _PartitionIndex(lex)
    again = restated(sentences, text, lex, index)
    return totals_across(sentences, text, lex, found, candidates, index) + again


def totals_across(sentences: list[Sentence | BareSentence], text: str, lex: Lexicon, found: list[Claim],
                  candidates: list[tuple[int, list[re.Match]]], index: _PartitionIndex,
                  window: int = 2000) -> list[Claim]:
    """A total (共/累计 … ) whose partition parts come in other sentences near it. `candidates`: the
    indexes, in order, of the sentences with figures and a `total_kw` match, each with its matches;
    `index`: the document's figures (filled by `restated`)."""
    have = totals_at(found)
    lead = compiled(lex)["lead"]
    out: list[Claim] = []
    starts = [t.start for t in sentences]  # in text order (split_sentences): bisect the window
    for n, total_kw in candidates:
        s = sentences[n]
        for m in total_kw:
            total = s.mention_at(m.start("t"))
            if total is None or total.kind not in _AMOUNT or (total.span.start, total.span.end) in have:
                continue
            core = m.group("subject")  # (words only: the pattern's subject class holds no figure token)
            verb = lead.match(core) if lead is not None else None
            if verb is not None:  # the subject without the verb it opens with (投入财政资金 → 财政资金)
                core = core[verb.end():]
            if len(core) < 2:
                continue
            lo = bisect.bisect_left(starts, s.start - window)
            hi = bisect.bisect_right(starts, s.start + window)
            claim = _find_partition(index, lex, s, n, m, total, core, range(lo, hi), text)
            if claim:
                out.append(claim)
    return out


class _PartitionIndex:
    """The document's amount figures whose subject names exactly one member of a partition group,
    by unit, the last two characters of the subject without that member (a total's `core` has two
    or more: only rows ending like it can end with it) and group (in partitions.toml order), in
    text order: keys (sentence indexes) and rows (sentence index, figure, subject words without the
    member, member). Filled in text order (`add`) before it is first read (`figures`); the groups
    a total's subject leaves open are memoised per subject."""

    def __init__(self, lex: Lexicon) -> None:
        self.groups = lex.groups
        self.members = compiled(lex)["members"]
        self.member_groups: dict[str, list[int]] = compiled(lex)["member_groups"]
        self.by_key: dict[tuple, tuple[list[int], list[tuple]]] = {}  # (unit, tail, group) → keys, rows
        self.by_unit: dict[str | None, dict[str, list[tuple[int, list[int], list[tuple]]]]] | None = None
        self.open: dict[str, set[int]] = {}

    def eligible(self, subject: str) -> set[int]:
        got = self.open.get(subject)
        if got is None:
            got = self.open[subject] = {g for g, (members, _) in enumerate(self.groups)
                                        if not any(q in subject for q in members)}
        return got

    def hits(self, words: str) -> list[tuple[int, str, str, str]]:
        """(group, member, words without it, their last two characters) for each group of which
        `words` names exactly one member, in order, when the rest is long enough to end with a
        core (two characters)."""
        found: list[tuple[int, str, str, str]] = []
        if self.members is None or self.members.search(words) is None:
            return found
        present = {q for q in self.member_groups if q in words}
        for g in sorted({g for q in present for g in self.member_groups[q]}):
            hit = [q for q in self.groups[g][0] if q in present]
            if len(hit) == 1:
                rest = words.replace(hit[0], "")
                if len(rest) >= 2:
                    found.append((g, hit[0], rest, rest[-2:]))
        return found

    def add(self, k: int, x: Mention, hits: list[tuple[int, str, str, str]]) -> None:
        """Index figure `x` of sentence `k` under the `hits` of its subject."""
        by_key = self.by_key
        for g, q, rest, tail in hits:
            key = (x.unit, tail, g)
            bucket = by_key.get(key)
            if bucket is None:
                bucket = by_key[key] = ([], [])
            bucket[0].append(k)
            bucket[1].append((k, x, rest, q))

    def figures(self, unit: str | None) -> dict[str, list[tuple[int, list[int], list[tuple]]]]:
        if self.by_unit is None:
            self.by_unit = self._by_unit()
        return self.by_unit.get(unit, {})

    def _by_unit(self) -> dict[str | None, dict[str, list[tuple[int, list[int], list[tuple]]]]]:
        by_unit: dict[str | None, dict[str, list[tuple[int, list[int], list[tuple]]]]] = {}
        for (unit, tail, g), (keys, rows) in self.by_key.items():
            by_unit.setdefault(unit, {}).setdefault(tail, []).append((g, keys, rows))
        for tails in by_unit.values():
            for groups in tails.values():
                groups.sort()
        return by_unit


def _find_partition(index: _PartitionIndex, lex: Lexicon, s: Sentence, n: int, m: re.Match, total: Mention,
                    core: str, window: range, text: str) -> TotalParts | None:
    """The first group (in partitions.toml order) not named in the total's subject whose every
    member is named, once, by a figure in the window whose other words end with `core` (the first
    such figure in text order, for each member)."""
    groups = index.figures(total.unit).get(core[-2:])
    if not groups:
        return None
    open_groups = index.eligible(m.group("subject"))
    for g, keys, rows in groups:
        if g not in open_groups:
            continue
        members, complete = lex.groups[g]
        got: dict[str, Mention] = {}
        for i in range(bisect.bisect_left(keys, window.start), bisect.bisect_left(keys, window.stop)):
            k, x, rest, q = rows[i]
            if k != n and q not in got and rest.endswith(core):
                got[q] = x
                if len(got) == len(members):
                    parts = tuple(got[q] for q in members)
                    ctx = context(s, text, lex, m.start(), m.end())
                    return new_total_parts(total, parts, members, complete, ctx, False)
    return None


def restated(sentences: list[Sentence | BareSentence], text: str, lex: Lexicon,
             index: _PartitionIndex) -> list[Claim]:
    """The same level figure (subject of ≥ 4 Han characters, year, unit) stated twice, differently:
    one claim per first statement, with its first different restatement (`_dedupe` would drop the
    others, so they are not built). On the way, every amount figure is added to `index` under the
    partition members its subject names (`_PartitionIndex.add`), in text order."""
    seen: dict[tuple, Mention] = {}
    reported: set[tuple[int, int]] = set()  # spans of the first figures claimed (`_dedupe` keeps one claim each)
    out: list[Claim] = []
    facts = _SubjectFacts(lex, index)
    add = index.add
    year_kind = Kind.YEAR
    paragraph = -1
    year: Mention | None = None  # the paragraph's last year so far (sentences come in text order)
    converted: Mention | None = None  # the year last converted to a number (only when a key needs it)
    number: int | None = None
    for k, s in enumerate(sentences):
        if not s.mentions:  # (the paragraph is compared at the next sentence with figures: same reset)
            continue
        if s.paragraph != paragraph:
            paragraph, year = s.paragraph, None
        subjects: list[str | None] | None = None  # read at the first amount figure
        enumerated = False
        for i, x in enumerate(s.mentions):
            kind = x.kind
            if kind is year_kind:
                year = x
                continue
            if kind not in _AMOUNT:
                continue
            if subjects is None:
                subjects = s.subjects()
                sk = s.skeleton
                enumerated = sk[:1] in _ENUMERATOR_OPENS and _ENUMERATOR.match(sk) is not None
            subject, hits = facts[subjects[i]]
            if hits:
                add(k, x, hits)
            if x.approx or x.qualifier is not None or x.unit is None:
                continue  # a bare number (table cell, code) is too ambiguous to call a restatement
            if enumerated:
                subject = facts[_item_words(s, i)][0]
            if subject is None:
                continue
            if year is not converted:
                converted, number = year, year_of(year)
            key = (subject, x.unit, number, None if number is not None else paragraph)
            prev = seen.get(key)
            if prev is None:
                seen[key] = x
            elif prev.value != x.value:
                first = (prev.span.start, prev.span.end)
                if first not in reported:  # a later restatement of `prev` would be dropped: not built
                    reported.add(first)
                    out.append(new_restated(prev, x, subject, context(s, text, lex, 0, len(s.skeleton))))
    return out


class _SubjectFacts(dict):
    """Subject words → (restatement key, partition hits), each found once: the key is None for no
    subject or one that is not a level one (`_subject_key`); the hits are `_PartitionIndex.hits`."""

    def __init__(self, lex: Lexicon, index: _PartitionIndex) -> None:
        super().__init__({None: (None, ())})
        self.lex = lex
        self.index = index

    def __missing__(self, words: str) -> tuple[str | None, list[tuple[int, str, str, str]]]:
        facts = self[words] = (_subject_key(words, self.lex), self.index.hits(words))
        return facts


_ENUMERATOR = compile_pattern(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+、")
_ENUMERATOR_OPENS = "一二三四五六七八九十（(第"  # the characters an `_ENUMERATOR` match opens with
_LEVEL_TAIL = compile_pattern(r"(?:达到|达|为|是)$")
_LEVEL_VERBS = ("达到", "达", "为", "是")  # what a `_LEVEL_TAIL` match ends with (subjects hold no "\n")


class _HanOnly(dict):
    """A `str.translate` table that keeps the Han characters (U+3400–9FFF, U+F900–FAFF) and drops
    the rest, filled as characters are met: a regex class of those ranges costs `re` a Python loop
    over 28,000 characters to compile."""

    def __missing__(self, code: int) -> int | None:
        keep = self[code] = code if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF else None
        return keep


_HAN_ONLY = _HanOnly()


def _item_words(s: Sentence, i: int) -> str | None:
    """The subject of `s.mentions[i]` in an enumerated item: the words of the whole sentence before
    it, not of its clause (`一是围绕交通建设，实施项目6个` and `二是围绕水利建设，实施项目5个` are
    different subjects); none past MAX_SUBJECT, as for a run-on clause (see `Sentence.subject`)."""
    j = s.positions[i]
    return s.words(0, j) if j <= MAX_SUBJECT else None


def _subject_key(words: str, lex: Lexicon) -> str | None:
    """The Han characters of `words` (punctuation and spacing do not change a subject) less a level
    verb ending them, when at least four and the words state a level and no total (else None).
    The cheap tests go first: most subjects that are refused are refused by them."""
    if words.endswith(_LEVEL_VERBS):
        words = _LEVEL_TAIL.sub("", words)
    total = compiled(lex)["total"]  # any TOTAL word
    if len(words) < 4 or not _is_level(words, lex) or (total is not None and total.search(words)):
        return None  # (fewer than four characters: fewer than four Han ones)
    han = words.translate(_HAN_ONLY)
    return han if len(han) >= 4 else None
