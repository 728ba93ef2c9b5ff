"""SARIF 2.1.0 for code-scanning tools: rules with help, regions in code points, fingerprints."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import quote

from factlint import __version__
from factlint.engine import DocumentResult
from factlint.findings import Finding, Location
from factlint.report import jsonable
from factlint.report.jsontext import dumps
from factlint.rulebook import load_rules
from factlint.rules_doc import explain

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@cache  # one path per file, asked for every location
def _uri(path: str) -> str:
    """A URI reference: relative paths percent-encoded (年鉴/草稿 1.txt → %E5…%201.txt)."""
    p = Path(path)
    return quote(p.as_posix(), safe="/-._~") if not p.is_absolute() else p.as_uri()


def _physical(loc: Location, snippet: str | None = None) -> dict:
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return {"artifactLocation": {"uri": _uri(loc.path)}, "region": region}


def fingerprint(f: Finding) -> str:
    """Stable across edits elsewhere in the file: code, path, sentence and figure, not line numbers."""
    key = "\x1f".join((f.code, f.location.path, f.context, f.text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, index: dict[str, int], editable: bool = True) -> dict:
    """One SARIF result; `editable` False (a .docx) leaves out fixes, which are text edits."""
    result = {
        "ruleId": f.code,
        "level": LEVEL[f.severity.value],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": _physical(f.location, f.text)}],
        "partialFingerprints": {"factlint/v1": fingerprint(f)},
        "properties": {"name": f.name, "details": f.details},  # written through jsonable
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.related:
        result["relatedLocations"] = [
            {"id": i + 1, "physicalLocation": _physical(r.location, r.text), "message": {"text": r.label or r.text}}
            for i, r in enumerate(f.related)
        ]
    if editable and f.fix is not None and f.fix.edits:
        result["fixes"] = [{
            "description": {"text": f"{f.fix.title} ({f.fix.applicability.value})"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.location.path)},
                "replacements": [{"deletedRegion": {"charOffset": e.span.start, "charLength": len(e.span)},
                                  "insertedContent": {"text": e.text}} for e in f.fix.edits],
            }],
        }]
    return result


def _artifact(res: DocumentResult) -> dict:
    if res.doc.format == "docx":  # regions count paragraphs (lines) and code points within them
        return {"location": {"uri": _uri(res.doc.path)},
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    return {"location": {"uri": _uri(res.doc.path)}, "encoding": res.doc.encoding}


def render(results: list[DocumentResult]) -> str:
    rules = list(load_rules().values())
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "factlint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/factlint/",
        "rules": [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": (r.docs.get("what") or r.summary).strip()},
            "help": {"text": explain(r)},
            "defaultConfiguration": {"level": LEVEL[r.severity.value]},
        } for r in rules],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "artifacts": [_artifact(res) for res in results],
            "results": [_result(f, index, res.doc.format != "docx") for res in results for f in res.findings],
        }],
    }
    return dumps(log, jsonable)
