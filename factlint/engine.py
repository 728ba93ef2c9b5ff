"""The pipeline for one document: layout → mentions → rules → Findings in source coordinates.

`place` is the one function that turns view spans into source lines and columns (through the
view's OffsetMap). A fix edit that does not fall on a literal piece of the map cannot be applied
to the source, so its fix is demoted to display-only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from factlint.context import CheckContext
from factlint.findings import (
    Applicability,
    Edit,
    Finding,
    Fix,
    Location,
    RelatedLocation,
    Violation,
)
from factlint.layout import ReadingView, build_view
from factlint.mentions import Mention, find_mentions
from factlint.rulebook import KINDS, Rule, load_rules
from factlint.settings import Settings
from factlint.source import SourceDocument
from factlint.spans import Span
from factlint.suppression import apply_suppressions

_SENTENCE_END = r"[。！？!?；;\n]"  # compiled on first use (re caches it): not at start-up


@dataclass(slots=True)
class DocumentResult:
    doc: SourceDocument
    view: ReadingView
    mentions: list[Mention]
    findings: list[Finding] = field(default_factory=list)
    unused_suppressions: list = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)


def active_rules(settings: Settings, path: str = "") -> list[Rule]:
    """Rules enabled by the settings, with configured severity/parameter overrides applied."""
    import fnmatch

    ignored: tuple[str, ...] = ()
    for pattern, codes in settings.per_file_ignores:
        if path and fnmatch.fnmatch(path, pattern):
            ignored += codes
    rules = []
    for code, rule in load_rules().items():
        if not settings.enabled(code) or any(code.startswith(i) for i in ignored):
            continue
        override = settings.rule_overrides.get(code)
        if override:
            rule = rule.with_overrides(override.get("severity"), override.get("params"))
        rules.append(rule)
    return rules


def place(doc: SourceDocument, view: ReadingView, span: Span) -> Location:
    """Source location of a view span (the only view → source conversion)."""
    src = view.map.to_source(span)
    start, end = doc.position(src.start), doc.position(src.end)
    return Location(doc.path, src, start.line, start.column, end.line, end.column)


class _Sentences:
    """The sentence bounds of a view, found once: `around(span)` is the normalised sentence holding
    `span` (what baselines and fingerprints key on), in log time, so a long line with many
    findings costs no walk back over the line for each of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None  # found on the first finding
        self.memo: dict[tuple[int, int], str] = {}

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [m.start() for m in re.finditer(_SENTENCE_END, self.text)]
        return self._ends

    def around(self, span: Span) -> str:
        ends = self.ends
        i = bisect.bisect_left(ends, span.start)
        start = ends[i - 1] + 1 if i else 0
        j = bisect.bisect_left(ends, span.end)
        end = ends[j] if j < len(ends) else len(self.text)
        if (start, end) not in self.memo:
            self.memo[start, end] = "".join(self.text[start:end].split())
        return self.memo[start, end]


def _source_fix(view: ReadingView, fix: Fix) -> Fix:
    edits = []
    applicability = fix.applicability
    for edit in fix.edits:
        if not view.map.is_literal(edit.span):
            applicability = Applicability.DISPLAY
        edits.append(Edit(view.map.to_source(edit.span), edit.text))
    return Fix(fix.title, tuple(sorted(edits, key=lambda e: e.span)), applicability)


def _replacement(view: ReadingView, span: Span, fix: Fix) -> str:
    """The view text of `span` after the fix's (view) edits."""
    out, pos = [], span.start
    for edit in sorted(fix.edits, key=lambda e: e.span):
        if edit.span.start < pos or edit.span.end > span.end:
            continue
        out.append(view.text[pos:edit.span.start])
        out.append(edit.text)
        pos = edit.span.end
    out.append(view.text[pos:span.end])
    return "".join(out)


def to_finding(doc: SourceDocument, view: ReadingView, rule: Rule, v: Violation,
               sentences: _Sentences | None = None) -> Finding:
    location = place(doc, view, v.span)
    text = doc.slice(location.span) if view.map.is_literal(v.span) else view.text[v.span.start:v.span.end]
    related = tuple(
        RelatedLocation(place(doc, view, r.span), view.text[r.span.start:r.span.end], r.label) for r in v.related
    )
    fix = _source_fix(view, v.fix) if v.fix else None
    replacement = _replacement(view, v.span, v.fix) if v.fix else None
    return Finding(
        code=v.code,
        name=rule.name,
        severity=v.severity or rule.severity,
        message=v.message,
        location=location,
        text=text,
        related=related,
        details=v.details,
        fix=fix,
        replacement=replacement,
        context=(sentences or _Sentences(view.text)).around(v.span),
        view_span=v.span,
    )


def check_document(doc: SourceDocument, settings: Settings = Settings()) -> DocumentResult:
    """Run every enabled rule on one document; findings sorted by position then code."""
    view = build_view(doc, settings.layout)
    mentions = find_mentions(view.text)
    result = DocumentResult(doc, view, mentions, settings=settings)
    ctx = CheckContext(view, mentions, settings)
    seen: set[tuple[str, int, int]] = set()
    sentences = _Sentences(view.text)
    for rule in active_rules(settings, doc.path):
        for violation in KINDS[rule.kind].run(ctx, rule):
            key = (violation.code, violation.span.start, violation.span.end)
            if key in seen:
                continue
            seen.add(key)
            result.findings.append(to_finding(doc, view, rule, violation, sentences))
    result.findings.sort(key=lambda f: (f.location.span.start, f.location.span.end, f.code))
    result.findings, result.unused_suppressions = apply_suppressions(doc, result.findings)
    return result


def check_text(text: str, settings: Settings = Settings(), path: str = "<text>") -> list[Finding]:
    """Convenience for tests and the API: check a string as if it were a file."""
    from factlint.source import format_of

    doc = SourceDocument(path, text, format=format_of(path))
    return check_document(doc, settings).findings


def extract_mentions(doc: SourceDocument, settings: Settings = Settings()) -> tuple[ReadingView, list[Mention]]:
    view = build_view(doc, settings.layout)
    return view, find_mentions(view.text)

