"""Check kind `repair` (family N): every artefact repaired while reading a figure is a finding.

The number reader records each repair on its Mention (minimal edits, safe or unsafe); this kind
only turns the repairs of one rule code into Violations with fixes. No pass over the text here.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import starmap

from factlint.context import CheckContext
from factlint.findings import Applicability, Violation, new_edit, new_fix, new_violation
from factlint.mentions import Mention, Repair
from factlint.rulebook import Rule, register_kind
from factlint.spans import Span


def _reading(mention: Mention, edits: tuple[tuple[Span, str], ...]) -> str:
    """The figure as it should be printed: the mention's text with the repair's edits applied
    (in order: a repair's edits are sorted and do not overlap). Also the violation's replacement:
    the mention's text is the view text of its span."""
    raw, start = mention.raw, mention.span.start
    out, pos = "", 0
    for span, new in edits:
        out += raw[pos:span.start - start] + new
        pos = span.end - start
    return out + raw[pos:]


@register_kind("repair", reads_claims=False)
def find_repairs(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    code, language = rule.code, ctx.settings.language
    drop_commas = code == "N101" and ctx.settings.separator_style == "none"
    evidence: dict[tuple[str, str], str] = {}  # (evidence code, unit) → its phrase: few per rule
    for mention, repair in _repairs_by_code(ctx).get(code, ()):
        edits = repair.edits
        if drop_commas:
            edits = tuple([(span, "" if new == "," else new) for span, new in edits])
        reading = _reading(mention, edits)
        value = str(mention.value)  # format(value, "f") unless it needs an exponent (shown with E)
        if "E" in value:
            value = format(mention.value, "f")
        unit = mention.unit or ""
        why = ""
        if repair.evidence:
            why = evidence.get((repair.evidence, unit))
            if why is None:
                why = evidence[repair.evidence, unit] = rule.text(repair.evidence, language, unit=unit)
        message = rule.format_fields(language, {"text": mention.raw, "value": value, "reading": reading,
                                                "unit": unit, "title": repair.title, "evidence": why})
        details = {"reading": reading, "value": value, "unit": mention.unit, "evidence": why,
                   "evidence_code": repair.evidence, "repair": repair.title}
        fix = new_fix(repair.title, tuple(starmap(new_edit, edits)),
                      Applicability.SAFE if repair.safe else Applicability.UNSAFE)
        yield new_violation(code, mention.span, message, None, (), details, fix, reading)


def _repairs_by_code(ctx: CheckContext) -> dict[str, list[tuple[Mention, Repair]]]:
    """Rule code → (mention, repair) in mention order: one pass over the mentions per context
    (kept in `ctx.repairs`), not one per repair rule."""
    groups = ctx.repairs
    if groups is None:
        groups = ctx.repairs = {}
        # the few with repairs (a comprehension reads a slot faster than `filter` with an attrgetter)
        for mention in [m for m in ctx.mentions if m.repairs]:
            for repair in mention.repairs:
                groups.setdefault(repair.code, []).append((mention, repair))
    return groups

