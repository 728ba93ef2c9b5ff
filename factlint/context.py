"""What every check kind sees for one document: computed once, shared by all rules."""

from __future__ import annotations

from functools import cached_property

from factlint.layout import ReadingView
from factlint.mentions import Mention
from factlint.settings import Settings

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


class CheckContext:
    """The reading view, its mentions and (lazily) its sentence ends and claims. Read-only for check
    kinds; the engine releases the claims once no later rule reads them (`release_claims`)."""

    def __init__(self, view: ReadingView, mentions: list[Mention], settings: Settings) -> None:
        self.view = view
        self.mentions = mentions
        self.settings = settings
        # checks.common.intervals' memo: approx_rel as text → id(mention) → Interval; the mentions
        # it holds are kept alive in `interval_mentions` (then an id names one mention only)
        self.intervals: dict[str, dict[int, Any]] = {}
        self.interval_mentions: list[Mention] = []
        # checks.common.claims_of's memo: claim class name → its claims (made on first use)
        self.claim_groups: dict[str, list[Any]] | None = None
        # artefacts' memo: rule code → (mention, repair) of the mentions' repairs (made on first use)
        self.repairs: dict[str, list[tuple[Mention, Any]]] | None = None

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

    def release_claims(self) -> None:
        """Drop the claims and the memos of the checks that read them (claim groups, intervals), so
        that their memory serves the findings still to come; they are made again if read again."""
        self.__dict__.pop("claims", None)
        self.claim_groups = None
        self.intervals = {}
        self.interval_mentions = []
