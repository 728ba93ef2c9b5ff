"""The number reader's word lists (`rules/lexicon/units.toml`, `not_numbers.toml`), compiled once.

Invariant: every pattern here is a plain alternation of literal words tried longest first, so
matching at a position costs at most the length of the longest word.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from factlint.lazypattern import LazyPattern
from factlint.patterncache import compile_pattern
from factlint.records import field, record
from factlint.rulebook import load_lexicon

# Units the reader itself knows (they change the kind of the figure, not just its unit).
SPECIAL_UNITS = {
    "%": "%", "‰": "‰", "‱": "‱", "个百分点": "百分点", "百分点": "百分点", "成": "%", "倍": "倍",
}
QUALIFIERS_BEFORE = {
    "大约": "approx", "大概": "approx", "约": "approx", "将近": "approx", "接近": "approx",
    "近": "approx", "超过": "gt", "超": "gt", "逾": "gt", "突破": "gt", "多于": "gt", "大于": "gt",
    ">": "gt", "至少": "ge", "不少于": "ge", "不低于": "ge", "不小于": "ge", "≥": "ge",
    "不足": "lt", "不到": "lt", "少于": "lt", "小于": "lt", "<": "lt", "最多": "le",
    "不超过": "le", "≤": "le",
}
QUALIFIERS_AFTER = {
    "左右": "approx", "上下": "approx", "以上": "ge", "（含）以上": "ge", "(含)以上": "ge",
    "以下": "le", "以内": "le",
}
LATIN_UNITS = ("kg", "km²", "km", "m²", "m2", "kWh", "°C", "TEU")  # tried in this order
LATIN_UNIT_HEADS = "".join(sorted({w[0] for w in LATIN_UNITS}))
RANGE_SEPARATORS = ("——", "--", "—", "-", "–", "~", "～", "〜", "至", "到")


def _trie(words: list[str]) -> str:
    """A regex that tries `words` longest first, nested by prefix (cost per position: one word).
    Groups only where an alternation or an optional tail needs one: `re` parses each group on
    start-up (`以上|以下` is `以[上下]`, `举两得` is `举(?:两得)?` after `举`)."""
    if len(words) == 1:  # what the nesting would give, without a call per character
        return re.escape(words[0])
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    optional = heads.pop("", None) is not None  # a word ends here: the longer ones first, then none
    parts = [(re.escape(head), _trie(rest)) for head, rest in sorted(heads.items())]
    if not parts:
        return ""
    if len(parts) > 1 and not any(rest for _, rest in parts):  # single characters: a set
        return "[" + "".join(head for head, _ in parts) + "]" + "?" * optional
    body = "|".join(head + rest for head, rest in parts)
    if len(parts) > 1 or (optional and parts[0][1]):
        body = f"(?:{body})"
    return body + "?" * optional


def _alternation(words) -> LazyPattern:
    """`_trie` of `words`, compiled on first use (some documents never need some of the lists)."""
    return LazyPattern(_trie(sorted(set(words))))


def _every_start(words) -> LazyPattern:
    """A pattern whose `finditer` finds, at every offset where one of `words` starts, the longest
    word there as group 1 (words may overlap). Each match consumes only the word's first character
    (one class, so `re` skips in C to the next possible start); a class of second characters turns
    most of those away at one test (when every word has two or more), then a lookbehind steps back
    over the first and the lookahead inside it captures the word (`.`: a first character is never
    a newline)."""
    words = sorted(set(words))
    heads = re.escape("".join(sorted({w[0] for w in words})))
    second = ""
    if all(len(w) > 1 for w in words):
        second = "(?=[" + re.escape("".join(sorted({w[1] for w in words}))) + "])"
    return LazyPattern(rf"[{heads}]{second}(?<=(?=({_trie(words)})).)")


@record(frozen=True, slots=True)
class Lexicon:
    units: LazyPattern  # every unit word, longest first
    scales: LazyPattern
    scale_values: dict[str, Decimal]
    counts: frozenset[str]
    aliases: dict[str, str]
    not_units: LazyPattern
    not_numbers: LazyPattern | None  # the not-number words less `digit_words` (`_every_start`; None: none)
    digit_words: tuple[str, ...]  # the not-number words that start with an ASCII digit
    not_number_patterns: tuple[re.Pattern[str], ...]
    before: LazyPattern  # qualifiers before a figure (matched against the reversed text)
    after: LazyPattern
    # First characters of `units` and Latin units, last of `before`, first of `after`: a position
    # whose character is not in the set cannot start (end) a match, so the regex is skipped.
    unit_heads: frozenset[str]
    unit_window: int  # the longest unit, not-unit or Latin unit: a unit match depends on no more
    before_tails: frozenset[str]
    after_heads: frozenset[str]
    unit_memo: dict[str, str | None] = field(default_factory=dict)  # unit_word: window → unit
    unit_words: tuple[str, ...] = ()  # the words `units` is built from


@cache
def lexicon() -> Lexicon:
    units = load_lexicon("units")
    groups = units["units"]
    words = [w for group in groups.values() for w in group] + list(SPECIAL_UNITS)
    nn = load_lexicon("not_numbers")
    not_units = units.get("not_units", {}).get("words", ["\0"])
    nn_words = [w for w in nn["words"] if w]
    digit_words = tuple(sorted({w for w in nn_words if "0" <= w[0] <= "9"}))
    other_words = [w for w in nn_words if w not in digit_words]
    return Lexicon(
        units=_alternation(words),
        scales=_alternation(units["scales"]),
        scale_values={k: Decimal(str(v)) for k, v in units["scales"].items()},
        counts=frozenset(groups.get("count", ())),
        aliases=dict(units.get("aliases", {})),
        not_units=_alternation(not_units),
        not_numbers=_every_start(other_words) if other_words else None,
        digit_words=digit_words,
        not_number_patterns=tuple(compile_pattern(p) for p in nn.get("patterns", ())),
        before=_alternation(w[::-1] for w in QUALIFIERS_BEFORE),
        after=_alternation(QUALIFIERS_AFTER),
        unit_heads=frozenset(w[0] for w in words if w) | frozenset(LATIN_UNIT_HEADS),
        unit_window=max(len(w) for w in [*words, *not_units, *LATIN_UNITS]),
        before_tails=frozenset(w[-1] for w in QUALIFIERS_BEFORE),
        after_heads=frozenset(w[0] for w in QUALIFIERS_AFTER),
        unit_words=tuple(words),
    )


def unit_word(lex: Lexicon, text: str) -> str | None:
    """The unit word `text` starts with (longest first; not when a longer not-unit word starts
    there), or None. `text` is the next `lex.unit_window` characters; memoised on it."""
    memo = lex.unit_memo
    word = memo.get(text, 0)
    if word == 0:
        if len(memo) > 20000:
            memo.clear()
        word = memo[text] = _unit_word(lex, text)
    return word


def _unit_word(lex: Lexicon, text: str) -> str | None:
    m = lex.units.match(text)
    if not m:
        m = _LATIN_UNIT.match(text)
        return m.group() if m else None
    bad = lex.not_units.match(text)
    if bad and bad.end() > m.end():
        return None
    return m.group()


_LATIN_UNIT = LazyPattern("|".join(map(re.escape, LATIN_UNITS)))


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Where words that are not numbers (and URLs) sit in `text`, sorted by start."""
    lex = lexicon()
    spans = _overlapping(lex.not_numbers, text) if lex.not_numbers else []
    if lex.digit_words:
        spans += _longest_at(lex.digit_words, text)
    for pattern in lex.not_number_patterns:
        spans.extend(m.span() for m in pattern.finditer(text))
    if "://" in text or "www." in text:  # what every URL match contains
        spans.extend(m.span() for m in _URL.finditer(text))
    spans.sort()
    return spans


_URL = LazyPattern(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef]*+")


def _longest_at(words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """What `_overlapping` finds for an alternation of `words` (the longest word at each start),
    by `str.find`. For the words that start with an ASCII digit: in a regex they would make it
    try a match at every digit of a text full of figures."""
    ends: dict[int, int] = {}
    for word in words:
        at = text.find(word)
        while at >= 0:
            if ends.get(at, 0) < at + len(word):
                ends[at] = at + len(word)
            at = text.find(word, at + 1)
    return list(ends.items())


def _overlapping(pattern: LazyPattern, text: str) -> list[tuple[int, int]]:
    """The spans of the words of an `_every_start` pattern, the longest at every offset where one
    starts (words may overlap: 一对一 and 之一 in 之一对一), in order."""
    return [m.span(1) for m in pattern.finditer(text)]
