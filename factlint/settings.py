"""Settings for one run (from the command line and configuration files)."""

from __future__ import annotations

from factlint.records import field, record

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


@record(frozen=True, slots=True)
class Settings:
    select: tuple[str, ...] = ()  # codes or prefixes; empty = all
    ignore: tuple[str, ...] = ()
    layout: str = "auto"  # auto | plain | columns
    separator_style: str = "comma"  # comma | none: what N101 restores
    language: str = "zh"  # zh | en: message language
    fail_on: str = "info"  # lowest severity that makes the exit code 1
    rule_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)  # CODE → {severity, params}
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)
