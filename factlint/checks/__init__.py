"""Cross-check kinds (family C): each module registers its kinds with `rulebook.register_kind`."""

from factlint.checks import growth, spans, wholes  # noqa: F401
