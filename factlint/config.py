"""Configuration: `factlint.toml` or `[tool.factlint]` in `pyproject.toml`; the nearest one to
each checked file wins (searching upwards from the file's folder). `--config FILE` names one file
for all; `--isolated` ignores every file. Unknown keys are errors that name the key (exit 2).
"""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cache

from factlint.rulebook import RuleError, load_rules
from factlint.settings import Settings

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

KEYS = {"select", "ignore", "per-file-ignores", "fail-on", "separator-style", "layout", "language", "rule"}
CHOICES = {
    "fail-on": ("error", "warning", "info"),
    "separator-style": ("comma", "none"),
    "layout": ("auto", "plain", "columns"),
    "language": ("zh", "en"),
}


def _codes(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key} must be a list of rule codes or prefixes")
    return tuple(v.strip().upper() for v in value)


def parse_config(data: dict[str, Any], where: str) -> Settings:
    unknown = set(data) - KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r} in factlint configuration")
    kw: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key in data:
            kw[key] = _codes(data[key], where, key)
    for key, choices in CHOICES.items():
        if key in data:
            if data[key] not in choices:
                raise RuleError(f"{where}: {key} must be one of {', '.join(choices)}, not {data[key]!r}")
            kw[key.replace("-", "_")] = data[key]
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise RuleError(f"{where}: per-file-ignores must be a table of glob = [codes]")
        kw["per_file_ignores"] = tuple((glob, _codes(codes, where, f"per-file-ignores.{glob}")) for glob, codes in table.items())
    overrides: dict[str, dict[str, Any]] = {}
    rules = load_rules()
    for code, table in (data.get("rule") or {}).items():
        code = code.upper()
        if code not in rules:
            raise RuleError(f"{where}: [rule.{code}] names no rule (see `factlint rules`)")
        if not isinstance(table, dict):
            raise RuleError(f"{where}: [rule.{code}] must be a table")
        severity = table.get("severity")
        params = {k: v for k, v in table.items() if k != "severity"}
        rules[code].with_overrides(severity, params)  # validates: unknown parameter → error naming it
        overrides[code] = {"severity": severity, "params": params}
    if overrides:
        kw["rule_overrides"] = overrides
    return Settings(**kw)


def _read(path: str) -> dict[str, Any] | None:
    import tomllib  # only when a configuration file exists (start-up)

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh, parse_float=Decimal)
    except OSError as exc:
        raise RuleError(f"{path}: cannot read configuration ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: invalid TOML ({exc})") from None
    if os.path.basename(path) == "pyproject.toml":
        return data.get("tool", {}).get("factlint")
    return data


def _settings_for_file(config_path: str) -> Settings:
    st = os.stat(config_path)
    return _parse_file(config_path, st.st_mtime_ns, st.st_size)


@cache
def _parse_file(config_path: str, mtime_ns: int, size: int) -> Settings:
    """Parsed settings, cached per file version (path, mtime, size)."""
    data = _read(config_path)
    return parse_config(data or {}, config_path)


@cache
def find_config(folder: str) -> str | None:
    """The nearest factlint.toml or pyproject.toml with [tool.factlint], from folder upwards."""
    d = os.path.realpath(folder)  # as Path.resolve
    while True:
        candidate = os.path.join(d, "factlint.toml")
        if os.path.isfile(candidate):
            return candidate
        pyproject = os.path.join(d, "pyproject.toml")
        if os.path.isfile(pyproject) and _mentions_factlint(pyproject) and _read(pyproject) is not None:
            return pyproject
        parent = os.path.dirname(d)
        if parent == d:  # the root
            return None
        d = parent


def _mentions_factlint(path: str) -> bool:
    """Whether the file's text names factlint at all: a pyproject.toml that does not cannot hold a
    [tool.factlint] table, and is passed over without parsing TOML (most projects' case)."""
    try:
        with open(path, "rb") as fh:
            return b"factlint" in fh.read()
    except OSError:
        return True  # let _read report it


def load_settings(path: str | None, config: str | None = None, isolated: bool = False) -> Settings:
    """Settings for one file: --config wins, then the nearest file, else defaults."""
    if isolated:
        return Settings()
    if config:
        resolved = os.path.realpath(config)  # as Path.resolve
        if not os.path.isfile(resolved):
            raise RuleError(f"{config}: configuration file not found")
        return _settings_for_file(resolved)
    folder = (os.path.dirname(path) or ".") if path and path != "-" else "."
    found = find_config(folder)
    return _settings_for_file(found) if found else Settings()
