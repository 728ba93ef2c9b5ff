"""Claim extraction: sentences → typed claims. Mentions are built by a tiny local reader so these
tests pin the claim patterns independently of the number reader."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from factlint.claims import (AnnualGrowth, Difference, Growth, Multiple, PointChange, Restated, Share,
                             SharesOfWhole, TotalParts, YearSpan, extract_claims)
from factlint.mentions import Kind, Mention
from factlint.spans import Span

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SCALE = {"万亿": D(10) ** 12, "亿": D(10) ** 8, "万": D(10) ** 4, "": D(1)}
_FIG = re.compile(
    r"(?P<year>\d{4})(?:年|(?=[—–-]\d{4}年))"
    r"|(?P<num>\d+(?:\.\d+)?)(?P<unit>个百分点|%|倍|(?:万亿|亿|万)?(?:元|吨|个|人|项|户|家|千瓦)?)"
    r"|(?<=连续)(?P<cn>[一二两三四五六七八九十])年"
)


def mentions(text: str) -> list[Mention]:
    """A minimal reader for ASCII figures (years, %, 个百分点, 倍, 万/亿 amounts) and 连续N年."""
    out = []
    for m in _FIG.finditer(text):
        span = Span(m.start(), m.end())
        if m.group("year"):
            out.append(Mention(span, m.group(), D(m.group("year")), None, "年",
                               D(1), Kind.YEAR))
        elif m.group("cn"):
            out.append(Mention(span, m.group(), D(_CN[m.group("cn")]), None, "年",
                               D(1), Kind.QUANTITY, chinese=True))
        else:
            num, unit = D(m.group("num")), m.group("unit")
            exp = num.as_tuple().exponent
            if unit in ("%", "个百分点", "倍"):
                kind = {"%": Kind.PERCENT, "个百分点": Kind.POINTS, "倍": Kind.MULTIPLE}[unit]
                out.append(Mention(span, m.group(), num,
                                   D(1).scaleb(exp), {"个百分点": "百分点"}.get(unit, unit), D(1), kind))
                continue
            scale_word = next((w for w in ("万亿", "亿", "万") if unit.startswith(w)), "")
            scale = _SCALE[scale_word]
            base_unit = unit[len(scale_word):] or None
            out.append(Mention(span, m.group(), num * scale,
                               D(1).scaleb(exp) * scale, base_unit, scale,
                               Kind.QUANTITY if base_unit or scale_word else Kind.NUMBER))
    return out


class _View:
    def __init__(self, text: str) -> None:
        self.text = text


def claims(text: str):
    return extract_claims(_View(text), mentions(text))


def one(text: str, cls):
    found = [c for c in claims(text) if isinstance(c, cls)]
    assert len(found) == 1, f"expected one {cls.__name__} in {text!r}, got {claims(text)}"
    return found[0]


SEED_GDP = "丹巴县GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%;"
SEED_INCOME = "农村居民人均年收入从2017年的1.31万元增长至2020年的1.58万元,年均增长5.2%;"


def test_seed_gdp_is_annual_growth_over_three_periods_and_conventional():
    c = one(SEED_GDP, AnnualGrowth)
    assert (c.base.value, c.current.value, c.rate.value, c.periods) == (D("1531000000"), D("2191000000"), D("10.8"), 3)
    assert c.context.conventional and not c.context.real


def test_seed_income_is_not_conventional():
    c = one(SEED_INCOME, AnnualGrowth)
    assert c.periods == 3 and not c.context.conventional


@pytest.mark.parametrize("text, cls, stated", [
    ("钢产量由2046万吨增加到3178万吨，增长55.3%。", Growth, "55.3"),
    ("总产值达到2050亿元，比1957年的1241亿元增长65%。", Growth, "65"),
    ("1949年农业总产值是326亿元，1956年上升到583亿元，比1949年增长了79%。", Growth, "79"),
    ("产量由100万吨增加到300万吨，增长2倍。", Multiple, "2"),
    ("收入由5000元增加到8000元，增加了3000元。", Difference, "3000"),
    ("城镇化率由60.5%提高到63.2%，提高2.7个百分点。", PointChange, "2.7"),
    ("2017—2020年，成华区连续四年被表彰。", YearSpan, "4"),
], ids=["from-to-growth", "compare-growth", "two-years-growth", "multiple", "difference", "points", "year-span"])
def test_sentence_claims(text, cls, stated):
    c = one(text, cls)
    figure = getattr(c, "rate", None) or c.stated
    assert figure.value == D(stated) or figure.value == D(stated).normalize()


def test_fan_yi_fan_is_ratio_two():
    c = one("产值由50亿元增加到100亿元，翻了一番。", Multiple)
    assert c.value == 2 and c.form == "ratio" and c.stated is None


def test_total_with_partition_parts_is_complete():
    c = one("共投入资金1.32亿元，其中规划内资金1.12亿元，规划外资金0.2亿元。", TotalParts)
    assert c.complete and len(c.parts) == 2


def test_total_with_unrelated_subset_checks_only_first_part():
    c = one("全年新登记企业147万户，其中签约项目80万户，开工项目50万户。", TotalParts)
    assert not c.complete and len(c.parts) == 1


def test_cross_sentence_partition():
    text = "共投入财政资金1.32亿元。累计投入规划内财政资金1.12亿元。累计投入规划外财政资金1972.66万元。"
    c = one(text, TotalParts)
    assert c.complete and not c.nearby and [p.value for p in c.parts] == [D("112000000"), D("19726600")]


def test_share_of_part():
    c = one("全年收入100亿元，其中税收80亿元，占80%。", Share)
    assert c.stated.value == 80 and c.whole.value == D("10000000000")


def test_share_list():
    c = one("第一产业、第二产业、第三产业增加值占比分别为8.1%、40.2%、51.7%。", SharesOfWhole)
    assert c.complete and len(c.shares) == 3


@pytest.mark.parametrize("text", [
    "人均地区生产总值从5.6万元增至7.8万元，超过1万美元，年均增长5.4%。",  # no year span: no claim
    "技术合同成交额从1795亿元增加到5260亿元，科技型中小企业数量增长3.2倍。",  # new subject before 倍
    "城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。",  # parallel values
    "地区生产总值增长5.5%、达到10.3万亿元。",  # one value only
], ids=["ningxia-no-years", "new-subject", "parallel-values", "one-value"])
def test_no_claim(text):
    found = [c for c in claims(text) if not isinstance(c, Restated)]
    assert found == []


def test_restated_figure():
    text = "2020年全区地区生产总值100.5亿元。全区地区生产总值105.0亿元。"
    c = one(text, Restated)
    assert c.first.value == D("10050000000") and c.second.value == D("10500000000")


def test_the_word_gates_of_find_claims_hold_for_the_bundled_patterns():
    """find_claims tries the 其中-opener and 以上共计 builders, and changes() the two-year pattern,
    only on sentences holding those words (a test in C); an edit of rules/lexicon/claims.toml that
    lets them match without the word must change the gates too."""
    from factlint.rulebook import load_lexicon

    patterns = load_lexicon("claims")["patterns"]
    assert patterns["subset"] == "其中"
    assert re.match(r"\^\[，,\]\?以上", patterns["above_total"])
    assert "，,]比{Y}" in patterns["two_years"]  # changes() tries it only where 比 precedes a year


def test_a_total_subject_holds_no_figure_token():
    """totals_across reads the subject of a `total_kw` match as words: its class leaves out {ANY}."""
    from factlint.rulebook import load_lexicon

    assert re.search(r"\(\?P<subject>\[\^[^\]]*\{ANY\}\]", load_lexicon("claims")["patterns"]["total_kw"])


def test_a_word_list_not_after_a_character_matches_as_a_lookbehind_before_it():
    """{NAME!C} in a claim pattern: the matches of (?<![C])(?:{NAME})."""
    from factlint.claims import expand

    words = {"W": ["共", "共计", "全年", "总共"]}
    new = re.compile(expand("{W!公}", words))
    old = re.compile(expand("(?<![公])(?:{W})", words))
    for text in ("公共计", "共计", "合共计", "公全年全年", "公总共", "总共计", "全年共", "公共", "共", ""):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        for i in range(len(text) + 1):
            got, want = new.match(text, i), old.match(text, i)
            assert (got and got.span()) == (want and want.span())
