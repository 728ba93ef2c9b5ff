"""Claim builders for wholes: totals and parts, shares, shares of one whole (one sentence, or
the sentence before / the paragraph's earlier sentences for 其中 openers and 以上共计).

Invariants: parts share the total's unit (scale already folded by the Mention); a list of parts
counts as complete only when its names cover one complete partition of `rules/lexicon/
partitions.toml` (规划内/规划外 …) — any other 其中 list can only be checked for not exceeding
the total. Figures that state a change (比/增/减 …) are never parts.
"""

from __future__ import annotations

import bisect
import re
from itertools import chain

from factlint.claimfinders import context
from factlint.claims import (
    Claim,
    Lexicon,
    TotalParts,
    compiled,
    new_share,
    new_shares_of_whole,
    new_total_parts,
)
from factlint.figures import approximation
from factlint.lazypattern import LazyPattern
from factlint.mentions import Kind, Mention
from factlint.patterncache import compile_pattern
from factlint.sentences import ANY_TOKEN, BareSentence, Sentence

_TOKENS_RE = compile_pattern(f"[{ANY_TOKEN}]")
_NAME_SPLIT = LazyPattern(r"[、和与及]")
_AMOUNT = (Kind.QUANTITY, Kind.NUMBER)
_PERCENT = (Kind.PERCENT, Kind.PERMILLE)
_LIST_GAP = LazyPattern(r"[、和及与]?")
_OWN_WHOLE = ("其", "各自", "本")
_COMMA = compile_pattern(r"[，,]?")


def partition(names: list[str], lex: Lexicon) -> tuple[tuple[str, ...], bool] | None:
    """The group whose members each name holds exactly one of, covering all members (or None).
    Only the groups with a member in the first name can be it: no other is tried."""
    groups = lex.groups
    if names:
        pats = compiled(lex)
        first, firsts, member_groups = names[0], pats["member_firsts"], pats["member_groups"]
        # the members in the first name: those opening with one of its characters that it holds
        found = [q for c in firsts.keys() & first for q in firsts[c] if q in first]
        candidates = sorted(set(chain.from_iterable(map(member_groups.__getitem__, found))))
    else:
        candidates = range(len(groups))
    for g in candidates:
        members, complete = groups[g]
        if len(members) != len(names):  # one member each, all of them: as many names as members
            continue
        named = set()
        for n in names:
            hit = list(filter(n.__contains__, members))
            if len(hit) != 1:
                break
            named.add(hit[0])
        else:
            if len(named) == len(members):
                return members, complete
    return None


_NOUNS_WITH_VERBS = compile_pattern(r"增加值|增值税|新增")  # nouns and adjectives, not changes


def _is_level(words: str, lex: Lexicon) -> bool:
    """The words before a figure state a level (not a change or comparison)."""
    notlevel = compiled(lex)["notlevel"]  # any NOTLEVEL word
    if "增" not in words:  # (then no noun of `_NOUNS_WITH_VERBS` is there to take out)
        return notlevel is None or notlevel.search(words) is None
    return notlevel is None or notlevel.search(_NOUNS_WITH_VERBS.sub("", words)) is None


def _level(s: Sentence, x: Mention, text: str, lex: Lexicon) -> bool:
    """`x` has a subject (not a run-on clause, see `Sentence.subject`) that states a level."""
    words = s.subject(x)
    return words is not None and _is_level(words, lex)


def totals_at(claims: list[Claim]) -> set[tuple[int, int]]:
    """The (start, end) of every TotalParts total in `claims` (pairs of ints hash in C, Spans do not)."""
    return {(c.total.span.start, c.total.span.end) for c in claims if type(c) is TotalParts}


def may_total(skeleton: str) -> bool:
    """Cheap necessary condition for a `total_kw` match (共计 合计 总计 累计 共 总共 全年)."""
    return "共" in skeleton or "计" in skeleton or "全年" in skeleton


def shares_and_totals(s: Sentence, text: str, lex: Lexicon, total_kw: list[re.Match] | None) -> list[Claim]:
    """Totals and shares stated in `s`; `total_kw`: its `total_kw` matches, None when `may_total`
    rules them out (the caller looks them up once for this and `totals_across`)."""
    out: list[Claim] = []
    sk = s.skeleton
    if "其中" in sk and total_kw:
        out += _totals_with_subset(s, text, lex, total_kw)
    if "其中" in sk:
        out += _partition_totals(s, text, lex, totals_at(out))
    total_after = lex.patterns["total_after"]
    # (few sentences hold one: a search, which costs `re` less than a finditer, rules the rest out)
    if ("共" in sk or "合计" in sk or "总计" in sk) and total_after.search(sk):
        for m in total_after.finditer(sk):
            claim = _total_after(s, text, lex, m)
            if claim is not None:
                out.append(claim)
    if "分别" in sk and ("占" in sk or "比重" in sk):
        for m in lex.patterns["share_list"].finditer(sk):
            out += _share_list(s, text, lex, m)
    return out


def _totals_with_subset(s: Sentence, text: str, lex: Lexicon, total_kw: list[re.Match]) -> list[Claim]:
    """`共投入资金743.66亿元，其中…`: a total (one of the `total_kw` matches), then its parts after 其中."""
    out: list[Claim] = []
    for m in total_kw:
        total = s.mention_at(m.start("t"))
        if total is None or total.kind not in _AMOUNT or approximation(total, text) == "over":
            continue
        sub = lex.patterns["subset"].search(s.skeleton, m.end())
        if sub is None:
            continue
        parts, names, complete = _parts_after(s, text, lex, total, sub.end())
        if not parts:
            continue
        ctx = context(s, text, lex, m.start(), s.positions[s.index_of(parts[-1])] + 1)
        out.append(new_total_parts(total, tuple(parts), tuple(names), complete, ctx, True))
        out += _shares_of_parts(s, text, lex, total, parts)
    return out


def _partition_totals(s: Sentence, text: str, lex: Lexicon, used: set) -> list[Claim]:
    """`户籍人口42.36万人，其中城镇人口18.20万人、乡村人口25.16万人`: no 共/合计, so the figure
    before 其中 is taken as the whole only when the parts after it name a complete partition."""
    out: list[Claim] = []
    for sub in lex.patterns["subset"].finditer(s.skeleton):
        j = sub.start() - 1
        while j >= 0 and s.skeleton[j] in "，,：:":
            j -= 1
        total = s.mention_at(j) if j >= 0 else None
        if total is None or (total.span.start, total.span.end) in used or total.kind not in _AMOUNT or total.approx:
            continue
        if not _level(s, total, text, lex):
            continue
        parts, names, complete = _parts_after(s, text, lex, total, sub.end())
        if len(parts) >= 2 and complete:
            ctx = context(s, text, lex, j, s.positions[s.index_of(parts[-1])] + 1)
            out.append(new_total_parts(total, tuple(parts), tuple(names), True, ctx, True))
    return out


def subset_openers(sentences: list[Sentence | BareSentence], text: str, lex: Lexicon,
                   found: list[Claim], candidates: list[int]) -> list[Claim]:
    """`…地区生产总值32.6亿元，同比增长7.4%。其中第一产业…4.1亿元，…`: a sentence that opens with
    其中 refers to the sentence before; its whole is that sentence's only level figure in the
    parts' unit, taken only when the parts name a complete partition. `candidates`: the indexes,
    in order, of the sentences with two figures or more (the parts) that hold 其中 (`subset`)."""
    have = totals_at(found)
    out: list[Claim] = []
    subset = lex.patterns["subset"].match
    for n in candidates:
        if not n:
            continue
        prev, s = sentences[n - 1], sentences[n]
        if not s.mentions or not prev.mentions:  # no parts, or no whole
            continue
        opener = subset(s.skeleton, 1 if s.skeleton[:1] in "，," else 0)
        if opener is None or prev.paragraph != s.paragraph:
            continue
        levels = [x for x in prev.mentions if x.kind in _AMOUNT and not x.approx
                  and _level(prev, x, text, lex)]
        for unit in {x.unit for x in levels if x.unit}:
            wholes = [x for x in levels if x.unit == unit]
            if len(wholes) != 1 or (wholes[0].span.start, wholes[0].span.end) in have:
                continue
            parts, names, complete = _parts_after(s, text, lex, wholes[0], opener.end())
            if len(parts) >= 2 and complete:
                ctx = context(s, text, lex, 0, s.positions[s.index_of(parts[-1])] + 1)
                out.append(new_total_parts(wholes[0], tuple(parts), tuple(names), True, ctx, True))
    return out


def above_totals(sentences: list[Sentence | BareSentence], text: str, lex: Lexicon,
                 candidates: list[int]) -> list[Claim]:
    """`以上共计28项`: the sum of the paragraph's earlier sentences, each holding exactly one level
    figure in the total's unit (a sentence with two, or none at all, and nothing is claimed).
    `candidates`: the indexes, in order, of the sentences with figures that hold 以上 (with which
    an `above_total` match opens)."""
    out: list[Claim] = []
    above_total = lex.patterns["above_total"].match
    for n in candidates:
        s = sentences[n]
        m = above_total(s.skeleton)
        if m is None:
            continue
        total = s.mention_at(m.start("t"))
        if total is None or total.kind not in _AMOUNT or total.approx:
            continue
        parts: list[Mention] = []
        names: list[str] = []
        for prev in reversed(sentences[:n]):
            if prev.paragraph != s.paragraph:
                break
            same = [x for x in prev.mentions if x.kind in _AMOUNT and x.unit == total.unit]
            if len(same) != 1 or same[0].approx or not _level(prev, same[0], text, lex):
                parts = []
                break
            parts.insert(0, same[0])
            names.insert(0, prev.words_before(same[0], text))
        if len(parts) >= 2:
            ctx = context(s, text, lex, 0, m.end())
            out.append(new_total_parts(total, tuple(parts), tuple(names), True, ctx, False))
    return out


def _total_after(s: Sentence, text: str, lex: Lexicon, m: re.Match) -> Claim | None:
    """Parts listed in the clause just before `，合计 T`: each 、-separated item holds exactly one
    level figure in the total's unit (anything else in the clause and nothing is claimed)."""
    total = s.mention_at(m.start("t"))
    if total is None or total.kind not in _AMOUNT or total.approx:
        return None
    k = m.start()
    while k > 0 and s.skeleton[k - 1] not in "，,；;。：:":
        k -= 1
    parts: list[Mention] = []
    names: list[str] = []
    start = k
    for item in s.skeleton[k:m.start()].split("、"):
        tokens = [i for i in range(start, start + len(item)) if _TOKENS_RE.match(s.skeleton[i])]
        if len(tokens) != 1:
            return None
        x = s.mention_at(tokens[0])
        name = s.words(start, tokens[0])
        if x is None or x.kind not in _AMOUNT or x.unit != total.unit or x.approx or not _is_level(name, lex):
            return None
        parts.append(x)
        names.append(name)
        start += len(item) + 1
    if len(parts) < 2:
        return None
    return new_total_parts(total, tuple(parts), tuple(names), True, context(s, text, lex, k, m.end()), True)


def _parts_after(s: Sentence, text: str, lex: Lexicon, total: Mention, pos: int):
    """Parts after 其中: a 分别 list with names, or figures whose subjects name a partition."""
    resp = lex.patterns["respectively"].search(s.skeleton, pos)
    if resp:
        names = [n for n in _NAME_SPLIT.split(s.words(pos, resp.start())) if n]
        values = _list_at(s, resp.end(), lambda x: x.kind in _AMOUNT and x.unit == total.unit)
        if len(names) >= 2 and len(values) == len(names):
            group = partition(names, lex)
            return values, names, bool(group and group[1])
        return [], [], False
    level = _levels_after(s, text, lex, total.unit, pos, _largest_group(lex) + 1)
    if not level:
        return [], [], False
    names = [s.words_before(x, text) for x in level]
    group = partition(names, lex) if len(level) >= 2 else None
    if group:
        return level, names, group[1]
    return level[:1], names[:1], False  # one subset: it may only not exceed the total


def _largest_group(lex: Lexicon) -> int:
    return compiled(lex)["largest_group"]


def _levels_after(s: Sentence, text: str, lex: Lexicon, unit: str | None, pos: int, limit: int) -> list[Mention]:
    """The first `limit` level amount figures in `unit` at skeleton index `pos` or later. (More
    than the largest partition group cannot name one, so a longer list is never needed; the
    per-unit index is built once per sentence, which keeps a long sentence of totals linear.)"""
    index = s.levels
    if index is None:
        index = s.levels = {}
        subjects = s.subjects()
        for i, x in enumerate(s.mentions):
            if x.kind in _AMOUNT and (words := subjects[i]) is not None and _is_level(words, lex):  # `_level`
                row = index.get(x.unit)
                if row is None:
                    row = index[x.unit] = ([], [])
                row[0].append(s.positions[i])
                row[1].append(x)
    keys, figures = index.get(unit, ((), ()))
    k = bisect.bisect_left(keys, pos)
    return list(figures[k:k + limit])


def _list_at(s: Sentence, pos: int, accept) -> list[Mention]:
    """Consecutive figures from skeleton index `pos`, separated by 、/和/及/与."""
    out: list[Mention] = []
    i = pos
    while i < len(s.skeleton):
        gap = _LIST_GAP.match(s.skeleton, i)
        j = gap.end() if gap and out else i
        x = s.mention_at(j)
        if x is None or not accept(x):
            break
        out.append(x)
        i = j + 1
    return out


def _shares_of_parts(s: Sentence, text: str, lex: Lexicon, total: Mention, parts: list[Mention]) -> list[Claim]:
    out: list[Claim] = []
    for part in parts:
        pos = s.positions[s.index_of(part)] + 1
        m = _COMMA.match(s.skeleton, pos)
        sm = lex.patterns["share"].match(s.skeleton, m.end() if m else pos)
        if sm and not any(w in sm.group("whole") for w in _OWN_WHOLE):
            stated = s.mention_at(sm.start("r"))
            if stated is not None:
                out.append(new_share(stated, part, total, context(s, text, lex, pos, sm.end())))
    return out


def _share_list(s: Sentence, text: str, lex: Lexicon, m: re.Match) -> list[Claim]:
    whole_words = s.skeleton[m.start():m.start("list")]
    if any(w in whole_words for w in _OWN_WHOLE):
        return []
    shares = _list_at(s, m.start("list"), lambda x: x.kind is Kind.PERCENT)
    if len(shares) < 2:
        return []
    before = s.words(0, m.start())
    clause = re.split(r"[，,；;]", before)[-1]
    names = [n for n in _NAME_SPLIT.split(clause) if n]
    group = partition(names, lex) if len(names) == len(shares) else None
    complete = bool(group and group[1])
    return [new_shares_of_whole(tuple(shares), tuple(names), complete, context(s, text, lex, m.start(), m.end()))]
