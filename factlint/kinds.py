"""Imports every module that registers check kinds (see rulebook.register_kind)."""

from factlint import artefacts  # noqa: F401

import importlib.util

if importlib.util.find_spec("factlint.checks") is not None:  # the cross-check kinds (family C)
    import factlint.checks  # noqa: F401
