"""In-file suppressions (Markdown/HTML comments) and baselines of known findings.

`<!-- factlint-disable C301 -->` … `<!-- factlint-enable C301 -->` hides findings in between (no
codes: all); `<!-- factlint-disable-next-line C303 -->` hides findings on the next non-blank line.
A baseline records findings by code, path, normalised sentence and figure (not line numbers), so it
survives edits elsewhere. Suppressions and baseline entries that hide nothing are reported back.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import cache

from factlint.findings import Finding
from factlint.records import record
from factlint.source import SourceDocument


@cache
def _patterns():
    """Compiled on first use: most files have no suppression comment (start-up time matters)."""
    import regex

    comment = regex.compile(r"<!--\s*factlint-(disable-next-line|disable|enable)\b([^>]{0,200}?)-->")
    code = regex.compile(r"[A-Z]{1,3}[0-9]{0,4}")  # a code or a prefix: N, C3, C303
    separator = regex.compile(r"[\s,，]+")
    return comment, code, separator


@record(slots=True)
class Suppression:
    directive: str
    codes: tuple[str, ...]  # empty: every rule
    start: int  # source offsets it covers
    end: int
    line: int
    used: bool = False

    def describe(self) -> str:
        return f"factlint-{self.directive} {' '.join(self.codes)}".rstrip()

    def covers(self, f: Finding) -> bool:
        if not (self.start <= f.location.span.start < self.end):
            return False
        return not self.codes or any(f.code.startswith(c) for c in self.codes)


def _codes(body: str) -> tuple[str, ...]:
    """Codes named by a directive: `C301 C303`, `C301,C303`; the first other word (or `--`)
    starts a free-text reason that is not read as codes."""
    codes = []
    for token in _patterns()[2].split(body.strip()):
        if not token:
            continue
        if not _patterns()[1].fullmatch(token.upper()):
            break
        codes.append(token.upper())
    return tuple(codes)


def parse_suppressions(doc: SourceDocument) -> list[Suppression]:
    """Directives in document order. An `enable` with no codes ends every open `disable`; one with
    codes ends the open `disable` naming the same codes. An `enable` that ends nothing is kept
    (marked as a suppression that hides nothing) so that it is reported."""
    text = doc.text
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for m in _patterns()[0].finditer(text):
        directive = m.group(1)
        codes = _codes(m.group(2))
        line = doc.position(m.start()).line
        if directive == "disable-next-line":
            start, end = _next_nonblank_line(text, m.end())
            out.append(Suppression(directive, codes, start, end, line))
        elif directive == "disable":
            s = Suppression(directive, codes, m.end(), len(text), line)
            out.append(s)
            open_ranges.append(s)
        else:
            if codes:
                closing = [s for s in open_ranges if set(s.codes) == set(codes)][-1:]
            else:
                closing = open_ranges[:]
            for s in closing:
                s.end = m.start()
                open_ranges.remove(s)
            if not closing:  # ends nothing: an `enable` without its `disable`
                out.append(Suppression(directive, codes, m.start(), m.start(), line))
    return out


def _next_nonblank_line(text: str, offset: int) -> tuple[int, int]:
    """Source range of the first non-blank line after the line holding `offset`."""
    nl = text.find("\n", offset)
    while nl != -1:
        start = nl + 1
        nl = text.find("\n", start)
        end = len(text) if nl == -1 else nl
        if text[start:end].strip():
            return start, end
    return len(text), len(text)


def apply_suppressions(doc: SourceDocument, findings: list[Finding]) -> tuple[list[Finding], list[Suppression]]:
    """Findings left visible, and the suppressions that hid nothing."""
    if "factlint-" not in doc.text:
        return findings, []
    sups = parse_suppressions(doc)
    kept = []
    for f in findings:
        hit = next((s for s in sups if s.covers(f)), None)
        if hit:
            hit.used = True
        else:
            kept.append(f)
    return kept, [s for s in sups if not s.used]


def normalise_path(path: str) -> str:
    """The path as a baseline records it: relative to the working directory when inside it,
    normalised, with forward slashes (so `./a.txt`, `a.txt` and `/abs/…/a.txt` agree)."""
    if path == "-":
        return path
    p = os.path.abspath(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        rel = p
    if rel.startswith(".."):
        rel = p
    return rel.replace(os.sep, "/")


def baseline_key(f: Finding) -> str:
    return "\x1f".join((f.code, normalise_path(f.location.path), f.context, f.text))


def write_baseline(path: str, findings: list[Finding]) -> int:
    import json  # (baselines only: not at start-up)

    entries = [{"code": f.code, "path": normalise_path(f.location.path), "sentence": f.context, "text": f.text}
               for f in findings]
    entries.sort(key=lambda e: (e["path"], e["code"], e["sentence"], e["text"]))
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": 1, "findings": entries}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return len(entries)


def read_baseline(path: str) -> Counter:
    import json

    from factlint.source import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        entries = data["findings"]
        return Counter("\x1f".join((e["code"], normalise_path(e["path"]), e["sentence"], e["text"])) for e in entries)
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a factlint baseline ({exc})") from None


def filter_baseline(findings: list[Finding], known: Counter) -> list[Finding]:
    """Drop findings the baseline knows (each entry hides one finding); `known` is consumed."""
    kept = []
    for f in findings:
        key = baseline_key(f)
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(f)
    return kept


def stale_entries(known: Counter, checked_paths: list[str]) -> list[dict]:
    """Baseline entries left after filtering (they matched no finding) for the files checked in
    this run; entries for files not checked now are not stale, only out of scope."""
    checked = {normalise_path(p) for p in checked_paths}
    out = []
    for key, count in known.items():
        code, path, sentence, text = key.split("\x1f")
        if count > 0 and path in checked:
            out.extend([{"code": code, "path": path, "sentence": sentence, "text": text}] * count)
    return sorted(out, key=lambda e: (e["path"], e["code"], e["sentence"], e["text"]))
