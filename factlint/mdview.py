"""Markdown drafts → segments in reading order (the layout stage for `format == "markdown"`).

Fenced and indented code, HTML blocks and comments and front matter become CODE furniture (left
out of the view). `#` marks, list markers, `>` quote marks and table pipes are not copied. Inside
a line, inline code, URLs, comments and tags are cut out (a synthetic space stands for code, URLs
and comments, nothing for tags, link brackets and `**`), so no digit in them is ever read.
Invariant: segments are stripped, non-empty, in source order; lines of one paragraph are joined.
"""

from __future__ import annotations

from factlint.lines import BlockKind, Furniture, Segment
from factlint.patterncache import compile_pattern

_FENCE_RE = compile_pattern(r" {0,3}(`{3,}|~{3,})")
_LIST_RE = compile_pattern(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE_RE = compile_pattern(r"[ \t]{0,3}>[ \t]?")
_SETEXT_RE = compile_pattern(r" {0,3}(?:=+|-+)[ \t]*")
_TABLE_DELIM_RE = compile_pattern(r"[ \t|:\-]+")
_HTML_BLOCK_RE = compile_pattern(r" {0,3}</?[A-Za-z]")
_INLINE_RE = compile_pattern(r"`+|<!--|(?:https?|ftp)://|www\.|!?\[|\]\(|\*\*|__|</?[A-Za-z][^<>\n]{0,200}>")
_MARKUP_STARTS = frozenset("`~<#|>-*+_=0123456789")
_URL_CHARS_RE = compile_pattern(r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%\[\]]*")


def _is_rule(stripped: str) -> bool:
    """A thematic break: three or more of one of * - _ and nothing else but spaces."""
    body = stripped.replace(" ", "").replace("\t", "")
    return len(body) >= 3 and body[0] in "*-_" and body.count(body[0]) == len(body)


def _skip_url(line: str, i: int, hi: int) -> int:
    end = _URL_CHARS_RE.match(line, i, hi).end()
    while end > i and line[end - 1] in ".,;:!?'":
        end -= 1
    return end


def _inline_skips(line: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Pieces of line[lo:hi] to cut out, with what stands for them in the view."""
    skips: list[tuple[int, int, str]] = []
    found: dict[str, int] = {}

    def find(s: str, frm: int) -> int:
        """line.find(s, frm, hi), remembering misses so that the scan stays linear."""
        last = found.get(s)
        if last is not None and (last == -1 or last >= frm):
            return last
        found[s] = line.find(s, frm, hi)
        return found[s]

    pos = lo
    for m in _INLINE_RE.finditer(line, lo, hi):
        i, tok = m.start(), m.group()
        if i < pos:
            continue
        if tok[0] == "`":
            close = line.find(tok, m.end(), hi)
            while close != -1 and close + len(tok) < hi and line[close + len(tok)] == "`":
                close = line.find(tok, close + len(tok) + 1, hi)
            if close == -1:
                pos = m.end()
                continue
            end, text = close + len(tok), " "
        elif tok == "<!--":
            close = find("-->", m.end())
            end, text = (hi if close == -1 else close + 3), " "
        elif tok in ("http://", "https://", "ftp://", "www."):
            end, text = _skip_url(line, m.end(), hi), " "
        elif tok == "](":
            close = find(")", m.end())
            end, text = (m.end() if close == -1 else close + 1), ""
        elif tok in ("**", "__"):
            between_digits = i > lo and line[i - 1].isdigit() and m.end() < hi and line[m.end()].isdigit()
            if between_digits:
                continue
            end, text = m.end(), ""
        else:  # "[", "![", an HTML tag
            end, text = m.end(), ""
        skips.append((i, end, text))
        pos = end
    return skips


class _Scanner:
    """Walks the lines once, keeping the block state (fence, comment, paragraph)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Segment | Furniture] = []
        self.fence = ""  # the open fence marker
        self.code: Furniture | None = None  # the CODE block being extended
        self.in_comment = False
        self.in_html = False
        self.para = False  # the previous line was paragraph text

    def code_line(self, start: int, end: int) -> None:
        if self.code is not None and self.out and self.out[-1] is self.code:
            self.code.end = end
        else:
            self.code = Furniture(BlockKind.CODE, start, end, 1)
            self.out.append(self.code)
        self.para = False

    def segment(self, line: str, start: int, lo: int, hi: int, index: int,
                kind: BlockKind | None = None, new_block: bool = False) -> None:
        while lo < hi and line[lo].isspace():
            lo += 1
        while hi > lo and line[hi - 1].isspace():
            hi -= 1
        if lo >= hi:
            return
        cut = _inline_skips(line, lo, hi)
        i, j = 0, len(cut)
        while i < j and cut[i][0] <= lo:  # cut-outs at the edges are left out, not replaced
            lo = cut[i][1]
            i += 1
            while lo < hi and line[lo].isspace():
                lo += 1
        while j > i and cut[j - 1][1] >= hi:
            hi = cut[j - 1][0]
            j -= 1
            while hi > lo and line[hi - 1].isspace():
                hi -= 1
        if lo >= hi:
            return
        cut = cut[i:j]
        skips = tuple((start + a, start + b, t) for a, b, t in cut)
        self.out.append(Segment(start + lo, start + hi, 1, 0, index, kind=kind,
                                new_block=new_block or not self.para, skips=skips))
        self.para = kind is None

    def line(self, index: int, start: int, line: str) -> None:
        end = start + len(line)
        stripped = line.strip()
        if self.fence:
            self.code_line(start, end)
            if stripped.startswith(self.fence) and not stripped.strip(self.fence[0]):
                self.fence = ""
            return
        if self.in_comment or self.in_html:
            if self.in_html and not stripped:
                self.in_html = False
                self.code = None
                return
            self.code_line(start, end)
            if self.in_comment and "-->" in line:
                self.in_comment = False
            return
        if not stripped:
            self.para = False
            self.code = None
            return
        self.block_line(index, start, line, stripped)

    def block_line(self, index: int, start: int, line: str, stripped: str) -> None:
        if stripped[0] not in _MARKUP_STARTS and not line.startswith(("    ", "\t")):
            self.segment(line, start, 0, len(line), index)
            return
        m = _FENCE_RE.match(line)
        if m:
            self.fence = m.group(1)
            self.code_line(start, start + len(line))
            return
        if stripped.startswith("<!--"):
            self.in_comment = "-->" not in stripped
            self.code_line(start, start + len(line))
            return
        if _HTML_BLOCK_RE.match(line) and not self.para:
            self.in_html = True
            self.code_line(start, start + len(line))
            return
        if (line.startswith("    ") or line.startswith("\t")) and not self.para:
            self.code_line(start, start + len(line))
            return
        if self.para and _SETEXT_RE.fullmatch(line.rstrip("\r")):
            last = self.out[-1]
            if isinstance(last, Segment) and last.new_block:
                last.kind = BlockKind.HEADING
            self.para = False
            return
        if _is_rule(stripped):
            self.para = False
            return
        self.content_line(index, start, line, stripped)

    def content_line(self, index: int, start: int, line: str, stripped: str) -> None:
        lo = 0
        m = _QUOTE_RE.match(line)
        while m and m.end() > lo:
            lo = m.end()
            m = _QUOTE_RE.match(line, lo)
        body = line[lo:].lstrip()
        lo = len(line) - len(body)
        if body.startswith("#"):
            level = len(body) - len(body.lstrip("#"))
            rest = body[level:]
            if level <= 6 and (not rest.strip() or rest[0] in " \t"):
                hi = len(line.rstrip())
                while hi > lo + level and line[hi - 1] == "#":
                    hi -= 1
                self.para = False
                self.segment(line, start, lo + level, hi, index, kind=BlockKind.HEADING, new_block=True)
                self.para = False
                return
        if body.startswith("|"):
            if _TABLE_DELIM_RE.fullmatch(body.rstrip()):
                return
            hi = len(line.rstrip())
            hi = hi - 1 if line[hi - 1] == "|" and hi - 1 > lo else hi
            self.para = False
            self.segment(line, start, lo + 1, hi, index, new_block=True)
            self.para = False
            return
        m = _LIST_RE.match(line, lo)
        if m:
            self.para = False
            lo = m.end()
        self.segment(line, start, lo, len(line), index)


def markdown_items(text: str) -> list[Segment | Furniture]:
    """Segments (with cut-outs) and CODE blocks of a Markdown text, in source order."""
    scanner = _Scanner(text)
    start = 0
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            for i in range(end + 1):
                scanner.code_line(start, start + len(lines[i]))
                start += len(lines[i]) + 1
            lines_iter = range(end + 1, len(lines))
        else:
            lines_iter = range(len(lines))
    else:
        lines_iter = range(len(lines))
    for i in lines_iter:
        scanner.line(i, start, lines[i])
        start += len(lines[i]) + 1
    return scanner.out
