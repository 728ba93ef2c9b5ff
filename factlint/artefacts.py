"""Check kind `repair` (family N): every artefact repaired while reading a figure is a finding.

The number reader records each repair on its Mention (minimal edits, safe or unsafe); this kind
only turns the repairs of one rule code into Violations with fixes. No pass over the text here.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from factlint.context import CheckContext
from factlint.findings import Applicability, Violation, new_edit, new_fix, new_violation
from factlint.mentions import Mention, Repair
from factlint.rulebook import Rule, register_kind


def _reading(text: str, mention, edits) -> str:
    """The figure as it should be printed: the mention's text with the repair's edits applied."""
    out, pos = [], mention.span.start
    for edit in sorted(edits, key=lambda e: e.span.start) if len(edits) > 1 else edits:
        out += [text[pos:edit.span.start], edit.text]
        pos = edit.span.end
    out.append(text[pos:mention.span.end])
    return "".join(out)


@register_kind("repair")
def find_repairs(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    code, language, text = rule.code, ctx.settings.language, ctx.view.text
    drop_commas = code == "N101" and ctx.settings.separator_style == "none"
    evidence: dict[tuple[str, str], str] = {}  # (evidence code, unit) → its phrase: few per rule
    for mention, repair in _repairs_by_code(ctx).get(code, ()):
        edits = tuple([new_edit(span, "" if (drop_commas and new == ",") else new) for span, new in repair.edits])
        applicability = Applicability.SAFE if repair.safe else Applicability.UNSAFE
        reading = _reading(text, mention, edits)
        value = str(mention.value)  # format(value, "f") unless it needs an exponent (shown with E)
        if "E" in value:
            value = format(mention.value, "f")
        unit = mention.unit or ""
        why = ""
        if repair.evidence:
            why = evidence.get((repair.evidence, unit))
            if why is None:
                why = evidence[repair.evidence, unit] = rule.text(repair.evidence, language, unit=unit)
        message = rule.format(language, text=mention.raw, value=value, reading=reading, unit=unit,
                              title=repair.title, evidence=why)
        details = {"reading": reading, "value": value, "unit": mention.unit, "evidence": why,
                   "evidence_code": repair.evidence, "repair": repair.title}
        yield new_violation(code, mention.span, message, None, (), details,
                            new_fix(repair.title, edits, applicability))


def _repairs_by_code(ctx: CheckContext) -> dict[str, list[tuple[Mention, Repair]]]:
    """Rule code → (mention, repair) in mention order: one pass over the mentions per context
    (kept in `ctx.repairs`), not one per repair rule."""
    groups = ctx.repairs
    if groups is None:
        groups = ctx.repairs = {}
        for mention in filter(_REPAIRS, ctx.mentions):  # the few with repairs, picked in C
            for repair in mention.repairs:
                groups.setdefault(repair.code, []).append((mention, repair))
    return groups


_REPAIRS = attrgetter("repairs")
