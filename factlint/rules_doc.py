"""A rule's documentation as text (for `factlint explain` and the README rule table)."""

from __future__ import annotations

from factlint.rulebook import Rule

_SECTIONS = (("what", "What it does"), ("why", "Why it matters"), ("example_bad", "Example"),
             ("example_good", "Use instead"), ("fix_safety", "Fix safety"), ("notes", "Notes"))


def explain(rule: Rule) -> str:
    out = [f"{rule.code} {rule.name} ({rule.severity.value})", "", rule.summary, ""]
    for key, title in _SECTIONS:
        body = rule.docs.get(key)
        if body:
            out += [f"## {title}", body.strip(), ""]
    if rule.params:
        out.append("## Parameters")
        out += [f"- {k} = {v}" for k, v in rule.params.items()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
