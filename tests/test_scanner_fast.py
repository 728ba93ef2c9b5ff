"""User-visible behaviour the scanner's fast paths must keep (blocked words, ranges with 含)."""

from decimal import Decimal

from factlint.mentions import find_mentions


def _read(text: str) -> list[tuple[str, Decimal, str | None, str | None]]:
    return [(m.raw, m.value, m.unit, m.range_role) for m in find_mentions(text)]


def test_digits_inside_overlapping_blocked_words_are_not_figures() -> None:
    assert _read("推动一对一帮扶，是重点工程之一，投入3万元") == [("3万元", Decimal(30000), "元", None)]


def test_a_lone_chinese_digit_with_a_unit_after_a_blocked_word() -> None:
    assert _read("一把手带头，共一人") == [("一人", Decimal(1), "人", None)]


def test_ranges_link_with_and_without_han_in_the_text() -> None:
    assert _read("5至8人") == [("5", Decimal(5), "人", "low"), ("8人", Decimal(8), "人", "high")]
    assert _read("包含5至8人") == [("5", Decimal(5), "人", "low"), ("8人", Decimal(8), "人", "high")]
    assert _read("5%（含）至10%") == [("5%", Decimal(5), "%", "low"), ("10%", Decimal(10), "%", "high")]
