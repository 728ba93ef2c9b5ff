"""Human output: rustc/ruff style with the source line and a caret under the figure (CJK-aware)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache
from operator import attrgetter

from factlint.engine import DocumentResult
from factlint.findings import Applicability, Finding
from factlint.fixer import applicable

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m", "dim": "\x1b[2m", "bold": "\x1b[1m"}
_RESET = "\x1b[0m"
_MARKERS = {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [-]"}  # display-only fixes have no marker


@cache
def _cells(ch: str) -> int:
    """Terminal cells of one character: two when East Asian wide or full-width, none when combining."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else (0 if unicodedata.combining(ch) else 1)


def width(text: str) -> int:
    """Terminal cells of `text` (each character looked up once per run)."""
    return sum(map(_cells, text))


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        """`text` in `style`: a key of _COLORS, or a Severity (a StrEnum, equal to its value)."""
        return f"{_COLORS[style]}{text}{_RESET}" if self.color else text


def _marker(f: Finding) -> str:
    return "" if f.fix is None else _MARKERS.get(f.fix.applicability, "")


def render_finding(result: DocumentResult, f: Finding, paint: _Paint) -> list[str]:
    loc = f.location
    head = f"{paint('bold', f'{loc.path}:{loc.line}:{loc.column}:')} {paint(f.severity, f.code)}{_marker(f)} {f.message}"
    lines = [head]
    source_line = result.doc.line_text(loc.line).expandtabs(4)
    gutter = " " * len(str(loc.line))
    prefix = source_line[: loc.column - 1]
    if loc.end_line == loc.line:
        marked = source_line[loc.column - 1 : loc.end_column - 1]
    else:
        marked = source_line[loc.column - 1 :]
    lines.append(f"{gutter} {paint('dim', '|')}")
    lines.append(f"{loc.line} {paint('dim', '|')} {source_line.rstrip()}")
    caret = " " * width(prefix) + "^" * max(1, width(marked))
    lines.append(f"{gutter} {paint('dim', '|')} {paint(f.severity, caret)}")
    for r in f.related:
        shown = r.label if r.label and r.text in r.label else f"{r.label or 'related'}: {r.text}"
        lines.append(f"{gutter} = {shown} ({r.location.line}:{r.location.column})")
    details = f.details or {}
    if details.get("formula"):
        lines.append(f"{gutter} = computed: {details['formula']}")
    if details.get("diagnosis"):
        lines.append(f"{gutter} = likely mistake: {', '.join(details['diagnosis'])}")
    if f.fix is not None and f.replacement is not None:
        lines.append(f"{gutter} = fix ({f.fix.applicability.value}): {f.text} → {f.replacement}")
    lines.append("")
    return lines


def render(results: list[DocumentResult], color: bool = False, unsafe: bool = False) -> str:
    paint = _Paint(color)
    out: list[str] = []
    for result in results:
        for f in result.findings:
            out.extend(render_finding(result, f, paint))
    out.append(summary(results, unsafe))
    return "\n".join(out)


def render_concise(results: list[DocumentResult]) -> str:
    out = []
    for result in results:
        for f in result.findings:
            loc = f.location
            out.append(f"{loc.path}:{loc.line}:{loc.column}: {f.code}{_marker(f)} [{f.severity}] {f.message}")
    return "\n".join(out)


def summary(results: list[DocumentResult], unsafe: bool = False) -> str:
    findings = [f for r in results for f in r.findings]
    if not findings:
        return f"All clear: no findings in {len(results)} file{'s' if len(results) != 1 else ''}."
    fixable = Counter(f.fix.applicability for f in findings if applicable(f, True))
    safe, more = fixable[Applicability.SAFE], fixable[Applicability.UNSAFE]
    by_sev = Counter(map(attrgetter("severity"), findings))  # StrEnum keys: looked up by value
    sev = ", ".join(f"{by_sev[s]} {s}{'s' if by_sev[s] != 1 else ''}" for s in ("error", "warning", "info") if by_sev[s])
    text = f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({sev}) in {len(results)} file{'s' if len(results) != 1 else ''}."
    if safe:
        text += f"\n[*] {safe} fixable with `--fix`."
    if more:
        text += f"\n[-] {more} more fixable with `--fix --unsafe-fixes`."
    return text


def render_statistics(results: list[DocumentResult]) -> str:
    counts = Counter((f.code, f.name) for r in results for f in r.findings)
    rows = [f"{n:5d}\t{code}\t{name}" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(rows) if rows else "no findings"
