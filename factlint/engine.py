"""The pipeline for one document: layout → mentions → rules → Findings in source coordinates.

`_Placer._located` (behind `_Placer.place` and the module-level `place`) is the one function that
turns spans mapped through the view's OffsetMap into source lines and columns. A fix edit that
does not fall on a literal piece of the map cannot be applied to the source, so its fix is
demoted to display-only.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter

from factlint.context import CheckContext
from factlint.findings import (
    Applicability,
    Finding,
    Fix,
    Later,
    Location,
    Related,
    RelatedLocation,
    Violation,
    new_edit,
    new_finding,
    new_fix,
    new_location,
    new_related_location,
)
from factlint.layout import ReadingView, build_view
from factlint.mentions import Mention, find_mentions
from factlint.records import field, record
from factlint.rulebook import KINDS, Rule, load_rules
from factlint.settings import Settings
from factlint.source import SourceDocument
from factlint.spans import Span, trusted_span
from factlint.suppression import apply_suppressions


@record(slots=True)
class DocumentResult:
    """What a check of one document found. Results from the cache and from `--jobs` workers are
    lean: no mentions, and no view unless the HTML report shows it (None)."""

    doc: SourceDocument
    view: ReadingView | None
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


class _Placer:
    """Turns rule violations (view coordinates) into Findings (source coordinates) for one
    document: `place` is the only view → source conversion. Holds what every finding needs
    (the offset map, the source's line starts, the view's sentence bounds) so each finding costs
    look-ups only. A finding's related locations and sentence are worked out when first read
    (`findings.Later`): the placer lives as long as its findings do."""

    def __init__(self, doc: SourceDocument, view: ReadingView, ctx: CheckContext | None = None) -> None:
        self.path = doc.path
        self.line_starts = doc.line_starts
        self.view = view
        self.view_text = view.text
        self.locate = view.map.locate
        self.sentences = _Sentences(view.text, ctx)
        self.context = Later(self.sentences.of)  # (no cycle: the sentences do not hold the placer)

    def place(self, span: Span) -> Location:
        """Source location of a view span: lines and columns as `SourceDocument.position` gives
        them for the mapped span's start and end."""
        return self._located(self.locate(span)[0])

    def _located(self, src: Span) -> Location:
        """The Location of source span `src`."""
        start, end = src.start, src.end
        starts = self.line_starts
        line = bisect.bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        # Ends on its first line (no newline in [start, end): the next line starts after `end`).
        if line == len(starts) or end < starts[line]:
            return new_location(self.path, src, line, column, line, column + (end - start))
        end_line = bisect.bisect_right(starts, end)
        return new_location(self.path, src, line, column, end_line, end - starts[end_line - 1] + 1)

    def finding(self, rule: Rule, v: Violation) -> Finding:
        span = v.span
        locate = self.locate
        src, literal = locate(span)
        view_text = self.view_text
        related = Later(self._related, v.related) if v.related else ()
        fix = replacement = None
        if v.fix:
            shift = src.start - span.start if literal and span.start < span.end else None
            fix = _source_fix(self.view, span, shift, v.fix)
            replacement = v.replacement
            if replacement is None:
                replacement = _replacement(view_text, span, v.fix)
        # The view text of the span is also its source text when the span is literal (the offset
        # map checks literal pieces copy their source), and what a finding shows when it crosses a
        # seam.
        return new_finding(v.code, rule.name, v.severity or rule.severity, v.message, self._located(src),
                           view_text[span.start:span.end], related, v.details, fix, replacement,
                           self.context, span)

    def _related(self, related: tuple[Related, ...], _: Finding) -> tuple[RelatedLocation, ...]:
        """`Finding.related` of a violation's `related`."""
        locate, view_text = self.locate, self.view_text
        return tuple([
            new_related_location(self._located(locate(r.span)[0]), view_text[r.span.start:r.span.end], r.label)
            for r in related
        ])


def place(doc: SourceDocument, view: ReadingView, span: Span) -> Location:
    """Source location of a view span (the only view → source conversion)."""
    return _Placer(doc, view).place(span)


class _Sentences:
    """The sentence bounds of a view, found once: `around(span)` is the normalised sentence holding
    `span` (what baselines and fingerprints key on), in log time, so a long line with many
    findings costs no walk back over the line for each of them."""

    def __init__(self, text: str, ctx: CheckContext | None = None) -> None:
        self.text = text
        self.ctx = ctx  # the check's context, when there is one: its `sentence_ends` are used
        self._ends: list[int] | None = None  # found on the first finding
        self.memo: dict[tuple[int, int], str] = {}

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            if self.ctx is not None:
                self._ends = self.ctx.sentence_ends  # (found once: the ends the claims cut at)
            else:
                from factlint.sentences import sentence_ends

                self._ends = sentence_ends(self.text)
        return self._ends

    def of(self, f: Finding) -> str:
        """`Finding.context`: the normalised sentence around the finding's view span."""
        return self.around(f.view_span)

    def around(self, span: Span) -> str:
        ends = self._ends
        if ends is None:
            ends = self.ends
        i = bisect.bisect_left(ends, span.start)
        start = ends[i - 1] + 1 if i else 0
        n = len(ends)
        # The end's sentence: mostly the start's (no sentence end inside the span), else further on.
        j = i if i == n or ends[i] >= span.end else bisect.bisect_left(ends, span.end, i + 1)
        end = ends[j] if j < n else len(self.text)
        got = self.memo.get((start, end))
        if got is None:
            got = self.memo[start, end] = "".join(self.text[start:end].split())
        return got


def _source_fix(view: ReadingView, span: Span, shift: int | None, fix: Fix) -> Fix:
    """The fix in source coordinates. `shift` (source − view offset) is given when `span` lies on
    one literal piece: a non-empty edit inside it then maps by that shift and stays literal."""
    edits = []
    applicability = fix.applicability
    for edit in fix.edits:
        e = edit.span
        if shift is not None and span.start <= e.start < e.end <= span.end:
            edits.append(new_edit(trusted_span(e.start + shift, e.end + shift), edit.text))  # source offsets
            continue
        source, literal = view.map.locate(e)
        if not literal:
            applicability = Applicability.DISPLAY
        edits.append(new_edit(source, edit.text))
    if len(edits) > 1:
        edits.sort(key=lambda e: e.span)
    return new_fix(fix.title, tuple(edits), applicability)


def _replacement(view_text: str, span: Span, fix: Fix) -> str:
    """The view text of `span` after the fix's (view) edits."""
    out, pos = [], span.start
    for edit in sorted(fix.edits, key=lambda e: e.span) if len(fix.edits) > 1 else fix.edits:
        e = edit.span
        if e.start < pos or e.end > span.end:
            continue
        out += (view_text[pos:e.start], edit.text)
        pos = e.end
    out.append(view_text[pos:span.end])
    return "".join(out)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cyclic garbage collection off for one check (restored after, as `timeit` does): the pipeline
    allocates several objects per figure and makes no reference cycles, so every collection during
    a check only walks live objects again (≈ 15% of the CPU of a large document).

    Then what the check leaves alive (its result: ≈ 330,000 tracked objects for 1,000 pages) joins
    the oldest generation at once, as `gc.freeze()` then `gc.unfreeze()` move it (list splices,
    no walk), instead of in the young collection the next allocation would start: a walk over every
    object just made, which finds nothing (≈ 6% of the CPU). Other young objects of the process
    move with it; cycles among them are collected by the next full collection. Skipped when the
    process keeps frozen objects of its own (`unfreeze` would release them)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def check_document(doc: SourceDocument, settings: Settings = Settings()) -> DocumentResult:
    """Run every enabled rule on one document; findings sorted by position then code."""
    with _collector_paused():
        return _check(doc, settings)


def _check(doc: SourceDocument, settings: Settings) -> DocumentResult:
    view = build_view(doc, settings.layout)
    mentions = find_mentions(view.text)
    result = DocumentResult(doc, view, mentions, settings=settings)
    ctx = CheckContext(view, mentions, settings)
    result.findings, result.unused_suppressions = collect_findings(doc, ctx)
    return result


def collect_findings(doc: SourceDocument, ctx: CheckContext) -> tuple[list[Finding], list]:
    """Every enabled rule's findings, sorted by source position then code (one per code and view
    span), with in-file suppressions applied; and the suppressions that hid nothing."""
    seen: set[tuple[str, int, int]] = set()
    placer = _Placer(doc, ctx.view, ctx)
    findings = []
    rules = active_rules(ctx.settings, doc.path)
    last_reader = max((i for i, rule in enumerate(rules) if KINDS[rule.kind].reads_claims), default=-1)
    for i, rule in enumerate(rules):
        for violation in KINDS[rule.kind].run(ctx, rule):
            key = (violation.code, violation.span.start, violation.span.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(placer.finding(rule, violation))
        if i == last_reader:  # no later rule reads the claims: the later findings reuse their memory
            ctx.release_claims()
    findings.sort(key=_POSITION_AND_CODE)
    return apply_suppressions(doc, findings)


_POSITION_AND_CODE = attrgetter("location.span.start", "location.span.end", "code")  # a finding's sort key


def check_text(text: str, settings: Settings = Settings(), path: str = "<text>") -> list[Finding]:
    """Convenience for tests and the API: check a string as if it were a file."""
    from factlint.source import format_of

    doc = SourceDocument(path, text, format=format_of(path))
    return check_document(doc, settings).findings


def extract_mentions(doc: SourceDocument, settings: Settings = Settings()) -> tuple[ReadingView, list[Mention]]:
    view = build_view(doc, settings.layout)
    return view, find_mentions(view.text)

