"""What every check kind sees for one document: computed once, shared by all rules."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from factlint.layout import ReadingView
from factlint.mentions import Mention
from factlint.settings import Settings


class CheckContext:
    """The reading view, its mentions and (lazily) its sentence ends and claims. Read-only for check kinds."""

    def __init__(self, view: ReadingView, mentions: list[Mention], settings: Settings) -> None:
        self.view = view
        self.mentions = mentions
        self.settings = settings
        # checks.common.intervals' memo: approx_rel as text → id(mention) → (mention, Interval)
        self.intervals: dict[str, dict[int, tuple[Mention, Any]]] = {}

    @cached_property
    def sentence_ends(self) -> list[int]:
        """`sentences.sentence_ends` of the view: found once, for the claims and the findings."""
        from factlint.sentences import sentence_ends

        return sentence_ends(self.view.text)

    @cached_property
    def claims(self) -> list[Any]:
        if len(self.mentions) < 2:  # every claim relates two figures or more
            return []
        from factlint.claims import extract_claims

        return extract_claims(self.view, self.mentions, self.sentence_ends)
