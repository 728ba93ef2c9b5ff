"""The reader of figures in the scanning text: numeral, sign, scale, unit, qualifiers, context.

`_Scan.read(s, e)` reads the figure whose numeral run is t[s:e] (an `EXPR` match) into a
`Candidate` (scanning coordinates), in every form: separators and N101 readings, Chinese numerals,
fractions, money tails, signs, qualifiers. plainfigures.scan walks the text and calls it for every
figure its fast tiers do not read. A candidate that reads as a number only in a range (`两` in
`两到三万元`) is marked `weak`; mentions.py keeps it only when a range claims it. Every regex is
precompiled and possessive, so a line of `1.1.1.1…` or `一一一…` scans in linear time.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from factlint.candidates import Candidate, new_candidate
from factlint.lazypattern import LazyPattern
from factlint.numberwords import (
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SPECIAL_UNITS,
    blocked_spans,
    lexicon,
    unit_word,
)
from factlint.numerals import (
    ARABIC,
    ARABIC_PATTERN,
    BIG_VALUES,
    CHARS,
    DIGITS,
    Arabic,
    adjacent_pair,
    fraction_part,
    money_digit,
    place_value,
    read_arabic,
    read_numeral,
    scaled_place,
)
from factlint.patterncache import compile_pattern

_CN = re.escape(CHARS)
# A comma joins only a group of exactly three digits, so no token outgrows its figure.
# A numeral run not right after an ASCII digit. The first character is consumed by one class (so
# `re` skips to candidates in C); the lookbehind and the optional group then do what a leading
# `(?<![0-9])(?:{ARABIC_PATTERN}|[{_CN}])` does.
EXPR_HEAD = rf"[0-9{_CN}](?<![0-9][0-9{_CN}])"
EXPR_REST = (rf"(?:(?<=[0-9])[0-9]*+(?:,[0-9]{{3}}+(?![0-9])|\.[0-9]++)*+)?+"
             rf"(?:{ARABIC_PATTERN}|[{_CN}]|点(?=[0-9{_CN}]))*+")
EXPR = LazyPattern(EXPR_HEAD + EXPR_REST)  # for fractions (三分之一) only
MAX_FIGURE = 40  # longer runs of digits are codes or noise, not figures
_KILO_UNITS = ("米", "克", "瓦", "帕", "伏")
_STANDALONE = set(" \t\u3000\n")
_ONE = Decimal(1)
_CURRENCY_SIGNS = {"￥": "元", "¥": "元", "$": "美元", "＄": "美元"}
_ONE_DIGIT = rf"(?:[0-9]|[{re.escape(''.join(DIGITS))}])"
# 元/块 followed by 角/毛 and 分 (五元三毛, 123元1角1分, 九十九块九毛九, 九块九)
_MONEY_TAIL = compile_pattern(rf"(?:({_ONE_DIGIT})[角毛](?:(零?{_ONE_DIGIT})分?)?|零?({_ONE_DIGIT})分|({_ONE_DIGIT})(?![0-9{_CN}点]))")
_TENTH = Decimal("0.1")
_SIMPLE = compile_pattern(r"([0-9]++(?:\.[0-9]++)?)([万亿]?)")
_NUMERAL_DIGITS = frozenset(DIGITS)
_DIGIT_VALUES = {ch: Decimal(v) for ch, v in DIGITS.items()}
# The last character of every sign or ordinal before a figure: 第, currency signs, -, 负, 负的, 零下.
_PREFIX_ENDS = frozenset("第-负的下") | frozenset(_CURRENCY_SIGNS)
_INTEGER = compile_pattern(r"[0-9]++")
_SPECIAL_KINDS = {"%": "percent", "‰": "permille", "‱": "permille", "百分点": "points", "倍": "multiple"}


def _plain_number(num: str, big: str) -> tuple[Decimal, Decimal, Decimal, int]:
    """(value, precision, scale, index of the point or -1) of a plain `123`, `12.5`, `12.5万`:
    as numerals.read_numeral computes it (value × big, place × big, 1 × big)."""
    dot = num.find(".")
    exponent = 0 if dot < 0 else dot + 1 - len(num)
    if big:
        scale = BIG_VALUES[big]
        return Decimal(num) * scale, scaled_place(exponent, big), scale, dot
    return Decimal(num), place_value(exponent), _ONE, dot


def date_kind(scan: _Scan, unit: str, value: Decimal, whole_units: bool, arabic_integer: bool, start: int) -> str:
    """`apply_unit`'s kind for 年 月 日 号 after a figure (`whole_units`: no 万/亿; `arabic_integer`:
    Arabic digits without a point): a year, a month, a day right after a month, else a quantity."""
    if unit == "年":
        return "year" if whole_units and arabic_integer and 1000 <= value <= 2999 else "quantity"
    if unit == "月":
        return "date" if whole_units and value == value.to_integral_value() and 1 <= value <= 12 else "quantity"
    return "date" if scan.follows_date(start) else "quantity"


class _Scan:
    """The reader of one scanning text. `out` holds the candidates found so far, in order;
    `items` holds every figure in order: the candidates and the settled Mentions that
    plainfigures.scan builds without a candidate. Every change to `out` is made to `items` too
    (a candidate popped or inserted is always at the end of both: see plainfigures), and a
    candidate's `at` is its index in `items`."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.lex = lexicon()
        self.blocked = blocked_spans(text)
        self.starts = [s for s, _ in self.blocked]
        self.max_end = max_end = []  # max end of blocked[:i+1] (a loop: max() parses its arguments)
        reach = -1
        for _, e in self.blocked:
            if e > reach:  # noqa: PLR1730
                reach = e
            max_end.append(reach)
        self.out: list[Candidate] = []
        self.items: list = []
        self.settled_end = -1  # the end of the last settled Mention (-1: none yet)
        self.date_end = -1  # the end of the last settled Mention of kind date (-1: none yet)

    def follows_date(self, start: int) -> bool:
        """Whether the figure before one starting at `start` is a date ending right there."""
        out = self.out
        return (bool(out) and out[-1].kind == "date" and out[-1].end == start) or self.date_end == start

    def last_end(self) -> int:
        """The end of the last figure found (candidate or settled Mention), -1 for none."""
        last = self.out[-1].end if self.out else -1
        return last if last > self.settled_end else self.settled_end  # (not max(): a call costs more)

    # -- context helpers -------------------------------------------------------------------
    def is_blocked(self, start: int, end: int, i: int) -> bool:
        """Whether a blocked word overlaps [start, end) without lying strictly inside it; `i` is
        `bisect_left(self.starts, end)`, the number of blocked words starting before `end`. Only
        the last 40 of them are looked at, nearest first, and none once no earlier one reaches
        past `start` (`max_end`)."""
        blocked, max_end = self.blocked, self.max_end
        # (a while loop: no range object to build, no max to call: this runs for every word it blocks)
        k, stop = i - 1, (i - 41 if i > 40 else -1)
        while k > stop and max_end[k] > start:  # else no word in blocked[:k + 1] reaches past `start`
            s, e = blocked[k]
            if e > start and (s < start or e > end or (s == start and e == end)):
                return True
            k -= 1
        return False

    def standalone(self, start: int, end: int) -> bool:
        t = self.t
        return (start == 0 or t[start - 1] in _STANDALONE) and (end == len(t) or t[end] in _STANDALONE)

    def read(self, s: int, e: int) -> int:
        """Read the figure whose numeral run is t[s:e]; return where scanning resumes."""
        t = self.t
        if e - s > MAX_FIGURE:
            return e
        raw = t[s:e]
        if raw[0].isdigit():
            if s > 0 and t[s - 1].isascii() and t[s - 1].isalpha():
                return e  # a code such as A2021 or B12
            if m := _SIMPLE.fullmatch(raw):
                num, big = m.groups()
                dot = num.find(".")
                if dot < 0 or dot > 3 or len(num) - dot != 4:  # not a d.ddd N101 candidate
                    return self.simple(s, e, raw, num, big, dot)
            tok = ARABIC.match(raw).group()
            if "." in tok or "," in tok:
                arabic = read_arabic(tok)
                if arabic is None:
                    return e  # 1.2.3, 2020.3.5: not a figure we can read
                if arabic.used < len(tok):
                    e = s + arabic.used
                    raw = raw[:arabic.used]
            else:
                arabic = Arabic(tok, len(tok))
            rest = raw[len(tok):]
            clean = arabic.clean + (ARABIC.sub(_no_commas, rest) if "," in rest else rest)
        elif e - s == 1 and raw in _DIGIT_VALUES and t[e:e + 2] != "分之":
            if t[e:e + 1] == "几" or t[s - 1:s] == "几":
                return e  # 几 next to it: vague, not a figure
            # a lone Chinese digit reads as itself (what read_numeral gives)
            return self.finish(new_candidate(s, e, s, e, _DIGIT_VALUES[raw], _ONE, _ONE, chinese=True), raw)
        else:
            arabic, clean = None, raw
        # give back a trailing 千 that belongs to the unit (12千米) and 百 before 分点
        if raw.endswith("千") and len(raw) > 1 and t[e:e + 1] in _KILO_UNITS:
            e, raw, clean = e - 1, raw[:-1], clean[:-1]
        if raw.endswith("百") and len(raw) > 1 and t[e:e + 2] == "分点":
            e, raw, clean = e - 1, raw[:-1], clean[:-1]
        if t[e:e + 2] == "分之" or (raw == "百" and t[e:e + 1] == "分" and EXPR.match(t, e + 1)):
            return self.fraction(s, e, raw, clean)
        if t[e:e + 1] == "/" and arabic and arabic.clean.isdigit() and t[s - 1:s] != "/":
            return self.slash(s, e, clean)
        if "几" in t[max(0, s - 1):s] + t[e:e + 1]:
            return e  # 十几万, 几十万: vague, not a figure
        reading = read_numeral(clean)
        if reading is None:
            if arabic is None and (pair := adjacent_pair(raw)):
                return self.adjacent(s, e, pair)
            return e
        if reading.digits and not (len(raw) == 4 and t[e:e + 1] == "年"):
            if pair := adjacent_pair(raw):
                return self.adjacent(s, e, pair)
            return e  # 一一, 五一: digit strings are years or nothing
        if arabic is None and _NUMERAL_DIGITS.isdisjoint(raw) and raw[0] not in "十拾":
            return e  # 百, 万, 千万: place words alone are not figures
        c = new_candidate(s, e, s, e, reading.value, reading.precision, reading.scale, chinese=arabic is None)
        if arabic and arabic.n101:
            c.n101, c.n101_points = arabic.n101, tuple(s + o for o in arabic.points)
            c.n101_zero_end = raw[:arabic.used].endswith("0")
            if arabic.alt is not None:
                alt = read_numeral(arabic.alt + clean[len(arabic.clean):])
                if alt is not None:
                    c.alt_value, c.alt_precision = alt.value, alt.precision
        if reading.digits:
            c.kind = "year"
        return self.finish(c, raw)

    def simple(self, s: int, e: int, raw: str, num: str, big: str, dot: int) -> int:
        """`read` for a plain `123`, `12.5`, `12.5万` (no separator, not d.ddd): `num` + `big`."""
        t = self.t
        nxt = t[e:e + 1]
        if nxt == "分" and t[e + 1:e + 2] == "之":
            return self.fraction(s, e, raw, raw)
        if nxt == "/" and dot < 0 and t[s - 1:s] != "/":
            return self.slash(s, e, raw)
        if nxt == "几" or (s > 0 and t[s - 1] == "几"):
            return e  # 几十万 …
        value, precision, scale, _ = _plain_number(num, big)
        return self.finish(Candidate(s, e, s, e, value, precision, scale), raw)

    def finish(self, c: Candidate, raw: str, require_context: bool = True) -> int:
        t = self.t
        end = c.end
        if t[end:end + 1] in ("多", "余") and (end + 1 >= len(t) or t[end + 1] not in "年"):
            c.approx, c.qualifier = True, "approx"
            end += 1
            sm = self.lex.scales.match(t, end)
            if sm:
                factor = self.lex.scale_values[sm.group()]
                c.value, c.scale = c.value * factor, c.scale * factor
                c.precision = c.precision * factor if c.precision is not None else None
                end = sm.end()
        c.end = end
        lex = self.lex
        if c.kind == "year":
            unit = "年"
        elif t[end:end + 1] in lex.unit_heads:
            key = t[end:end + lex.unit_window]
            unit = lex.unit_memo.get(key, 0)
            if unit == 0:
                unit = unit_word(lex, key)
        else:
            unit = None  # no unit word starts here
        if unit:
            self.apply_unit(c, unit)
            c.end = end + len(unit)
            if c.unit in ("元", "块"):
                self.money_tail(c)
            if t[c.end:c.end + 1] == "半" and c.unit != "倍" and (c.unit != "%" or t[c.end - 1] == "成"):
                half = Decimal("0.5") * (10 if t[c.end - 1] == "成" else 1)
                c.value += half
                c.end += 1
        elif t[end:end + 1] in ("角", "毛") and (c.value < 10 and c.scale == 1):
            c.value, c.unit, c.kind, c.end = c.value * _TENTH, "元", "quantity", end + 1
            c.precision = None if c.precision is None else c.precision * _TENTH
            self.money_tail(c, small=True)
        elif t[end:end + 1].isascii() and t[end:end + 1].isalpha() and raw[-1:].isdigit():
            return c.end  # 5G, 4K: part of a name
        s = c.start
        if not (t[s - 1:s] in _PREFIX_ENDS and self.sign(c)):  # an ordinal takes no qualifier
            if c.start and t[c.start - 1] in lex.before_tails:
                self.qualify_before(c)
        if t[c.end:c.end + 1] in lex.after_heads and c.qualifier is None:
            sm = lex.after.match(t, c.end)
            if sm:
                c.qualifier, c.approx = QUALIFIERS_AFTER[sm.group()], True
        i = bisect.bisect_left(self.starts, c.end)
        if i and self.max_end[i - 1] > c.start and self.is_blocked(c.start, c.end, i):
            return c.end
        if c.chinese and require_context and not self.has_context(c, raw):
            c.weak = True
        self.out.append(c)
        c.at = len(self.items)
        self.items.append(c)
        return c.end

    def money_tail(self, c: Candidate, small: bool = False) -> None:
        """Add 角/毛 and 分 after 元/块 (or 分 after 角/毛): `五元三毛` → 5.3, `九毛九` → 0.99."""
        m = _MONEY_TAIL.match(self.t, c.end)
        if not m:
            return
        jiao, fen_after_jiao, fen, bare = m.groups()
        if any(money_digit(d) is None for d in (jiao, fen_after_jiao, fen, bare) if d):
            return  # 元零 with nothing after 零: not a sub-unit
        if small:
            if jiao or fen_after_jiao:
                return
            fen = fen or bare
            if fen is None:
                return
            c.value += money_digit(fen) * _TENTH * _TENTH
        elif jiao:
            c.value += money_digit(jiao) * _TENTH + (money_digit(fen_after_jiao) * _TENTH * _TENTH if fen_after_jiao else 0)
        elif fen:
            c.value += money_digit(fen) * _TENTH * _TENTH
        else:
            c.value += money_digit(bare) * _TENTH
        c.precision = None
        c.end = m.end()

    def apply_unit(self, c: Candidate, word: str) -> None:
        if word in SPECIAL_UNITS:
            c.unit = SPECIAL_UNITS[word]
            c.kind = _SPECIAL_KINDS[c.unit]
            if word == "成":
                c.value *= 10
                c.precision = c.precision * 10 if c.precision is not None else None
            return
        c.unit = self.lex.aliases.get(word, word)
        if c.kind == "year":
            return
        if c.unit == "年" and not c.chinese and c.scale == 1 and c.precision == 1 and 1000 <= c.value <= 2999:
            c.kind = "year"
        elif c.unit == "月" and c.value == c.value.to_integral_value() and 1 <= c.value <= 12 and c.scale == 1:
            c.kind = "date"
        elif c.unit in ("日", "号") and self.follows_date(c.start):
            c.kind = "date"
        else:
            c.kind = "quantity"

    def qualify_before(self, c: Candidate) -> None:
        """约, 超过, 不足 … right before the figure (or its sign)."""
        t = self.t
        head = t[max(0, c.start - 4):c.start][::-1]
        m = self.lex.before.match(head)
        if m:
            c.qualifier, c.approx = QUALIFIERS_BEFORE[m.group()[::-1]], True

    def sign(self, c: Candidate) -> bool:
        """第, a currency sign, or a minus before the figure; True for 第 (an ordinal)."""
        t, s = self.t, c.start
        if t[s - 1:s] == "第":
            c.kind, c.unit, c.start = "ordinal", None, s - 1
            return True
        before = t[s - 2:s - 1] if s >= 2 else " "
        if t[s - 1:s] in _CURRENCY_SIGNS and c.unit is None:
            c.unit, c.kind, c.start = _CURRENCY_SIGNS[t[s - 1]], "quantity", s - 1
        if t[s - 1:s] == "-" and not ((before.isascii() and before.isalnum()) or before in "%‰)）"):
            self.negate(c, s - 1)
        elif t[s - 1:s] == "负":
            self.negate(c, s - 1)
        elif t[s - 2:s] in ("负的", "零下"):
            self.negate(c, s - 2)
        return False

    @staticmethod
    def negate(c: Candidate, at: int) -> None:
        c.value, c.start = -c.value, at

    def has_context(self, c: Candidate, raw: str) -> bool:
        """A Chinese numeral is a number only with a unit, a sign, 第, or as a numeral of its own."""
        if c.unit is not None or c.kind in ("ordinal", "year") or c.value < 0 or c.nend < c.end:
            return True
        if "点" in raw and not raw.startswith("点"):
            return True
        has_digit = any(ch in DIGITS for ch in raw)
        if len(raw) >= 2 and (has_digit or raw[0] in "十拾"):
            return True
        return self.standalone(c.nstart, c.nend) and (has_digit or raw in ("十", "拾"))

    # -- special forms ---------------------------------------------------------------------
    def fraction(self, s: int, e: int, raw: str, clean: str) -> int:
        t = self.t
        at = e + (2 if t[e:e + 2] == "分之" else 1)
        neg = t[at:at + 1] == "负"
        m = EXPR.match(t, at + neg)
        if not m:
            return e
        num_raw = m.group()
        num = fraction_part(num_raw)
        if num is None:
            return m.end()
        raw = {"佰": "百", "仟": "千"}.get(raw, raw)
        den = None if raw in ("百", "千", "万") else fraction_part(raw)
        if raw not in ("百", "千", "万") and (not den or den.value == 0):
            return m.end()  # no denominator, or 零分之一: not a fraction
        value = -num.value if neg else num.value
        c = new_candidate(s, m.end(), s, m.end(), value, num.precision, chinese=not num_raw[0].isdigit())
        if den is None:
            c.unit = {"百": "%", "千": "‰", "万": "‱"}[raw]
            c.kind = "percent" if raw == "百" else "permille"
            return self.finish(c, num_raw, require_context=False)
        c.value, c.precision = value / den.value, None
        if t[s - 1:s] == "又" and self.out and self.out[-1].end == s - 1 and self.out[-1].unit is None:
            whole = self.out.pop()
            self.items.pop()  # `whole` (a figure followed by 又 is never settled)
            c.start = c.nstart = whole.start
            c.value = whole.value + c.value if whole.value >= 0 else whole.value - c.value
        return self.finish(c, raw, require_context=False)

    def slash(self, s: int, e: int, clean: str) -> int:
        m = _INTEGER.match(self.t, e + 1)
        if not m or self.t[m.end():m.end() + 1] in ("/", ".") or int(m.group()) == 0 or not _PLAIN.fullmatch(clean):
            return e + 1
        value = Decimal(clean) / Decimal(m.group())
        c = Candidate(s, m.end(), s, m.end(), value, None)
        if self.t[s - 2:s] == "又" or self.t[s - 1:s] == "又":
            if self.out and self.out[-1].end == s - 1:
                whole = self.out.pop()
                self.items.pop()  # `whole` (a figure followed by 又 is never settled)
                c.start = c.nstart = whole.start
                c.value += whole.value
        return self.finish(c, "", require_context=False)

    def adjacent(self, s: int, e: int, pair: tuple[int, str, str]) -> int:
        low_len, low, high = pair
        lo, hi = read_numeral(low), read_numeral(high)
        if lo is None or hi is None:
            return e
        b = new_candidate(s + low_len, e, s + low_len, e, hi.value, hi.precision, hi.scale, chinese=True,
                      range_role="high", approx=True, qualifier="approx")
        end = self.finish(b, high, require_context=False)
        if not self.out or self.out[-1] is not b:
            return end
        if b.unit is None and not any(ch in "十百千万亿" for ch in high[1:]):
            self.out.pop()  # 七八 without a unit: an idiom, not a range
            self.items.pop()
            return end
        a = new_candidate(s, s + low_len, s, s + low_len, lo.value, lo.precision, lo.scale, b.unit, b.kind,
                      chinese=True, range_role="low", approx=True, qualifier="approx")
        self.out.insert(len(self.out) - 1, a)
        self.items.insert(len(self.items) - 1, a)
        a.at, b.at = b.at, b.at + 1
        return end


_PLAIN = compile_pattern(r"[0-9]+(?:\.[0-9]+)?")


def _no_commas(m: re.Match) -> str:
    return m.group().replace(",", "")

