"""The scanner's walk over the scanning text, with its fast tiers for plain figures.

`scan(st, view, pieces)` walks `st.text` (`numtext.normalize` output) once and returns
`(items, cands)`: `cands` are the `scanner.Candidate`s found (scanning coordinates, sorted,
non-overlapping), what mentions.py settles (ranges, weak figures, N101 evidence, view
coordinates); `items` are all the figures in order, each a candidate (at its index `at`) or, for a
figure nothing after the scan can change, its final `Mention` ("settled", built here as
`mentions._build` would build it from its candidate).

A plain figure (`743.66亿元`, `54.3%`, `2015年`, `四年`, `第二`) is read here, not by
`scanner._Scan.read`; it is settled when all of these hold, else it becomes a candidate like any
other:
- no range can claim it (`_link_ranges` pairs it with no neighbour): the character after it
  cannot start a range gap (`_LINK_AFTER`: a separator, `(含)`, or 又 before a fraction, which
  takes the figure as its whole), and the character before it cannot end one or the figure
  before is too far (more than two characters and no 含 between);
- it lies in one one-to-one piece of the map to the view, with no artefact edit inside: its
  view span is a shift, and it has no repairs;
- it is not weak (a lone Chinese digit without context), no N101 candidate (d.ddd, 5.639.95),
  not qualified, and the next figure cannot start inside it (its last character is no sign's:
  `_SIGN_ENDS`) nor it inside the one before (an ordinal's 第).
Candidates in `cands` are then the same as if every figure were one: a settled figure between
two candidates keeps them from pairing (its digits sit in their gap, and no separator has any).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from factlint.candidates import Candidate
from factlint.decimals import integral_or_normal
from factlint.mentions import _KINDS, _NO_PRECISION, _NewMention
from factlint.numberwords import (
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    RANGE_SEPARATORS,
    SPECIAL_UNITS,
    unit_word,
)
from factlint.numerals import (
    ARABIC_PATTERN,
    BIG_VALUES,
    CHARS,
    DIGITS,
    place_value,
    read_arabic,
    read_numeral,
    scaled_place,
)
from factlint.patterncache import compile_pattern
from factlint.scanner import (
    _DIGIT_VALUES,
    _ONE,
    _PREFIX_ENDS,
    _SIMPLE,
    _SPECIAL_KINDS,
    _STANDALONE,
    EXPR_HEAD,
    EXPR_REST,
    MAX_FIGURE,
    _plain_number,
    _Scan,
    date_kind,
)
from factlint.spans import trusted_span

# The fast path in `scan` leaves a figure to `read` when the character before it or after it
# is one of these (a code, a sign, 第, 几, 多/余, a fraction slash, 角/毛, a Latin letter), or
# when 分之 follows it.
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PREV_SLOW = _ASCII_LETTERS | (_PREFIX_ENDS - frozenset("第的下")) | frozenset("几")
_NEXT_SLOW = _ASCII_LETTERS | frozenset("/几多余角毛")
_MONEY_TAIL_FIRST = frozenset("0123456789") | frozenset(DIGITS)  # what _MONEY_TAIL can start with
_DATE_UNITS = frozenset(("年", "月", "日", "号"))
# A lone Chinese numeral as `read` reads it: (value, precision), a digit exact, 十 to the ten.
_LONE_NUMERALS = {ch: (v, _ONE) for ch, v in _DIGIT_VALUES.items()} | {
    ch: (r.value, r.precision) for ch in "十拾" for r in [read_numeral(ch)]}
# A range gap (`_link_ranges`: a separator once `(含)` and `（含）` are taken out) starts with one
# of `_LINK_AFTER` (less 又) and ends with one of `_LINK_BEFORE`.
_LINK_AFTER = frozenset(s[0] for s in RANGE_SEPARATORS) | frozenset("(（又")
_LINK_BEFORE = frozenset(s[-1] for s in RANGE_SEPARATORS) | frozenset(")）")
# The last characters of a figure that a sign of the next figure could take (`_PREFIX_ENDS`, the
# 负 of 负的, the 零 of 零下): that figure could then start inside it, so it is not settled.
_SIGN_ENDS = _PREFIX_ENDS | frozenset("负零")
# A number with thousands separators (`63,760`, `1,234.5万`), which `read` reads as the same
# number without them (`_SIMPLE`'s groups).
_GROUPED = compile_pattern(r"([0-9]{1,3}+(?:,[0-9]{3})++(?:\.[0-9]++)?+)([万亿]?)")
# Any other Arabic number (an `ARABIC` token) with 万 or 亿 or neither, for `read_arabic` to read.
_SEPARATED = compile_pattern(rf"({ARABIC_PATTERN})([万亿]?)")


def scan(st, view: str, pieces: tuple) -> tuple[list, list[Candidate]]:
    """`(items, cands)` for the scanning text `st` (a `numtext.ScanText`) of `view`, whose map to
    the view is `pieces` (`st.pieces()`).

    The walk. A plain figure in plain surroundings (`743.66亿元`, `54.3%`, `2015年` after `的`,
    `第二轮`, `四年`) is read right here: what `read` → `simple` → `finish` (and `apply_unit`,
    `sign` for 第, `has_context`) would do, with the branches that cannot apply left out. Anything
    else near it (a sign, 多, 分之, /, 几, a Latin letter, 成, 半, a money tail, d.ddd, a numeral of
    several characters) goes to `read`, which does it all."""
    t = st.text
    sc = _Scan(t)
    read, out, items = sc.read, sc.out, sc.items
    lex = sc.lex
    heads, window, memo, aliases = lex.unit_heads, lex.unit_window, lex.unit_memo, lex.aliases
    before_tails, after_heads, before, after = lex.before_tails, lex.after_heads, lex.before, lex.after
    max_end, is_blocked, simple_match, lone_numerals = sc.max_end, sc.is_blocked, _SIMPLE.fullmatch, _LONE_NUMERALS
    grouped_match, separated_match = _GROUPED.fullmatch, _SEPARATED.fullmatch
    # the blocked words starting before the end of the figure at hand: `i` of `bstarts` (the
    # figures' ends rise along the walk, so it only moves forward; the last start is past any end),
    # with the next one's start `nb` and the furthest end among them `reach` (-1: none)
    bstarts, i = [*sc.starts, len(t) + 1], 0
    nb, reach = bstarts[0], -1
    standalone, n = _STANDALONE, len(t)
    search, unit_info = _fast_figure(lex)
    # the map to the view: a figure in [lo, hi) maps to its span shifted by d, with no repair
    # (`_plain_region`; lo == hi when none, at first)
    estarts = sorted(e.start for e in st.edits) + [n + len(view) + 1]  # edit starts, then past any
    lo = hi = d = 0
    han = "含" in t
    link_after, link_before, kinds, places = _LINK_AFTER, _LINK_BEFORE, _KINDS, _CLEAN_PLACES
    new_mention, span_of, big_values, sign_ends = _NewMention, trusted_span, BIG_VALUES, _SIGN_ENDS
    pos = 0
    while m := search(t, pos):
        if m.lastindex:  # tier 1, see _fast_figure: every context check done by the regex
            linked_before, frac, big, word, linked_after = m.groups()
            s = m.start()
            e = m.end(3)  # the end of the numeral: num, then big (one character, or none)
            num = t[s:e - 1] if big else t[s:e]
            if e - s > MAX_FIGURE:
                pos = e  # what read does
                continue
            pos = end = e if word is None else e + len(word)
            if big:
                scale = big_values[big]
                value = Decimal(num) * scale
            else:
                scale, value = _ONE, Decimal(num)
            unit, kind, settles = unit_info[word]
            if kind is None:  # apply_unit for 年, 月, 日, 号
                if unit == "年" and not big and frac is None and len(num) == 4 and num[0] in "12":
                    kind = "year"  # date_kind's 1000 <= value <= 2999, read off the digits
                else:
                    kind = date_kind(sc, unit, value, not big, frac is None, s)
            if nb < end:  # i = bisect_left(starts, end): ends rise, so i does
                while bstarts[i] < end:
                    i += 1
                nb, reach = bstarts[i], max_end[i - 1]
            if reach > s and is_blocked(s, end, i):
                continue
            if not lo <= s < hi:
                lo, hi, d = _plain_region(pieces, estarts, s)
            if settles and end <= hi and linked_after is None and (linked_before is None or _far(sc, t, s, han)):
                # the Mention mentions._build makes of this figure's candidate
                vs, ve = s + d, end + d
                if frac is None:  # Decimal(num) (× 万/亿, exact) is what _clean gives, up to 19 digits
                    whole, exponent = value if len(num) < 20 else integral_or_normal(value), 0
                elif not big and frac[-1] != "0" and len(num) <= 29:  # already normal (not integral,
                    whole, exponent = value, -len(frac)                  # no trailing zero, <= 28 digits)
                elif big:  # integral_or_normal, its commonest case (12.5万: an integer) inline
                    whole, exponent = value.to_integral_value(), -len(frac)
                    if value != whole or not whole.same_quantum(_ONE):
                        whole = integral_or_normal(value)
                else:
                    whole, exponent = integral_or_normal(value), -len(frac)
                span = span_of(vs, ve)
                items.append(new_mention(
                    span, view[vs:ve], whole,
                    None if kind in _NO_PRECISION else places[big][exponent], unit, scale, kinds[kind],
                    False, None, None, False, ()))
                sc.settled_end = end
                if kind == "date":
                    sc.date_end = end
                continue
            exponent = 0 if frac is None else -len(frac)
            precision = place_value(exponent) if not big else scaled_place(exponent, big)
            c = Candidate(s, end, s, e, value, precision, scale, unit, kind, False)
            c.at = len(items)
            out.append(c)
            items.append(c)
            continue
        s, e = m.span()
        if e - s > MAX_FIGURE:
            pos = e  # what read does
            continue
        # tier 2: a lone Chinese digit or 十, or an Arabic number the regex left (d.ddd, a qualifier …)
        p = t[s - 1] if s else ""
        nxt = t[e:e + 1]
        if (p in _PREV_SLOW or nxt in _NEXT_SLOW or (nxt == "分" and t[e + 1:e + 2] == "之")
                or (p in "的下" and t[s - 2:s] in ("负的", "零下"))):
            pos = read(s, e)
            continue
        if e - s == 1 and (lone := lone_numerals.get(t[s])) is not None:  # a lone Chinese digit, or 十
            (value, precision), scale = lone, _ONE
            big, dot, chinese, n101, arabic = "", -1, True, False, None
        # read → simple (ASCII: disjoint from the above), or a number with thousands separators
        elif (sm := simple_match(t, s, e) or grouped_match(t, s, e)) is not None:
            printed, big = sm.groups()
            num = printed.replace(",", "") if "," in printed else printed  # as read_arabic reads 63,760
            value, precision, scale, dot = _plain_number(num, big)
            chinese, arabic = False, None
            n101 = 0 < dot <= 3 and len(num) - dot == 4  # d.ddd: an N101 candidate (read_arabic)
        # any other Arabic number read whole (5.639.95万: periods as thousands separators)
        elif ((sm := separated_match(t, s, e)) is not None and (arabic := read_arabic(sm[1])) is not None
              and arabic.used == len(sm[1])):
            printed, big = sm.groups()
            num = arabic.clean
            value, precision, scale, dot = _plain_number(num, big)
            chinese, n101 = False, arabic.n101 is not None
        else:
            pos = read(s, e)
            continue
        # finish
        if nxt in heads:
            word = memo.get(t[e:e + window], 0)
            if word == 0:
                word = unit_word(lex, t[e:e + window])
        else:
            word = None
        if word:
            end = e + len(word)
            unit = SPECIAL_UNITS.get(word)
            if unit is not None:
                if word == "成":
                    pos = read(s, e)
                    continue
                kind = _SPECIAL_KINDS[unit]
            else:  # apply_unit
                unit = aliases.get(word, word)
                kind = "quantity"
                if unit in _DATE_UNITS:
                    kind = date_kind(sc, unit, value, not big, not chinese and dot < 0, s)
            after_unit = t[end:end + 1]
            if after_unit == "半" or (after_unit in _MONEY_TAIL_FIRST and unit in ("元", "块")):
                pos = read(s, e)
                continue
        else:
            end, unit, kind, after_unit = e, None, "number", nxt
        pos = end
        if p == "第":  # sign: an ordinal, which takes no qualifier before it
            start, kind, unit = s - 1, "ordinal", None
        else:
            start = s
        if nb < end:  # as in tier 1
            while bstarts[i] < end:
                i += 1
            nb, reach = bstarts[i], max_end[i - 1]
        if reach > start and is_blocked(start, end, i):
            continue
        qualifier = None
        if start == s and p in before_tails:  # qualify_before
            qm = before.match(t[max(0, s - 4):s][::-1])
            if qm:
                qualifier = QUALIFIERS_BEFORE[qm.group()[::-1]]
        if qualifier is None and after_unit in after_heads:
            qm = after.match(t, end)
            if qm:
                qualifier = QUALIFIERS_AFTER[qm.group()]
        # has_context, for a lone Chinese digit (a unit, 第, or standing alone)
        weak = chinese and unit is None and kind != "ordinal" and end == e and not (
            (s == 0 or p in standalone) and (e == n or nxt in standalone))
        if (qualifier is None and not n101 and not weak and t[end - 1] not in sign_ends
                and after_unit not in link_after
                and (not start or t[start - 1] not in link_before or _far(sc, t, start, han))
                and (start == s or sc.last_end() <= start)):
            # settled as tier 1 settles (the same tests), when its span maps to the view shifted;
            # an ordinal's 第 must not be the end of the figure before (mentions._build drops
            # a candidate that overlaps the one before)
            if not lo <= start < hi:
                lo, hi, d = _plain_region(pieces, estarts, start)
            if end <= hi:
                # the Mention mentions._build makes of this figure's candidate: a Chinese digit
                # is an exact count (no precision), 十 is to the ten, an Arabic number's
                # precision is cleaned
                if kind in _NO_PRECISION or (chinese and precision is _ONE):  # year, date, ordinal
                    place = None
                elif chinese:
                    place = precision  # 10, clean already
                else:
                    place = places[big][0 if dot < 0 else dot + 1 - len(num)]
                if chinese or (dot < 0 and len(num) < 20) or (not big and num[-1] != "0" and len(num) <= 29):
                    whole = value  # as in tier 1
                else:
                    whole = integral_or_normal(value)
                vs, ve = start + d, end + d
                span = span_of(vs, ve)
                items.append(new_mention(
                    span, view[vs:ve], whole,
                    place, unit, scale, kinds[kind], False, None, None, chinese, ()))
                sc.settled_end = end
                if kind == "date":
                    sc.date_end = end
                continue
        c = Candidate(start, end, s, e, value, precision, scale, unit, kind, chinese)
        if qualifier is not None:
            c.qualifier, c.approx = qualifier, True
        if n101:  # as read does it: the reading of the periods as thousands separators
            if arabic is None:  # d.ddd: its one period (read_arabic's "single")
                c.n101, c.n101_points, alt = "single", (s + dot,), num.replace(".", "")
            else:
                c.n101, c.n101_points, alt = arabic.n101, tuple(s + o for o in arabic.points), arabic.alt
            c.n101_zero_end = printed.endswith("0")
            if alt is not None:  # read_numeral(alt + big), as _plain_number reads it
                c.alt_value, c.alt_precision = _plain_number(alt, big)[:2]
        if weak:
            c.weak = True
        c.at = len(items)
        out.append(c)
        items.append(c)
    return items, out


def _plain_region(pieces: tuple, estarts: list[int], s: int) -> tuple[int, int, int]:
    """`(lo, hi, d)`: the scanning offsets [lo, hi) around `s` (lo <= s) that map to the view one to
    one as x → x + d, in one piece of the map (`ScanText.pieces()`) with no edit starting at their
    view offsets (`estarts`: the edits' sorted starts, then one past any): a figure inside maps to
    its span shifted and needs no repair, as mentions._build finds. lo == hi when s lies in a
    piece that is not one to one."""
    at, next_at, shift, one_to_one = pieces
    j = bisect_right(at, s) - 1
    lo, d = at[j], shift[j]
    if not one_to_one[j]:
        return lo, lo, d
    k = bisect_left(estarts, s + d)  # the edits before k start before s's view offset, k's at or after
    if k and estarts[k - 1] - d >= lo:
        lo = estarts[k - 1] - d + 1
    return lo, min(next_at[j], estarts[k] - d), d


def _far(sc: _Scan, t: str, s: int, han: bool) -> bool:
    """Whether the figure before a figure starting at `s` is too far for a range gap between them:
    more than two characters, none of them 含 (the test `_link_ranges` starts with)."""
    last = sc.last_end()
    return s - last > 2 and not (han and t.find("含", last, s) >= 0)


def _fast_figure(lex) -> tuple:
    """`(search, unit_info)` for the commonest figure: a plain Arabic number (`743.66`, `12.5万`,
    `2015`) with at most a unit word after it, in surroundings that ask nothing of the reader.

    `search(t, pos)` finds what `EXPR.search(t, pos)` finds, less the lone Chinese numerals `scan`
    would drop with no effect on other figures (`_idle_numeral`: it steps over them in C), and
    reads the figure there as well when it is such a number (tier 1: `lastindex` set; else
    `span()` is EXPR's, no group set). Its first character is one class (so `re` skips in C to a
    numeral), then a branch: tier 1, which needs that character to be an ASCII digit and looks
    behind from the character after it, else the rest of EXPR. Tier 1 matches only when the
    numeral run is exactly `num` + `big` (the lookahead after them stops where EXPR stops) and
    when none of these apply, each of which `scan`'s second tier or `read` handles instead:
    - before it: a Latin letter (a code), 几, a sign or 第 (`_PREFIX_ENDS`, with 负的 and 零下),
      the end of a qualifier word (约, 不到, 超过 … `QUALIFIERS_BEFORE`);
    - the number is d.ddd (an N101 candidate);
    - after the numeral: a Latin letter, 分 (分之), /, 几, 多, 余, 角, 毛; a not-unit word
      (`3分别`) or 成 where the unit would start;
    - after the unit (or the numeral): 半, a money-tail digit, the start of an after-qualifier.
    The unit group is atomic, so it is the longest unit word (`Lexicon.units`), as `unit_word`
    finds it when no not-unit word starts there. Groups: "" when the character before the figure
    may end a range gap (`_LINK_BEFORE`, else None), the digits after num's point (None: no
    point), big (万/亿 or "", right after num), unit word, "" when the character after the figure
    may start one (`_LINK_AFTER`, else None). `unit_info[word]` is (unit, kind, settles) with
    unit and kind as `apply_unit` sets them (`unit_info[None]`: no unit word), kind None for
    年月日号, whose kind depends on the value; `settles` is False for a word whose last character
    a sign of the next figure could take (`_PREFIX_ENDS`, 负的, 零下): that figure could then
    start inside this one (none of the bundled words). Built once per lexicon."""
    got = _FAST_CACHE.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1]
    cn = re.escape(CHARS)
    latin = "A-Za-z"
    prev_ends = (_PREFIX_ENDS - frozenset("的下")) | frozenset("几")
    prev = re.escape("".join(sorted(prev_ends)))
    by_len: dict[int, list[str]] = {}
    for w in QUALIFIERS_BEFORE:
        by_len.setdefault(len(w), []).append(re.escape(w))
    # each lookbehind at the figure's start, from one character further (the digit consumed)
    before = "".join(f"(?<!(?:{'|'.join(sorted(ws))}).)" for _, ws in sorted(by_len.items()))
    # the last characters of all those words: when the character before the figure is none of
    # them, every lookbehind holds (one test instead of six; atomic, so not repeated on backtracking)
    ends = re.escape("".join(sorted(prev_ends | frozenset("的下") | {w[-1] for w in QUALIFIERS_BEFORE})))
    after_first = re.escape("".join(sorted(_MONEY_TAIL_FIRST | lex.after_heads | {"半"})))
    link_before, link_after = (re.escape("".join(sorted(chars))) for chars in (_LINK_BEFORE, _LINK_AFTER))
    tier1 = (
        rf"(?<=[0-9])(?>(?<![{latin}{ends}].)|(?<![{latin}{prev}].)(?<!负的.)(?<!零下.){before})"
        rf"(?:(?<=[{link_before}].)())?+"
        rf"(?![0-9]{{0,2}}+\.[0-9]{{3}}+(?![0-9]))"  # d.ddd: one to three digits, a point, three
        rf"[0-9]*+(?:\.([0-9]++))?+([万亿]?+)"
        rf"(?![0-9.,点{cn}{latin}分/几多余角毛])"
        rf"(?!{lex.not_units.pattern}|成)"
        rf"((?>{lex.units.pattern}))?+"
        rf"(?![{after_first}])"
        rf"(?:(?=[{link_after}])())?+"
    )
    pattern = rf"{EXPR_HEAD}(?:{tier1}|(?!{_idle_numeral(lex)}){EXPR_REST})"
    info: dict[str | None, tuple[str | None, str | None, bool]] = {None: (None, "number", True)}
    for word in lex.unit_words:
        settles = word[-1] not in _PREFIX_ENDS and word[-1] not in "负零"
        if word in SPECIAL_UNITS:
            info[word] = (SPECIAL_UNITS[word], _SPECIAL_KINDS[SPECIAL_UNITS[word]], settles)
        else:
            unit = lex.aliases.get(word, word)
            info[word] = (unit, None if unit in _DATE_UNITS else "quantity", settles)
    got = (lex, (compile_pattern(pattern).search, info))
    _FAST_CACHE[id(lex)] = got
    return got[1]


def _idle_numeral(lex) -> str:
    """A pattern for the offset right after a numeral's first character t[s] that matches where
    `scan` would drop t[s] and resume right after it, with no effect on any other figure: `search`
    then moves on as if no figure were there (`一般`, `统一`, `之一`, `四川`, `一是`).

    Such a t[s] is a Chinese numeral, a numeral run of its own, with nothing that makes it a
    figure: no unit, 多/余, 角/毛 or 分 (分之) after it, no sign or 第 before it, not standing
    alone (`_STANDALONE` after it). `read` drops it (几 next to it, a place word alone) or makes it
    a weak figure [s, s + 1), dropped as blocked or, being weak, by mentions._build unless a range
    claims it; none can, with no range gap next to it (`_LINK_BEFORE`, `_LINK_AFTER`, whose 又
    also covers a fraction taking it as its whole). Nor does it change what the figures around it
    become: it sits in their gap, a numeral (so no range pairs across it), and it is no date."""
    run = re.escape(CHARS)
    before = re.escape("".join(sorted(_PREFIX_ENDS | _LINK_BEFORE)))
    after = re.escape("".join(sorted(lex.unit_heads | frozenset("多余角毛分") | _LINK_AFTER | _STANDALONE)))
    return rf"(?<=[{run}])(?<![{before}].)(?=[^0-9{run}{after}])(?!点[0-9{run}])"


_FAST_CACHE: dict[int, tuple] = {}
# The precision of a settled plain figure, as mentions._build cleans it: by 万/亿 ("" for none)
# and exponent (0 for an integer, -2 for 12.50), for every exponent a figure can have.
_CLEAN_PLACES = {big: {-k: integral_or_normal(place_value(-k) if not big else scaled_place(-k, big))
                       for k in range(MAX_FIGURE + 1)} for big in ("", *BIG_VALUES)}
