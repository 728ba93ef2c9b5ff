"""Rules are data (`rules/*.toml`); check kinds are code, registered once with their parameters.

Loading validates every rule against its kind: unknown keys or parameters are errors naming the key
and file. Numbers in rule files are read as Decimal. The rules directory ships inside the wheel as
`factlint/rules`; in a source checkout it is the top-level `rules/`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

from factlint.findings import Severity
from factlint.kept import keep, load_kept
from factlint.records import field, record

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


class RuleError(Exception):
    """A rule file or a rule setting is invalid; reported as one line, exit code 2."""


@record(frozen=True, slots=True)
class KindSpec:
    name: str
    params: dict[str, Any]  # parameter → default (its type is the default's type)
    run: Callable[..., Iterable[Any]]
    reads_claims: bool = True  # whether `run` reads the context's claims (or their memos)


KINDS: dict[str, KindSpec] = {}


def register_kind(name: str, *, reads_claims: bool = True, **params: Any) -> Callable:
    """Decorator: `@register_kind("total-parts", tolerance=Decimal("0"))` on `run(ctx, rule)`;
    `reads_claims=False` for a kind that never reads the context's claims (see `CheckContext`)."""

    def wrap(fn: Callable) -> Callable:
        KINDS[name] = KindSpec(name, dict(params), fn, reads_claims)
        return fn

    return wrap


RULE_KEYS = {"code", "name", "kind", "severity", "summary", "message", "message_en", "params", "docs", "texts"}
DOC_KEYS = {"what", "why", "example_bad", "example_good", "fix_safety", "notes"}


@record(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    summary: str
    message: str
    message_en: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)
    path: str = ""
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # key → {zh, en}: phrases for messages

    def text(self, key: str, language: str = "zh", **fields: Any) -> str:
        """A phrase from the rule's [texts] table in the language asked for (the key if absent)."""
        entry = self.texts.get(key)
        if not entry:
            return key
        template = entry.get(language) or entry.get("zh") or key
        return template.format(**fields)

    def format(self, language: str = "zh", **fields: Any) -> str:
        return self.format_fields(language, fields)

    def format_fields(self, language: str, fields: dict[str, Any]) -> str:
        """The message in `language` with `fields` (`format` for a dict at hand)."""
        template = self.message_en if language == "en" and self.message_en else self.message
        fill = _FILLS.get(template)
        if fill is None:
            fill = _FILLS[template] = _fill(template)
        try:
            return fill(fields)  # (the dict as it is: `format(**fields)` copies it)
        except KeyError as exc:
            raise RuleError(f"{self.path}: message template needs field {exc}") from None
        except (IndexError, ValueError) as exc:  # a positional {0}, a bad format spec
            raise RuleError(f"{self.path}: bad message template ({exc})") from None

    def with_overrides(self, severity: str | None = None, params: dict[str, Any] | None = None) -> "Rule":
        new_params = dict(self.params)
        for key, value in (params or {}).items():
            new_params[key] = _coerce(self, key, value)
        sev = _severity(severity, self.path) if severity else self.severity
        return Rule(self.code, self.name, self.kind, sev, self.summary, self.message, self.message_en,
                    new_params, self.docs, self.path, self.texts)


def _fill(template: str) -> Callable[[dict[str, Any]], str]:
    """`template.format_map` as one function of the fields: for a template of plain `{name}` fields
    an f-string, which joins the pieces at once (each value formatted as `format_map` formats it,
    `format(value, "")`, a str as it is) instead of parsing the template on every call; for any
    other template (a conversion, a format spec, a positional or dotted field, a bad brace),
    `format_map` itself, which then raises what it raises."""
    from _string import formatter_parser  # (what `string.Formatter.parse` calls)

    try:
        pieces = list(formatter_parser(template))
    except ValueError:
        return template.format_map
    literals: list[str] = []
    body = ""
    for literal, name, spec, conversion in pieces:
        if literal:
            body += f"{{L[{len(literals)}]}}"
            literals.append(literal)
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            return template.format_map
        body += f"{{f[{name!r}]}}"
    return eval(f'lambda f: f"{body}"', {"L": tuple(literals)})  # (our own source, as records writes one)


_FILLS: dict[str, Callable[[dict[str, Any]], str]] = {}  # message template → its `_fill`


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise RuleError(f"{where}: severity must be error, warning or info, not {value!r}") from None


def _coerce(rule: Rule, key: str, value: Any) -> Any:
    spec = KINDS.get(rule.kind)
    if spec is None or key not in spec.params:
        known = ", ".join(sorted(spec.params)) if spec else ""
        raise RuleError(f"{rule.code}: unknown parameter {key!r} for kind {rule.kind!r} (known: {known or 'none'})")
    default = spec.params[key]
    try:
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(default, Decimal):
            return Decimal(str(value))
        if isinstance(default, int):
            return int(value)
        if isinstance(default, (list, tuple)):
            return tuple(value)
        if isinstance(default, str):
            return str(value)
    except (TypeError, ValueError, ArithmeticError):
        raise RuleError(f"{rule.code}: parameter {key!r} must be like {default!r}, not {value!r}") from None
    return value


def rules_dir() -> Path:
    """The rules directory (`RuleError` if there is none)."""
    from pathlib import Path  # (not at start-up: loading uses `_rules_root`)

    return Path(_rules_root())


@cache
def _rules_root() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "rules")
    if os.path.isdir(packaged):
        return packaged
    checkout = os.path.join(os.path.dirname(here), "rules")
    if os.path.isdir(checkout):
        return checkout
    raise RuleError(f"rules directory not found (looked in {packaged} and {checkout})")


def load_toml(path: str | os.PathLike) -> dict[str, Any]:
    """The TOML table of a rule or lexicon file, numbers as Decimal. Parsed once per content: the
    parsed table is kept beside the file's would-be bytecode (`kept`) with a hash of the bytes it
    came from, and used only while they match. Saves importing tomllib and parsing on start-up."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise RuleError(f"{path}: {exc}") from None
    digest = importlib.util.source_hash(data)  # the hash hash-based bytecode keeps
    kept = load_kept(os.fspath(path), digest)
    if isinstance(kept, dict):
        return _with_decimals(kept)
    import tomllib

    try:
        table = tomllib.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    keep(os.fspath(path), digest, _without_decimals(table))  # (a TOML date or time: not kept)
    return table


def _without_decimals(value: Any) -> Any:
    """`value` with each Decimal as a 1-tuple of its text: what `marshal` (the module that keeps
    bytecode, and needs no import) can write. TOML has no tuples, so the tuples are the Decimals."""
    if isinstance(value, Decimal):
        return (str(value),)
    if isinstance(value, dict):
        return {k: _without_decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_decimals(v) for v in value]
    return value


def _with_decimals(value: Any) -> Any:
    """The inverse of `_without_decimals` (`str` of a Decimal reads back to an equal one, digits and
    exponent alike)."""
    if isinstance(value, tuple):
        return Decimal(value[0])
    if isinstance(value, dict):
        return {k: _with_decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_decimals(v) for v in value]
    return value


def parse_rule(data: dict[str, Any], path: str) -> Rule:
    unknown = set(data) - RULE_KEYS
    if unknown:
        raise RuleError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    for key in ("code", "name", "kind", "severity", "summary", "message"):
        if key not in data:
            raise RuleError(f"{path}: missing key {key!r}")
    kind = data["kind"]
    if kind not in KINDS:
        raise RuleError(f"{path}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    docs = data.get("docs", {})
    bad_doc = set(docs) - DOC_KEYS
    if bad_doc:
        raise RuleError(f"{path}: unknown docs key {sorted(bad_doc)[0]!r}")
    texts = data.get("texts", {})
    if not all(isinstance(v, dict) and set(v) <= {"zh", "en"} for v in texts.values()):
        raise RuleError(f"{path}: every [texts] entry must be a table with keys zh and en")
    rule = Rule(data["code"], data["name"], kind, _severity(data["severity"], path), data["summary"],
                data["message"], data.get("message_en", ""), dict(KINDS[kind].params), docs, path, texts)
    return rule.with_overrides(params=data.get("params", {}))


@cache
def load_rules() -> dict[str, Rule]:
    """All rules by code, in code order. Check-kind modules must be imported first (engine does)."""
    from factlint import kinds  # noqa: F401  (registers every check kind)

    rules: dict[str, Rule] = {}
    root = _rules_root()
    names = sorted(n for n in os.listdir(root) if os.path.splitext(n)[1] == ".toml")  # (glob compiles a pattern)
    for path in (os.path.join(root, name) for name in names):
        rule = parse_rule(load_toml(path), path)
        if rule.code in rules:
            raise RuleError(f"{path}: duplicate rule code {rule.code}")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """A data file from `rules/lexicon/NAME.toml`."""
    return load_toml(os.path.join(_rules_root(), "lexicon", f"{name}.toml"))
