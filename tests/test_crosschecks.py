"""Cross-checks end to end: text → C findings (code, the figure they sit on, severity).

Cases live in tests/cases/crosschecks.toml; N findings (artefact repairs) are ignored here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import factlint.mentions as mentions_module
from factlint.settings import Settings

if not hasattr(mentions_module, "find_mentions"):
    pytest.skip("number reader (find_mentions) not available yet", allow_module_level=True)

from factlint.engine import check_text  # noqa: E402

CASES = tomllib.loads((Path(__file__).parent / "cases" / "crosschecks.toml").read_text("utf-8"))["case"]
SEED = Path(__file__).resolve().parent.parent / "samples" / "chenghua-yearbook-2021-p124.txt"
SEED_GDP = "丹巴县GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%;"
SEED_INCOME = "农村居民人均年收入从2017年的1.31万元增长至2020年的1.58万元,年均增长5.2%;"


def c_findings(text: str, settings: Settings = Settings()):
    return [f for f in check_text(text, settings) if f.code.startswith("C")]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    got = sorted((f.code, f.text, str(f.severity)) for f in c_findings(case["text"]))
    expected = sorted((e["code"], e["at"], e["severity"]) for e in case["expect"])
    assert got == expected


def test_seed_gdp_annual_growth_is_a_warning_naming_the_mistake():
    (f,) = c_findings(SEED_GDP)
    assert (f.code, f.text, str(f.severity)) == ("C303", "10.8%", "warning")
    assert f.details["computed"] == "12.7"
    assert {"simple_average", "off_by_one_years"} <= set(f.details["diagnosis"])
    assert "12.7" in f.message and "\n" not in f.message
    assert [r.text for r in f.related] == ["15.31亿元", "21.91亿元"]


def test_seed_income_annual_growth_is_an_error():
    (f,) = c_findings(SEED_INCOME)
    assert (f.code, f.text, str(f.severity)) == ("C303", "5.2%", "error")
    assert f.details["computed"] in ("6.4", "6.5")
    assert {"simple_average", "off_by_one_years"} <= set(f.details["diagnosis"])
    assert f.details["formula"].startswith("(1.58万元 / 1.31万元)^(1/3) − 1")
    # the worked diagnosis: the printed rate is total growth (1.58/1.31 − 1 = 20.6%) ÷ 4
    assert "5.2%恰为总增幅20.6%÷4的简单平均" in f.message


def test_english_message():
    (f,) = c_findings(SEED_INCOME, Settings(language="en"))
    assert f.message.startswith("Compounded over 3 years")


def test_seed_totals_and_year_count_raise_nothing():
    text = ("成华区第二轮对口帮扶丹巴县共投入财政资金1.32亿元,实施援建项目132个。"
            "2017—2020年,成华区连续四年被表彰为先进集体。"
            "累计投入规划内财政资金1.12亿元。各部门累计投入规划外财政资金1.972.66万元,自选帮扶项目76个;"
            "教育培训等规划内援建项目56个。")
    assert c_findings(text) == []


def test_seed_page_findings_are_exactly_the_two_annual_rates():
    found = c_findings(SEED.read_text("utf-8"))
    assert sorted((f.code, f.text) for f in found) == [("C303", "10.8%"), ("C303", "5.2%")]
