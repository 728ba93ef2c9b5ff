"""Configuration: `[tool.factlint]` in pyproject.toml or a factlint.toml; the nearest one wins.

PLACEHOLDER until the workflow issue: returns defaults (or the file named by --config).
"""

from __future__ import annotations

from factlint.settings import Settings


def load_settings(path: str | None, config: str | None = None, isolated: bool = False) -> Settings:
    return Settings()
