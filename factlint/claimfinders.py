"""Claim builders for one sentence: growth, annual growth, multiples, differences, points, spans.

Each builder reads the named groups of one compiled pattern (see `rules/lexicon/claims.toml`) over
the sentence skeleton. Invariant: a claim is built only when every figure it relates was found
and the units agree; otherwise the sentence yields nothing (precision beats recall).
Totals and shares live in `factlint.claimtotals`; claims across sentences in `factlint.claimdocument`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from operator import attrgetter

from factlint.claims import (
    Claim,
    Context,
    Lexicon,
    compiled,
    new_annual_growth,
    new_difference,
    new_growth,
    new_multiple,
    new_point_change,
    new_year_span,
)
from factlint.figures import year_of
from factlint.mentions import Kind, Mention
from factlint.patterncache import compile_pattern
from factlint.sentences import ANY_TOKEN, TOKENS, Sentence, split_sentences

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

_TOKENS_RE = compile_pattern(f"[{ANY_TOKEN}]")
_FAN = {"一": 2, "两": 4, "二": 4, "三": 8, "四": 16}
_PERCENT = (Kind.PERCENT, Kind.PERMILLE)
_AMOUNT = (Kind.QUANTITY, Kind.NUMBER)
_MULTIPLE = TOKENS[Kind.MULTIPLE]
_YEAR = TOKENS[Kind.YEAR]
_THAN_YEAR = "比" + _YEAR  # 比 before a year
_NO_ANCHOR = (0, 0)  # `Multiple.anchor` when a figure states the multiple
_YEAR_COUNT_WORD = compile_pattern("[连这来间中里]")  # a `year_count` match needs one (连续N年 / 这N年 / N年来|间|中|里)


def find_claims(text: str, mentions: list[Mention], lex: Lexicon, ends: list[int] | None = None) -> list[Claim]:
    """All claims of the view, sentence builders first, then the document-level ones. Each builder
    family runs only on sentences holding its anchor words (a test in C per family). `ends`: the
    view's `sentence_ends`, when known."""
    from factlint.claimdocument import across_sentences
    from factlint.claimtotals import above_totals, shares_and_totals, subset_openers

    sentences = split_sentences(text, mentions, ends)
    total_kw = lex.patterns["total_kw"].finditer
    claims: list[Claim] = []
    totals: list[tuple[int, list[re.Match]]] = []  # each sentence with a `total_kw` match, and its matches
    openers: list[int] = []  # … with two figures or more that hold 其中 (the `subset` pattern): `subset_openers`
    above: list[int] = []  # … that hold 以上, candidates for `above_totals` (`above_total` opens with it)
    for n, s in enumerate(sentences):
        if not s.mentions:
            continue
        sk = s.skeleton
        sum_word = "共" in sk or "计" in sk
        kw = None  # the `total_kw` matches, when the sentence may hold one (`may_total`): found once
        if sum_word or "全年" in sk:
            kw = list(total_kw(sk))
            if kw:
                totals.append((n, kw))
        if "以上" in sk:
            above.append(n)
        if len(s.mentions) < 2:  # every sentence claim relates two figures or more (and a 其中
            continue  # opener's parts are two figures of it)
        subset = "其中" in sk
        if subset:
            openers.append(n)
        if "从" in sk or "由" in sk or "比" in sk or _MULTIPLE in sk:
            claims += changes(s, text, lex)
        if sk.count(_YEAR) >= 2 and _YEAR_COUNT_WORD.search(sk):
            claims += year_spans(s, text, lex)
        if sum_word or subset or "分别" in sk:
            claims += shares_and_totals(s, text, lex, kw)
    claims += subset_openers(sentences, text, lex, claims, openers)
    claims += above_totals(sentences, text, lex, above)
    claims += across_sentences(sentences, text, lex, claims, totals)
    return _dedupe(claims)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Claims in order, each kind of claim on the same figures once: its key figures (`rate`,
    `stated`, `total`, `first`: those the kind has and that are not None) and a total's parts
    or the shares of a whole, by span."""
    seen: set[tuple] = set()
    out: list[Claim] = []
    keys: dict[type, Any] = {}
    for c in claims:
        cls = type(c)
        key_of = keys.get(cls)
        if key_of is None:
            key_of = keys[cls] = _key_of(cls)
        key = key_of(c)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _key_of(cls: type) -> Any:
    """The `_dedupe` key of a claim of kind `cls`, as a function (one per kind)."""
    names = [f for f in ("rate", "stated", "total", "first") if f in cls.__slots__]
    listed = next((f for f in ("parts", "shares") if f in cls.__slots__), None)
    if len(names) == 1 and listed is None:  # the common case, in short
        figure = attrgetter(names[0])

        def key(c: Claim) -> tuple:
            x = figure(c)
            return (cls,) if x is None else (cls, x.span.start, x.span.end)
        return key
    figures = [attrgetter(f) for f in names]
    listed_of = attrgetter(listed) if listed else None

    def general(c: Claim) -> tuple:  # the spans flattened: the same equal keys as pairs of them
        key = [cls]
        for f in figures:
            x = f(c)
            if x is not None:
                key += (x.span.start, x.span.end)
        if listed_of is not None:  # one total, two breakdowns
            for p in listed_of(c):
                key += (p.span.start, p.span.end)
        return tuple(key)
    return general


def context(s: Sentence, text: str, lex: Lexicon, start: int, end: int) -> Context:
    """Severity words: the sentence up to skeleton index `end`; subject = words before `start`
    (the last comma-separated piece of the skeleton before `start`, figure tokens removed). Read
    when a check first asks for them (see `Context`)."""
    return Context(_context_words, s, lex, start, end)


def _context_words(s: Sentence, lex: Lexicon, start: int, end: int) -> tuple[str, bool, bool, bool]:
    """What `context` reads: (subject, real, conventional, mixed_bases)."""
    facts = s.ctx_facts
    if facts is None:
        facts = s.ctx_facts = _context_facts(s, compiled(lex))
    stripped, tokens, mixed, real, conventional = facts
    # the words before `start`, tokens removed, are the first `before` of `stripped`; a comma of the
    # skeleton is one of `stripped` (tokens are not commas), so the subject is cut from `stripped`
    if start > 0:
        before = start - bisect_left(tokens, start)
        comma = max(stripped.rfind("，", 0, before), stripped.rfind(",", 0, before))
        clause = stripped[comma + 1:before].strip()
    else:
        before = 0 - bisect_left(tokens, start)  # (as above, with the start at 0)
        clause = ""
    return (
        clause,
        real is not None and real(s.skeleton, 0, end) is not None,
        conventional is not None and conventional(stripped, 0, before) is not None,
        mixed,
    )


def _context_facts(s: Sentence, pats: dict) -> tuple:
    """Per sentence, once: the skeleton without tokens, the token positions, whether every
    population base occurs, and the `search` of the real-terms and conventional patterns (None
    when the pattern has no match in the whole sentence: then none in any prefix)."""
    sk = s.skeleton
    stripped = s.plain_words()
    if stripped is not None:  # every token is a figure's: the tokens are at `positions`
        tokens: tuple[int, ...] | list[int] = s.positions
    else:
        stripped = _TOKENS_RE.sub("", sk)
        tokens = [m.start() for m in _TOKENS_RE.finditer(sk)]
    real, conventional = pats["real"], pats["conventional"]
    return (stripped, tokens, all(map(sk.__contains__, pats["bases"])),
            real.search if real is not None and real.search(sk) is not None else None,
            conventional.search if conventional is not None and conventional.search(stripped) is not None
            else None)


def _same_unit(a: Mention, b: Mention) -> bool:
    return a.unit == b.unit and (a.kind in _PERCENT) == (b.kind in _PERCENT)


def _down(verb: str | None, lex: Lexicon) -> bool:
    return verb is not None and verb in lex.words["DOWN"]


def changes(s: Sentence, text: str, lex: Lexicon) -> list[Claim]:
    """From–to, comparison, two-year and ratio sentences."""
    out: list[Claim] = []
    p = lex.patterns
    sk = s.skeleton
    if "从" in sk or "由" in sk:  # each pattern runs only when its anchor word is there
        for m in p["from_to"].finditer(sk):
            tail = p["tail"].match(sk, m.end())
            if tail:
                out += _from_tail(s, text, lex, m, tail)
    if "比" in sk:
        for m in p["compare"].finditer(sk):
            out += _relation(s, text, lex, m, m, annual=False)
        if _THAN_YEAR in sk:  # (`two_years` holds one: …，比1949年增长了79%)
            for m in p["two_years"].finditer(sk):
                out += _relation(s, text, lex, m, m, annual=False)
    if _MULTIPLE not in sk:
        return out
    for m in p["ratio"].finditer(sk):
        a, b, r = s.mention_at(m.start("a")), s.mention_at(m.start("b")), s.mention_at(m.start("r"))
        if a and b and r and _same_unit(a, b) and a.kind in _AMOUNT:
            ctx = context(s, text, lex, m.start(), m.end())
            out.append(new_multiple(r, r.value, "ratio", a, b, ctx, _NO_ANCHOR))
    return out


def _from_tail(s: Sentence, text: str, lex: Lexicon, m: re.Match, tail: re.Match) -> list[Claim]:
    a, b = s.mention_at(m.start("a")), s.mention_at(m.start("b"))
    if a is None or b is None or not _same_unit(a, b):
        return []
    if tail.group("fan"):
        if a.kind not in _AMOUNT:
            return []
        times = Decimal(_FAN[tail.group("fan")[-2]])
        ctx = context(s, text, lex, m.start(), tail.end())
        anchor = (s.view_offset(tail.start("fan")), s.view_offset(tail.end("fan") - 1) + 1)
        return [new_multiple(None, times, "ratio", a, b, ctx, anchor)]
    return _relation(s, text, lex, m, tail, annual=bool(tail.group("ann")))


def _years(s: Sentence, m: re.Match) -> tuple[Mention | None, Mention | None]:
    """The figures at groups y1 and y2 of `m` (None for a group the pattern lacks or did not use:
    a used one holds one token, so its start is not -1)."""
    names = m.re.groupindex
    j1 = m.start("y1") if "y1" in names else -1
    j2 = m.start("y2") if "y2" in names else -1
    return s.mention_at(j1) if j1 >= 0 else None, s.mention_at(j2) if j2 >= 0 else None


def _relation(s: Sentence, text: str, lex: Lexicon, m: re.Match, tail: re.Match, annual: bool) -> list[Claim]:
    a, b, r = s.mention_at(m.start("a")), s.mention_at(m.start("b")), s.mention_at(tail.start("r"))
    if a is None or b is None or r is None or not _same_unit(a, b):
        return []
    verb = tail.group("verb")
    down = _down(verb, lex)
    ctx = context(s, text, lex, min(m.start(), tail.start()), tail.end())
    y1, y2 = _years(s, m)
    both_rates = a.kind in _PERCENT
    if r.kind in _PERCENT:
        if verb in ("多", "少"):
            return []
        if annual:
            periods = _periods(s, lex, y1, y2)
            if periods is None or both_rates:
                return []
            return [new_annual_growth(r, a, b, periods, down, ctx, (y1, y2))]
        return [new_growth(r, a, b, down, ctx, (y1, y2))]
    if annual:
        return []
    if r.kind is Kind.POINTS and both_rates:
        return [new_point_change(r, a, b, down, ctx)]
    if r.kind is Kind.MULTIPLE and not both_rates:
        to = "to" in tail.re.groupindex and tail.group("to")
        return [new_multiple(r, r.value, "ratio" if to else "increase", a, b, ctx, _NO_ANCHOR)]
    if r.kind in _AMOUNT and r.unit == a.unit and not both_rates:
        return [new_difference(r, a, b, down, ctx)]
    return []


def _periods(s: Sentence, lex: Lexicon, y1: Mention | None, y2: Mention | None) -> int | None:
    """Compounding periods: from the two years, a range in the sentence, or N年来 / 这N年."""
    if y1 is not None and y2 is not None:
        n = (year_of(y2) or 0) - (year_of(y1) or 0)
        return n if 0 < n < 100 else None
    ranges = list(lex.patterns["year_range"].finditer(s.skeleton))
    if len(ranges) == 1:
        first, last = s.mention_at(ranges[0].start("y1")), s.mention_at(ranges[0].start("y2"))
        n = (year_of(last) or 0) - (year_of(first) or 0)
        return n if 0 < n < 100 else None
    counts = [c for c in lex.patterns["year_count"].finditer(s.skeleton) if c.group("these") or c.group("since")]
    if len(counts) == 1:
        c = counts[0]
        n_mention = s.mention_at(c.start("these") if c.group("these") else c.start("since"))
        if n_mention is not None and n_mention.value == n_mention.value.to_integral_value():
            n = int(n_mention.value)
            return n if 0 < n < 100 else None
    return None


def year_spans(s: Sentence, text: str, lex: Lexicon) -> list[Claim]:
    """2017—2020年 … 连续四年 / 四年来: one range and one count in the sentence (the caller tries
    only sentences with two years and a word of `_YEAR_COUNT_WORD`: no other holds both)."""
    ranges = list(lex.patterns["year_range"].finditer(s.skeleton))
    if len(ranges) != 1:  # (then the counts need not be looked for)
        return []
    counts = list(lex.patterns["year_count"].finditer(s.skeleton))
    if len(counts) != 1:
        return []
    r, c = ranges[0], counts[0]
    first, last = s.mention_at(r.start("y1")), s.mention_at(r.start("y2"))
    group = next(g for g in ("consecutive", "these", "since") if c.group(g))
    stated = s.mention_at(c.start(group))
    if not (first and last and stated) or first.kind is not Kind.YEAR or last.kind is not Kind.YEAR:
        return []
    if stated.unit not in (None, "年") or (year_of(last) or 0) <= (year_of(first) or 0):
        return []
    form = "consecutive" if group == "consecutive" else "since"
    return [new_year_span(stated, first, last, form, context(s, text, lex, r.start(), c.end()))]
