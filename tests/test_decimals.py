"""Rounding never depends on the caller's decimal context: long figures and huge rates."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pytest

from factlint.decimals import integral_or_normal, round_to
from factlint.engine import check_text


@pytest.mark.parametrize("value, step, rounding, expected", [
    ("12.345", "0.01", None, "12.34"),  # half-even
    ("12.355", "0.01", None, "12.36"),
    ("1" + "0" * 40, "0.01", None, "1" + "0" * 40 + ".00"),  # 43 digits: beyond the default 28
    ("-2.5", "1", ROUND_FLOOR, "-3"),
    ("2.01", "0.1", ROUND_CEILING, "2.1"),
])
def test_round_to(value, step, rounding, expected):
    args = (Decimal(value), Decimal(step)) + ((rounding,) if rounding else ())
    assert str(round_to(*args)) == expected


def test_integral_or_normal():
    assert str(integral_or_normal(Decimal("2E+3"))) == "2000"
    assert str(integral_or_normal(Decimal("1.50"))) == "1.5"
    assert str(integral_or_normal(Decimal("1E+40"))) == "1" + "0" * 40


@pytest.mark.parametrize("text", [
    "共投入资金4375804其中规划外840885477874354649250269022630295756占亿元",
    "以共百元别 至日9709103763．其中公%,续％‰分82071568456535193750081842573、２八公两，长近规划外0别上负上一分。",
    "产值由1元增加到30000000000000000000000000000000元，增长200%。",
])
def test_huge_figures_are_checked_without_error(text):
    """Found by fuzzing: showing a figure or a rate of 30+ digits overflowed quantize."""
    for f in check_text(text):
        assert f.message
