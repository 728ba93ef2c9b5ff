"""The JSON contracts of `check` and `extract` (documented in the README; keep them stable)."""

from __future__ import annotations

from factlint.engine import DocumentResult
from factlint.findings import Finding
from factlint.layout import ReadingView
from factlint.mentions import Mention
from factlint.report import jsonable
from factlint.report.jsontext import dumps
from factlint.source import SourceDocument
from factlint.spans import Span


def _where(doc: SourceDocument, span: Span) -> dict:
    a, b = doc.position(span.start), doc.position(span.end)
    return {"line": a.line, "column": a.column, "end_line": b.line, "end_column": b.column}


def finding_dict(doc: SourceDocument, f: Finding) -> dict:
    loc = f.location
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": f.fix.applicability.value,
            "title": f.fix.title,
            "replacement": f.replacement,
            "edits": [{**_where(doc, e.span), "text": e.text} for e in f.fix.edits],
        }
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "text": f.text,
        "fix": fix,
        "related": [
            {
                "line": r.location.line,
                "column": r.location.column,
                "end_line": r.location.end_line,
                "end_column": r.location.end_column,
                "text": r.text,
                "label": r.label,
            }
            for r in f.related
        ],
        "details": f.details,
    }


def render_check(results: list[DocumentResult]) -> str:
    items = [finding_dict(r.doc, f) for r in results for f in r.findings]
    return dumps(items, jsonable)


def mention_dict(doc: SourceDocument, view: ReadingView, m: Mention) -> dict:
    src = view.map.to_source(m.span)
    text = doc.slice(src) if view.map.is_literal(m.span) else view.text[m.span.start:m.span.end]
    return {
        "path": doc.path,
        **_where(doc, src),
        "text": text,
        "value": format(m.value, "f"),
        "unit": m.unit,
        "kind": m.kind.value,
        "precision": None if m.precision is None else format(m.precision, "f"),
        "approximate": m.approx,
        "qualifier": m.qualifier.value if m.qualifier else None,
        "range": m.range_role,
        "repairs": [{"code": r.code, "title": r.title, "safe": r.safe, "evidence": r.evidence} for r in m.repairs],
    }


def render_extract(items: list[tuple[SourceDocument, ReadingView, list[Mention]]]) -> str:
    rows = [mention_dict(doc, view, m) for doc, view, mentions in items for m in mentions]
    return dumps(rows, jsonable)


def render_extract_text(items: list[tuple[SourceDocument, ReadingView, list[Mention]]]) -> str:
    out = []
    for doc, view, mentions in items:
        for m in mentions:
            d = mention_dict(doc, view, m)
            unit = f" {d['unit']}" if d["unit"] else ""
            flags = "".join(f" {r['code']}" for r in d["repairs"]) + (" ~" if d["approximate"] else "")
            out.append(f"{d['path']}:{d['line']}:{d['column']}: {d['text']} = {d['value']}{unit} [{d['kind']}]{flags}")
    return "\n".join(out)
