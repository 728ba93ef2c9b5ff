"""The scanning text: the reading view with number artefacts undone, and a map back to the view.

`normalize(view)` returns a `ScanText` whose `text` has ASCII digits, points, commas and percent
signs inside numbers, spaced digits joined (N104), OCR look-alikes replaced (N103) and traditional
numeral characters mapped to simplified ones. Every artefact undone is recorded as a `RawEdit` in
VIEW coordinates (minimal: one character or one space). Invariants: each scanning character maps
to a non-empty view span, starts and ends both increasing; a text with nothing to undo maps to
itself (no map is built). Linear time; the map has one piece per edit, not one per character.
"""

from __future__ import annotations

import sys
from bisect import bisect_right

from factlint.patterncache import compile_pattern
from factlint.records import field, record

FW_DIGITS = "０１２３４５６７８９"
_D = "0-9０-９"
# Traditional numeral characters → simplified (not an artefact; scanning only).
_TRAD = str.maketrans("萬億點兩個負貳參陸圓", "万亿点两个负贰叁陆元")
_TRAD_PAIRS = tuple(zip("萬億點兩個負貳參陸圓", "万亿点两个负贰叁陆元"))  # no target is a source
_FW = str.maketrans(FW_DIGITS + "．，％－／", "0123456789.,%-/")

# Every branch consumes its first character from one leading class (so `re` skips in C to the next
# candidate); lookbehinds that include that character check what the original pattern checked, and
# the branches are grouped by that character behind one lookbehind per group (each failed test
# costs more than the scan). Most characters of the class start nothing; the two assertions after
# it turn them away (a shortcut only: every branch would fail there too): a point after two ASCII
# digits (a decimal point) or before an ASCII digit that no space or point follows (`5.13`,
# `7.1%`: `spaced1` finds nothing to join), a space or point not after an ASCII digit, a comma,
# ％, ／, %, a look-alike letter, 方 or 干 not after a digit, and an ASCII % not before o or 0.
# `spaced`: digits joined by spaces or points (`1 234`, `3 . 5`), from a digit not after a digit
# or point. An ASCII digit is not in the class (they are everywhere): such a run is matched from
# the character after its first digit (`spaced1`, its lookbehinds one character further back),
# except after `D%0`, where `permille` took that `0`.
_SPACED_RUN = rf"(?:(?: ?[.．] ?| )[{_D}])"
_SPECIAL = compile_pattern(
    rf"[０-９．，％－／OolI%方干 .]"
    rf"(?<![0-9][0-9]\.|.[^0-9][ .]|.[^{_D}][，％／OolI%方干])(?!(?<=\.)[0-9](?![ .．])|(?<=%)[^o0])"
    rf"(?:(?<=[ .．])(?:"
    rf"(?P<spaced1>(?<![{_D}.．][0-9].)(?<=[0-9].)(?<![{_D}]%0.)"
    rf"(?!(?<=\.)[0-9](?:\.[0-9])*+(?![{_D} .．]))"  # not a run with nothing to undo (`7.1%`)
    rf"(?:(?<= )(?:[.．] ?)?|(?<=[.．]) ?)[{_D}]{_SPACED_RUN}*+(?![{_D}]))"
    rf"|(?P<point>(?:(?<=[{_D}]．)|(?<=[{_D}] ．))(?= ?[{_D}])))"
    rf"|(?<=[０-９])(?:(?P<spaced>(?<![{_D}.．][０-９]){_SPACED_RUN}++(?![{_D}]))|(?P<fwd>[０-９]*+))"
    rf"|(?<=[{_D}][，％／OolI%方干])(?:"  # a digit before: the character alone picks the branch
    rf"(?P<comma>(?<=，)(?=[{_D}]{{3}}(?![{_D}])))"
    rf"|(?P<pct>(?<=％))"
    rf"|(?P<slash>(?<=／)(?=[{_D}]))"
    rf"|(?P<look>(?<=[OolI])[OolI]*+(?=[{_D}]))"
    rf"|(?P<permille>(?<=[%％])[o0](?![0-9A-Za-z]))"
    rf"|(?P<wan>(?<=方)(?=元|人|户|吨|亩|平方|千瓦|公里|立方))"
    rf"|(?P<qian>(?<=干)(?=瓦|克|米|伏)))"
    rf"|(?P<minus>(?<=－)(?=[{_D}])))"
)
# After 3 digits following a full-width comma, what shows the comma is a thousands separator.
_AFTER_GROUP = set("万亿千百萬億.．,，%％‰元吨人户个個亩米公平千多余")


@record(frozen=True, slots=True)
class RawEdit:
    """One artefact undone: replace view[start:end] by `text` (a repair edit for rule `code`)."""

    code: str
    start: int
    end: int
    text: str
    safe: bool
    title: str


@record(slots=True)
class ScanText:
    """`text` and a piecewise map back to the view (None: identity).

    Piece j starts at scanning offset `at[j]`; its first character came from view[`vs[j]`:`ve[j]`]
    and a copied piece continues one to one (character at + d ↔ view vs + d … ve + d).
    """

    text: str
    at: list[int] | None = None
    vs: list[int] | None = None
    ve: list[int] | None = None
    edits: list[RawEdit] = field(default_factory=list)

    def pieces(self) -> tuple[list[int], list[int], list[int], list[bool]]:
        """The map as `(at, next_at, shift, one_to_one)`: piece j covers scanning offsets
        [at[j], next_at[j]) (the last one runs to `sys.maxsize`) and, when `one_to_one[j]`, maps
        offset x to view x + shift[j] (what `view_span` computes there). The identity is one piece."""
        at = self.at
        if at is None:
            return [0], [sys.maxsize], [0], [True]
        return (at, at[1:] + [sys.maxsize], [v - a for v, a in zip(self.vs, at)],
                [w - v == 1 for v, w in zip(self.vs, self.ve)])

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """Scanning offsets [start, end) → view offsets covering every character they came from."""
        if self.at is None:
            return start, end
        if end <= start:
            if start < len(self.text):
                j = bisect_right(self.at, start) - 1
                pos = self.vs[j] + start - self.at[j]
            elif self.text:
                j = len(self.at) - 1
                pos = self.ve[j] + len(self.text) - 1 - self.at[j]
            else:
                pos = 0
            return pos, pos
        j = bisect_right(self.at, start) - 1
        k = bisect_right(self.at, end - 1) - 1
        return self.vs[j] + start - self.at[j], self.ve[k] + end - 1 - self.at[k]


class _Builder:
    def __init__(self, view: str) -> None:
        self.view = view
        self.parts: list[str] = []
        self.at: list[int] = []
        self.vs: list[int] = []
        self.ve: list[int] = []
        self.edits: list[RawEdit] = []
        self.pos = 0  # view offset copied up to
        self.n = 0  # scanning characters emitted

    def copy_to(self, end: int) -> None:
        if end > self.pos:
            self.parts.append(self.view[self.pos:end])
            self.at.append(self.n)
            self.vs.append(self.pos)
            self.ve.append(self.pos + 1)
            self.n += end - self.pos
            self.pos = end

    def put(self, start: int, end: int, text: str) -> None:
        """Emit `text` (one character) standing for view[start:end]."""
        self.copy_to(start)
        self.parts.append(text)
        self.at.append(self.n)
        self.vs.append(start)
        self.ve.append(end)
        self.n += 1
        self.pos = end

    def drop(self, start: int, end: int) -> None:
        self.copy_to(start)
        self.pos = end

    def edit(self, code: str, start: int, end: int, text: str, safe: bool, title: str) -> None:
        self.edits.append(RawEdit(code, start, end, text, safe, title))


def _fullwidth(b: _Builder, start: int, chunk: str) -> None:
    """Map full-width digits/points/percent in `chunk` (at view `start`) to ASCII, one N102 edit each run."""
    i = 0
    while i < len(chunk):
        ch = chunk[i]
        if ch in FW_DIGITS or ch in "．％":
            j = i
            while j < len(chunk) and (chunk[j] in FW_DIGITS or chunk[j] in "．％"):
                j += 1
            ascii_ = chunk[i:j].translate(_FW)
            for k, a in enumerate(ascii_):
                b.put(start + i + k, start + i + k + 1, a)
            b.edit("N102", start + i, start + j, ascii_, True, "full-width characters in a number")
            i = j
        else:
            i += 1


def _comma_ok(view: str, at: int) -> bool:
    back = at
    while back > 0 and (view[back - 1].isdigit()):
        back -= 1
    if not 1 <= at - back <= 3 and not (back > 0 and view[back - 1] in ",，"):
        return False
    nxt = view[at + 4] if at + 4 < len(view) else ""
    if nxt == "" or nxt.isspace() or nxt in _AFTER_GROUP:
        return True
    from factlint.numberwords import lexicon

    return lexicon().units.match(view[at + 4:at + 12].translate(_TRAD)) is not None


def normalize(view: str) -> ScanText:
    b = _Builder(view)
    for m in _SPECIAL.finditer(view):
        kind, s, e = m.lastgroup, m.start(), m.end()
        if kind == "spaced1":  # the match starts after the run's first digit
            kind, s = "spaced", s - 1
            g = view[s:e]
        else:
            g = m.group()
        if s < b.pos:
            continue  # already consumed (a ％ after spaced digits)
        if kind == "spaced":
            if " " not in g:
                if not g.isascii():
                    _fullwidth(b, s, g)
                continue
            b.copy_to(s)
            for k, ch in enumerate(g):
                if ch == " ":
                    b.drop(s + k, s + k + 1)
                    b.edit("N104", s + k, s + k + 1, "", True, "spaces inside a number")
                elif ch in FW_DIGITS or ch == "．":
                    b.put(s + k, s + k + 1, ch.translate(_FW))
                    b.edit("N102", s + k, s + k + 1, ch.translate(_FW), True, "full-width characters in a number")
            after = view[e:e + 2]
            if len(after) == 2 and after[0] == " " and (after[1] in "%％‰" or "\u4e00" <= after[1] <= "\u9fff"):
                b.drop(e, e + 1)
                b.edit("N104", e, e + 1, "", True, "spaces inside a number")
                if after[1] == "％":
                    b.put(e + 1, e + 2, "%")
                    b.edit("N102", e + 1, e + 2, "%", True, "full-width characters in a number")
        elif kind == "fwd":
            _fullwidth(b, s, g)
        elif kind in ("point", "pct", "minus", "slash"):
            b.put(s, e, g.translate(_FW))
            b.edit("N102", s, e, g.translate(_FW), True, "full-width characters in a number")
        elif kind == "comma":
            if _comma_ok(view, s):
                b.put(s, e, ",")
                b.edit("N102", s, e, ",", True, "full-width comma used as a thousands separator")
        elif kind == "look":
            before = view[s - 8:s].rstrip("0123456789０１２３４５６７８９")
            after = view[e:e + 8].lstrip("0123456789０１２３４５６７８９")
            if (before[-1:].isascii() and before[-1:].isalpha()) or (after[:1].isascii() and after[:1].isalpha()):
                continue  # H2O2, A1l5: a code, not a figure
            text = "".join("0" if c in "Oo" else "1" for c in g)
            for k, a in enumerate(text):
                b.put(s + k, s + k + 1, a)
            safe = all(c in "Oo" for c in g)
            b.edit("N103", s, e, text, safe, "letter read as a digit")
        elif kind == "permille":
            b.put(s, e, "‰")
            b.edit("N103", s, e, "‰", False, "‰ read as %o")
        elif kind == "wan":
            b.put(s, e, "万")
            b.edit("N103", s, e, "万", view[e:e + 1] == "元", "方 read for 万")
        elif kind == "qian":
            b.put(s, e, "千")
            b.edit("N103", s, e, "千", True, "干 read for 千")
    if not b.parts and not b.edits:
        return ScanText(_simplified(view))
    b.copy_to(len(view))
    return ScanText(_simplified("".join(b.parts)), b.at, b.vs, b.ve, b.edits)


def _simplified(text: str) -> str:
    """`text.translate(_TRAD)`, but only for the characters present (translate is slow on CJK)."""
    for old, new in _TRAD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text
