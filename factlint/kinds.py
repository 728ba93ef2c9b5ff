"""Imports every module that registers check kinds (see rulebook.register_kind)."""

from factlint import artefacts  # noqa: F401  (family N: repairs)
from factlint import checks  # noqa: F401  (family C: cross-checks)
