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


def test_thousands_separators_read_as_the_number_without_them() -> None:
    assert _read("新建学校63,760所，投入1,234.5万元") == [
        ("63,760所", Decimal(63760), "所", None), ("1,234.5万元", Decimal(12345000), "元", None)]


def test_brand_names_that_start_with_digits_are_not_figures() -> None:
    assert _read("入驻58同城，开设4S店2家") == [("2家", Decimal(2), "家", None)]


def test_decimal_points_and_punctuation_commas_are_left_alone() -> None:
    assert _read("增长7.1%，达到743.66亿元，２，３４５人") == [
        ("7.1%", Decimal("7.1"), "%", None), ("743.66亿元", Decimal(74366000000), "元", None),
        ("２，３４５人", Decimal(2345), "人", None)]


def test_periods_as_thousands_separators_read_the_intended_number() -> None:
    got = find_mentions("投入资金5.639.95万元，发展迅速")
    assert [(m.raw, m.value, m.unit) for m in got] == [("5.639.95万元", Decimal(56399500), "元")]
    assert [(r.code, [text for _, text in r.edits]) for r in got[0].repairs] == [("N101", [","])]


def test_ten_before_fen_is_a_figure_only_as_a_unit() -> None:
    assert _read("公司十分注重研发，用时十分钟，占十分之一") == [
        ("十分钟", Decimal(10), "分钟", None), ("十分之一", Decimal("0.1"), None, None)]


def test_a_lone_chinese_numeral_is_a_figure_only_with_context_or_in_a_range() -> None:
    assert _read("一是统一规划，二是其中之一，三 是") == []
    assert _read("是两到三万元") == [("两", Decimal(20000), "元", "low"), ("三万元", Decimal(30000), "元", "high")]
    assert _read("共一又三分之一") == [("一又三分之一", Decimal(1) + Decimal(1) / 3, None, None)]
    assert _read("一 二\n第一，负一") == [
        ("一", Decimal(1), None, None), ("二", Decimal(2), None, None),
        ("第一", Decimal(1), None, None), ("负一", Decimal(-1), None, None)]


def test_figures_beside_repaired_artefacts_keep_their_own_reading() -> None:
    got = find_mentions("达3 . 5%o，新增４５人，共5O3人，比上年12人多，增长5.13%，占7.1%")
    assert [(m.raw, m.value, m.unit, [r.code for r in m.repairs]) for m in got] == [
        ("3 . 5%o", Decimal("3.5"), "‰", ["N103", "N104"]), ("４５人", Decimal(45), "人", ["N102"]),
        ("5O3人", Decimal(503), "人", ["N103"]), ("12人", Decimal(12), "人", []),
        ("5.13%", Decimal("5.13"), "%", []), ("7.1%", Decimal("7.1"), "%", [])]
    assert got[3].span.start == len("达3 . 5%o，新增４５人，共5O3人，比上年")  # 12人: after the repairs
