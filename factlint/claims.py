"""Claims: the arithmetic relations the prose states, typed, extracted from the reading view.

Stage: (ReadingView, Mentions) → claims. Patterns are data (`rules/lexicon/claims.toml`), compiled
once; the builders in `factlint.claimfinders` read their named groups. A claim holds the Mentions
it relates (view coordinates) and the words that decide severity (real terms, conventions); it
never judges whether the relation holds — the check kinds do. Precision beats recall: a sentence
whose structure is not recognised in full yields no claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from factlint.lazypattern import LazyPattern
from factlint.mentions import Mention
from factlint.patterncache import compile_pattern
from factlint.records import field, record, unchecked
from factlint.rulebook import load_lexicon
from factlint.sentences import ANY_TOKEN, TOKEN_NAMES

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

_MACRO = compile_pattern(r"\{([A-Z_]+)(?:!([^{}]+))?\}")  # {NAME} or {NAME!C}


class Context:
    """Words around a claim that bear on severity, read from its sentence when first asked for: a
    check reads them only for a claim that does not hold, and most claims hold. `read(*where)`
    gives (subject, real, conventional, mixed_bases); the same `where` always gives the same words.
    Immutable; equal, hashed and shown by its words."""

    __slots__ = ("_read", "_where", "_words")

    def __init__(self, read: Callable[..., tuple[str, bool, bool, bool]], *where: Any) -> None:
        self._read = read
        self._where = where
        self._words: tuple[str, bool, bool, bool] | None = None

    def _got(self) -> tuple[str, bool, bool, bool]:
        words = self._words
        if words is None:
            words = self._words = self._read(*self._where)
        return words

    @property
    def subject(self) -> str:
        """The words before the first figure of the claim, in its sentence."""
        return self._got()[0]

    @property
    def real(self) -> bool:
        """The text says the rate is real (实际, 按可比价格, 扣除价格因素)."""
        return self._got()[1]

    @property
    def conventional(self) -> bool:
        """An indicator conventionally reported at comparable prices."""
        return self._got()[2]

    @property
    def mixed_bases(self) -> bool:
        """常住 and 户籍 in the same sentence."""
        return self._got()[3]

    def __eq__(self, other: object) -> bool:
        return self._got() == other._got() if isinstance(other, Context) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._got())

    def __repr__(self) -> str:
        subject, real, conventional, mixed_bases = self._got()
        return f"Context({subject=!r}, {real=}, {conventional=}, {mixed_bases=})"


@record(frozen=True, slots=True)
class Growth:
    """`rate` % is the change from `base` to `current` (下降 when `down`)."""

    rate: Mention
    base: Mention
    current: Mention
    down: bool
    context: Context
    years: tuple[Mention | None, Mention | None] = (None, None)


@record(frozen=True, slots=True)
class AnnualGrowth:
    """`rate` % a year compounds `base` into `current` over `periods` years."""

    rate: Mention
    base: Mention
    current: Mention
    periods: int
    down: bool
    context: Context
    years: tuple[Mention | None, Mention | None] = (None, None)


@record(frozen=True, slots=True)
class Multiple:
    """`current` is `value` times `base` (form 'ratio') or `value` times more (form 'increase')."""

    stated: Mention | None  # the 倍 figure; None for 翻一番 (then `anchor` is used)
    value: Decimal
    form: str  # "ratio" | "increase"
    base: Mention
    current: Mention
    context: Context
    anchor: tuple[int, int] = (0, 0)  # view span of the stated words when there is no figure


@record(frozen=True, slots=True)
class Difference:
    """`stated` is how much `current` exceeds (or falls short of, when `down`) `base`."""

    stated: Mention
    base: Mention
    current: Mention
    down: bool
    context: Context


@record(frozen=True, slots=True)
class PointChange:
    """`stated` percentage points is the change from rate `base` to rate `current`."""

    stated: Mention
    base: Mention
    current: Mention
    down: bool
    context: Context


@record(frozen=True, slots=True)
class TotalParts:
    """`total` is made of `parts` (all of it when `complete`, else at least their sum)."""

    total: Mention
    parts: tuple[Mention, ...]
    names: tuple[str, ...]
    complete: bool
    context: Context
    nearby: bool = True  # parts in the same sentence as the total


@record(frozen=True, slots=True)
class Share:
    """`stated` % is `part` as a share of `whole`."""

    stated: Mention
    part: Mention
    whole: Mention
    context: Context


@record(frozen=True, slots=True)
class SharesOfWhole:
    """Shares of one whole; they add up to 100% when `complete`, never exceed it."""

    shares: tuple[Mention, ...]
    names: tuple[str, ...]
    complete: bool
    context: Context


@record(frozen=True, slots=True)
class YearSpan:
    """`stated` years (连续N年 / N年来) over the range `first`—`last` (inclusive count)."""

    stated: Mention
    first: Mention
    last: Mention
    form: str  # "consecutive" | "since"
    context: Context


@record(frozen=True, slots=True)
class Restated:
    """The same figure (subject, year, unit) stated twice with values that cannot both be right."""

    first: Mention
    second: Mention
    subject: str
    context: Context


# Constructors without the frozen `__init__` (see `factlint.records.unchecked`): every field, in
# order, defaults included. The claim builders' values need no checks (claims have none).
new_growth = unchecked(Growth)
new_annual_growth = unchecked(AnnualGrowth)
new_multiple = unchecked(Multiple)
new_difference = unchecked(Difference)
new_point_change = unchecked(PointChange)
new_total_parts = unchecked(TotalParts)
new_share = unchecked(Share)
new_shares_of_whole = unchecked(SharesOfWhole)
new_year_span = unchecked(YearSpan)
new_restated = unchecked(Restated)

Claim = Growth | AnnualGrowth | Multiple | Difference | PointChange | TotalParts | Share | SharesOfWhole | YearSpan | Restated


@record(frozen=True, slots=True)
class Lexicon:
    patterns: dict[str, LazyPattern]
    words: dict[str, tuple[str, ...]]
    groups: tuple[tuple[tuple[str, ...], bool], ...]
    conventions: dict[str, Any] = field(default_factory=dict)
    compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see `compiled`


def alternation(words: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of `words` (longest first), or None for no words: `p.search(s, 0, n)`
    is `any(w in s[:n] for w in words)` in one pass in C."""
    if not words:
        return None
    return compile_pattern("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def compiled(lex: Lexicon) -> dict[str, Any]:
    """Patterns derived from the lexicon's word lists, built once per lexicon: `real`, `conventional`
    (real-terms phrases and indicators), `bases` (population bases), `notlevel` (NOTLEVEL),
    `total` (TOTAL), `lead` (LEADVERB), `members` (every partition group member), `member_groups` (member → the
    indexes of the groups holding it), `member_firsts` (first character → the members opening with it),
    `largest_group` (its member count)."""
    got = lex.compiled
    if not got:
        conv = lex.conventions
        got["real"] = alternation(conv.get("real_phrases", []))
        got["conventional"] = alternation(conv.get("real_indicators", []))
        got["bases"] = tuple(conv.get("population_bases", ["常住", "户籍"]))
        got["notlevel"] = alternation(lex.words["NOTLEVEL"])
        got["total"] = alternation(lex.words["TOTAL"])
        got["lead"] = alternation(lex.words["LEADVERB"])  # `match`: the longest lead verb a subject opens with
        got["members"] = alternation([q for members, _ in lex.groups for q in members])
        member_groups: dict[str, list[int]] = {}
        for g, (members, _) in enumerate(lex.groups):
            for q in members:
                member_groups.setdefault(q, []).append(g)
        got["member_groups"] = member_groups
        member_firsts: dict[str, list[str]] = {}
        for q in member_groups:
            member_firsts.setdefault(q[0], []).append(q)
        got["member_firsts"] = member_firsts
        got["largest_group"] = max((len(members) for members, _ in lex.groups), default=0)
    return got


def expand(template: str, words: dict[str, list[str]]) -> str:
    """Replace {Y}… by token characters, {NAME} by the alternation of word list NAME (longest
    first) and {NAME!C} by that alternation of words not right after a character of class C: the
    matches of `(?<![C])(?:{NAME})`, but the check follows each word (`w(?<![C]w)`), so a pattern
    opening with it opens with the words, and `re` skips to their first characters instead of
    trying the lookbehind at every position."""

    def sub(match: re.Match[str]) -> str:
        name, after = match.groups()
        if name in TOKEN_NAMES and after is None:
            return TOKEN_NAMES[name]
        if name == "ANY" and after is None:
            return ANY_TOKEN
        if name not in words:
            raise KeyError(f"claims.toml: unknown word list {match.group()}")
        ordered = [re.escape(w) for w in sorted(words[name], key=len, reverse=True)]
        if after is None:
            return "|".join(ordered)
        return "|".join(f"{w}(?<![{after}]{w})" for w in ordered)

    return _MACRO.sub(sub, template)


@cache
def lexicon() -> Lexicon:
    """The claim patterns (each compiled on first use), partitions and conventions. The templates
    are expanded here, so an unknown word list fails at once, not on first use."""
    data = load_lexicon("claims")
    words = data["words"]
    patterns = {name: LazyPattern(expand(template, words)) for name, template in data["patterns"].items()}
    parts = load_lexicon("partitions")
    groups = tuple((tuple(g["members"]), bool(g.get("complete", False))) for g in parts.get("group", []))
    return Lexicon(patterns, {k: tuple(v) for k, v in words.items()}, groups, load_lexicon("conventions"))


def extract_claims(view: Any, mentions: list[Mention], ends: list[int] | None = None) -> list[Claim]:
    """Every claim the view states, in text order of their first figure. `ends`: the view's
    `sentences.sentence_ends`, when known."""
    if len(mentions) < 2:  # every claim relates two figures or more
        return []
    from factlint.claimfinders import find_claims

    return find_claims(view.text, mentions, lexicon(), ends)
