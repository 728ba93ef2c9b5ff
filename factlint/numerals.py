"""Numerals to Decimal: Chinese, Arabic and mixed (`一百二十三万`, `1.32亿`, `5万4千6百`, `三万五`).

The only module that imports cn2an (lazily, as a last resort for a Chinese numeral our own
reader rejects). Invariants: every value is a Decimal from the first digit; a numeral that does
not parse returns None, never a guess; `precision` is the place value of the last written digit
in value units (`1.32亿` → 1000000, `三百二十六亿` → 100000000, `三万五` → 1000).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from factlint.decimals import integral_or_normal
from factlint.lazypattern import LazyPattern
from factlint.patterncache import compile_pattern
from factlint.records import record

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
PLACES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIGS = {"万": 10_000, "亿": 100_000_000}
POINT = "点"
# Characters a numeral may be made of (after factlint.numtext has mapped 萬億點兩 and friends).
CHARS = "".join(DIGITS) + "".join(PLACES) + "".join(BIGS)
ZEROES = "零〇○"

_TOKEN = compile_pattern(r"[0-9]++(?:\.[0-9]++)?|.", re.S)
_ADJACENT = LazyPattern(r"(十?)([一二三四五六七八九])([二三四五六七八九])([十百千万亿]*)")
_ONE, _TEN = Decimal(1), Decimal(10)
_PLAIN = compile_pattern(r"([0-9]++(?:\.[0-9]++)?)([万亿]?)")  # an Arabic number, maybe with 万 or 亿
_SEPS = compile_pattern(r"([.,])")
BIG_VALUES = {k: Decimal(v) for k, v in BIGS.items()}


@lru_cache(maxsize=None)
def place_value(exponent: int) -> Decimal:
    """The place value of a last digit at `exponent` (-2 → 0.01): one shared object per exponent."""
    return _ONE.scaleb(exponent)


@lru_cache(maxsize=None)
def scaled_place(exponent: int, big: str) -> Decimal:
    """`place_value(exponent) × 万` (or 亿), one shared object per result."""
    return place_value(exponent) * BIG_VALUES[big]


def exponent_of(num: str) -> int:
    """The exponent of `Decimal(num)` for a plain `123` or `12.50` (0 and -2), without building it."""
    dot = num.find(".")
    return 0 if dot < 0 else dot + 1 - len(num)


@record(frozen=True, slots=True)
class Reading:
    value: Decimal
    precision: Decimal  # place value of the last written digit
    scale: Decimal  # trailing scale word(s) folded in: 万 → 10000, 万亿 → 10**12, none → 1
    digits: bool = False  # a bare digit string such as 二〇二〇 (no place words)


@record(frozen=True, slots=True)
class _Tok:
    kind: str  # D digit/number, P place (十百千), B big unit (万亿), . point
    value: Decimal
    precision: Decimal = _ONE
    chinese: bool = True


def _tokens(text: str) -> list[_Tok] | None:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        if t[0].isdigit():
            d = Decimal(t)
            out.append(_Tok("D", d, place_value(d.as_tuple().exponent), False))
        elif t in DIGITS:
            out.append(_Tok("D", Decimal(DIGITS[t])))
        elif t in PLACES:
            out.append(_Tok("P", Decimal(PLACES[t])))
        elif t in BIGS:
            out.append(_Tok("B", Decimal(BIGS[t])))
        elif t == POINT:
            out.append(_Tok(".", _ONE))
        else:
            return None
    return out


def _section(toks: list[_Tok]) -> tuple[Decimal, Decimal] | None:
    """A numeral below 万: digits and 十百千 only."""
    if len(toks) == 1 and toks[0].kind == "D":
        return toks[0].value, toks[0].precision
    total, cur, last, zero, prec = Decimal(0), None, None, False, None
    for t in toks:
        if t.kind == "D":
            if t.chinese and t.value == 0:
                if cur is not None:
                    return None
                zero = True
                continue
            if cur is not None:
                return None
            cur = t
        elif t.kind == "P":
            if last is not None and t.value >= last:
                return None
            if cur is None and last is not None and not zero and t.value != 10:
                return None
            total += (cur.value if cur else _ONE) * t.value
            prec = (cur.precision if cur else _ONE) * t.value
            cur, last, zero = None, t.value, False
        else:
            return None
    if cur is not None:
        if last is not None and not zero and cur.chinese and cur.value < 10:
            total += cur.value * last / _TEN  # colloquial 一百二 = 120
            prec = last / _TEN
        else:
            if last is not None and cur.value >= last:
                return None
            total += cur.value
            prec = cur.precision
    elif prec is None:
        return None
    return total, prec


def _integer(toks: list[_Tok]) -> tuple[Decimal, Decimal] | None:
    """Split at the last occurrence of the largest big unit: left × unit + right."""
    bigs = [i for i, t in enumerate(toks) if t.kind == "B"]
    if not bigs:
        return _section(toks)
    top = max(toks[i].value for i in bigs)
    at = max(i for i in bigs if toks[i].value == top)
    left, right = toks[:at], toks[at + 1:]
    if not left:
        return None
    got = _integer(left)
    if got is None:
        return None
    value, prec = got[0] * top, got[1] * top
    zero = False
    if right and right[0].kind == "D" and right[0].chinese and right[0].value == 0:
        right, zero = right[1:], True
        if not right:
            return None
    if right:
        r = right[0]
        if len(right) == 1 and r.kind == "D" and r.chinese and not zero and 0 < r.value < 10:
            return value + r.value * top / _TEN, top / _TEN  # colloquial 三万五 = 35000
        got = _integer(right)
        if got is None or got[0] >= top:
            return None
        value, prec = value + got[0], got[1]
    return value, prec


def _trailing_scale(toks: list[_Tok]) -> Decimal:
    """`1.32亿` → 1e8, `3千万` → 1e7 (scale words after an Arabic number); `一百二十三万` → 1e4."""
    scale = _ONE
    if not toks[0].chinese and len(toks) > 1 and all(t.kind in "BP" for t in toks[1:]):
        for t in toks[1:]:
            scale *= t.value
        return scale
    for t in reversed(toks):
        if t.kind != "B":
            break
        scale *= t.value
    return scale


def read_numeral(text: str) -> Reading | None:
    """Read a numeral (`一百二十三万`, `1972.66万`, `五点二`, `二〇二〇`); None when it is not one.

    Arabic parts must already be clean (no separators, `.` as the decimal point). A pure function
    of `text`: plain Arabic numbers take a fast path, everything else is cached.
    """
    m = _PLAIN.fullmatch(text)
    if m is None:
        return _read_cached(text)
    num, big = m.groups()
    d, exponent = Decimal(num), exponent_of(num)
    if not big:
        return Reading(d, place_value(exponent), _ONE)
    scale = BIG_VALUES[big]  # as _integer and _trailing_scale compute it: (d × big, p × big, 1 × big)
    return Reading(d * scale, scaled_place(exponent, big), scale)


@lru_cache(maxsize=8192)
def _read_cached(text: str) -> Reading | None:
    toks = _tokens(text)
    if not toks:
        return None
    if len(toks) >= 2 and all(t.kind == "D" and t.chinese for t in toks):
        digits = "".join(str(int(t.value)) for t in toks)
        return Reading(Decimal(digits), _ONE, _ONE, digits=True)
    points = [i for i, t in enumerate(toks) if t.kind == "."]
    if len(points) > 1:
        return None
    if points:
        at = points[0]
        left, right = toks[:at], toks[at + 1:]
        mult = _ONE
        while right and right[-1].kind in "BP":
            mult *= right[-1].value
            right = right[:-1]
        if not left or not right or any(t.kind != "D" for t in right):
            return None
        if len(right) > 1 and not all(t.chinese for t in right):
            return None
        if not right[0].chinese:
            frac = text[text.index(POINT) + 1:].rstrip(CHARS)
            if not frac.isdigit():
                return None
        else:
            frac = "".join(str(int(t.value)) for t in right)
        whole = _integer(left)
        if whole is None:
            return None
        value = (whole[0] + Decimal("0." + frac)) * mult
        return Reading(value, Decimal(1).scaleb(-len(frac)) * mult, mult)
    got = _integer(toks)
    if got is None:
        if any(not t.chinese for t in toks):
            return None
        return _fallback(text)
    return Reading(got[0], got[1], _trailing_scale(toks))


@record(frozen=True, slots=True)
class Arabic:
    """An Arabic number token as printed: `clean` to read, and any N101 reading of its periods."""

    clean: str  # separators removed, "." as the decimal point
    used: int  # characters of the token that belong to the number
    n101: str | None = None
    points: tuple[int, ...] = ()  # offsets (in the token) of periods used as separators
    alt: str | None = None


@lru_cache(maxsize=4096)
def read_arabic(tok: str) -> Arabic | None:
    """`2,245` `1,972.66` `1.972.66` (N101, multi) `2.000` (N101 candidate); None for 1.2.3."""
    if "." not in tok and "," not in tok:
        return Arabic(tok, len(tok))
    parts = _SEPS.split(tok)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return Arabic(tok, len(tok))
    used = len(tok)
    if "," in seps:  # the token ends before a comma that joins no thousands group
        used, cut = len(groups[0]), len(seps)
        for i, sep in enumerate(seps):
            g = groups[i + 1]
            if sep == "," and ("." in seps[:i] or len(g) != 3 or len(groups[0]) > 3):
                cut = i
                break
            used += 1 + len(g)
        seps, groups = seps[:cut], groups[:cut + 1]
    text = tok[:used]
    if seps.count(".") >= 2:
        if "," in seps or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:-1]):
            return None
        last_is_decimal = len(groups[-1]) != 3
        offs, pos = [], len(groups[0])
        for i, g in enumerate(groups[1:]):
            if not (last_is_decimal and i == len(groups) - 2):
                offs.append(pos)
            pos += 1 + len(g)
        clean = "".join(groups[:-1]) + ("." if last_is_decimal else "") + groups[-1]
        return Arabic(clean, used, "multi", tuple(offs))
    clean = text.replace(",", "")
    if seps == ["."] and len(groups[0]) <= 3 and len(groups[1]) == 3:
        return Arabic(clean, used, "single", (len(groups[0]),), clean.replace(".", ""))
    return Arabic(clean, used)


def adjacent_pair(text: str) -> tuple[int, str, str] | None:
    """`三五百` → (1, '三百', '五百'): two neighbouring digits read as a range.

    Returns the length of the low end as printed (`十七` in `十七八万` is 2) and the two numerals.
    """
    m = _ADJACENT.fullmatch(text)
    if not m:
        return None
    ten, lo, hi, rest = m.groups()
    if DIGITS[hi] <= DIGITS[lo] or (DIGITS[hi] - DIGITS[lo] > 2 and (lo, hi) != ("三", "五")):
        return None
    return len(ten) + 1, ten + lo + rest, ten + hi + rest


def _fallback(text: str) -> Reading | None:
    """cn2an for the rare forms our reader rejects; its float result goes through str at once."""
    if any(c in text for c in ZEROES) and len(text) > 1 and text.strip(ZEROES) == "":
        return None
    try:
        import cn2an  # lazy: start-up time matters

        got = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    value = Decimal(str(got))
    return Reading(integral_or_normal(value) if value == value.to_integral_value() else value, _ONE, _ONE)


# Figures in the scanner: the Arabic-numeral token, money sub-unit digits, fraction parts.
ARABIC_PATTERN = r"[0-9]++(?:,[0-9]{3}+(?![0-9])|\.[0-9]++)*+"
ARABIC = compile_pattern(ARABIC_PATTERN)


def money_digit(ch: str) -> Decimal | None:
    """One money sub-unit digit (`三`, `3`, `零三`); None when there is none (`零` alone)."""
    ch = ch.lstrip("零")
    if len(ch) == 1 and "0" <= ch <= "9":
        return Decimal(ch)
    value = DIGITS.get(ch)
    return None if value is None else Decimal(value)


def fraction_part(raw: str) -> Reading | None:
    if raw in ("百", "十"):
        return Reading(Decimal(PLACES[raw]), _ONE, _ONE)
    if raw[0].isdigit():
        a = read_arabic(ARABIC.match(raw).group())
        if a is None:
            return None
        raw = a.clean + raw[a.used:]
    return read_numeral(raw)
