"""GitHub Actions workflow commands: one `::error file=…,line=…::message` annotation per finding."""

from __future__ import annotations

from factlint.engine import DocumentResult

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[DocumentResult]) -> str:
    lines = []
    for res in results:
        for f in res.findings:
            loc = f.location
            props = (f"file={_prop(loc.path)},line={loc.line},col={loc.column},"
                     f"endLine={loc.end_line},endColumn={loc.end_column},title={_prop(f.code + ' ' + f.name)}")
            lines.append(f"::{LEVEL[f.severity.value]} {props}::{_data(f.message)}")
    return "\n".join(lines)
