"""Check kind `repair` (family N): every artefact repaired while reading a figure is a finding.

The number reader records each repair on its Mention (minimal edits, safe or unsafe); this kind
only turns the repairs of one rule code into Violations with fixes. No pass over the text here.
"""

from __future__ import annotations

from typing import Iterable

from factlint.context import CheckContext
from factlint.findings import Applicability, Edit, Fix, Violation
from factlint.rulebook import Rule, register_kind


def _reading(text: str, mention, edits) -> str:
    """The figure as it should be printed: the mention's text with the repair's edits applied."""
    out, pos = [], mention.span.start
    for edit in sorted(edits, key=lambda e: e.span.start):
        out += [text[pos:edit.span.start], edit.text]
        pos = edit.span.end
    out.append(text[pos:mention.span.end])
    return "".join(out)


@register_kind("repair")
def find_repairs(ctx: CheckContext, rule: Rule) -> Iterable[Violation]:
    none_sep = ctx.settings.separator_style == "none"
    for mention in ctx.mentions:
        for repair in mention.repairs:
            if repair.code != rule.code:
                continue
            edits = tuple(
                Edit(span, "" if (none_sep and rule.code == "N101" and text == ",") else text)
                for span, text in repair.edits
            )
            applicability = Applicability.SAFE if repair.safe else Applicability.UNSAFE
            reading = _reading(ctx.view.text, mention, edits)
            value = format(mention.value, "f")
            why = rule.text(repair.evidence, ctx.settings.language, unit=mention.unit or "") if repair.evidence else ""
            message = rule.format(
                ctx.settings.language,
                text=mention.raw,
                value=value,
                reading=reading,
                unit=mention.unit or "",
                title=repair.title,
                evidence=why,
            )
            yield Violation(
                code=rule.code,
                span=mention.span,
                message=message,
                details={"reading": reading, "value": value, "unit": mention.unit, "evidence": why, "evidence_code": repair.evidence,
                         "repair": repair.title},
                fix=Fix(repair.title, edits, applicability),
            )
