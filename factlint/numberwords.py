"""The number reader's word lists (`rules/lexicon/units.toml`, `not_numbers.toml`), compiled once.

Invariant: every pattern here is a plain alternation of literal words tried longest first, so
matching at a position costs at most the length of the longest word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

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
RANGE_SEPARATORS = ("——", "--", "—", "-", "–", "~", "～", "〜", "至", "到")


def _trie(words: list[str]) -> str:
    """A regex that tries `words` longest first, nested by prefix (cost per position: one word)."""
    heads: dict[str, list[str]] = {}
    end = False
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
        else:
            end = True
    alts = []
    for head in sorted(heads):
        rest = _trie(heads[head])
        alts.append(re.escape(head) + (f"(?:{rest})" if rest else ""))
    body = "|".join(alts)
    if end and body:
        return f"(?:{body})?"  # greedy: the longer word wins
    return body


def _alternation(words) -> re.Pattern[str]:
    return re.compile(_trie(sorted(set(words))))


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: re.Pattern[str]  # every unit word, longest first
    scales: re.Pattern[str]
    scale_values: dict[str, Decimal]
    counts: frozenset[str]
    aliases: dict[str, str]
    not_units: re.Pattern[str]
    not_numbers: re.Pattern[str]
    not_number_patterns: tuple[re.Pattern[str], ...]
    before: re.Pattern[str]  # qualifiers before a figure (matched against the reversed text)
    after: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    units = load_lexicon("units")
    groups = units["units"]
    words = [w for group in groups.values() for w in group] + list(SPECIAL_UNITS)
    nn = load_lexicon("not_numbers")
    return Lexicon(
        units=_alternation(words),
        scales=_alternation(units["scales"]),
        scale_values={k: Decimal(str(v)) for k, v in units["scales"].items()},
        counts=frozenset(groups.get("count", ())),
        aliases=dict(units.get("aliases", {})),
        not_units=_alternation(units.get("not_units", {}).get("words", ["\0"])),
        not_numbers=_alternation(nn["words"]),
        not_number_patterns=tuple(re.compile(p) for p in nn.get("patterns", ())),
        before=_alternation(w[::-1] for w in QUALIFIERS_BEFORE),
        after=_alternation(QUALIFIERS_AFTER),
    )


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Where words that are not numbers (and URLs) sit in `text`, sorted by start."""
    lex = lexicon()
    spans = [m.span() for m in _overlapping(lex.not_numbers, text)]
    for pattern in lex.not_number_patterns:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.extend(m.span() for m in _URL.finditer(text))
    spans.sort()
    return spans


_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef]*+")


def _overlapping(pattern: re.Pattern[str], text: str):
    """Matches starting at every position (words may overlap: 一对一 and 之一 in 之一对一)."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1
