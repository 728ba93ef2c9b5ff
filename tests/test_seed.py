"""The page factlint was born from, end to end through the command line, as an editor runs it."""

import json

from conftest import SEED

NINE = ["2.000名", "2.245户", "8.564人", "1.972.66万元", "2.460万元", "5.640万元", "5.500平方米", "1.000万元", "3.400人次"]


def test_extract_reads_every_figure(run_cli):
    code, out, _ = run_cli("extract", SEED)
    assert code == 0
    rows = json.loads(out)
    by_text = {}
    for r in rows:
        by_text.setdefault(r["text"].replace("\n", ""), r)
    expect = {
        "2.000名": ("2000", "名"), "1.972.66万元": ("19726600", "元"), "1.32亿元": ("132000000", "元"),
        "0.52%": ("0.52", "%"), "1.12亿元": ("112000000", "元"), "15.31亿元": ("1531000000", "元"),
        "10.8%": ("10.8", "%"), "132个": ("132", "个"), "56个": ("56", "个"), "76个": ("76", "个"),
    }
    for text, (value, unit) in expect.items():
        assert (by_text[text]["value"], by_text[text]["unit"]) == (value, unit), text
    split = [r for r in rows if r["value"] == "10000000" and r["unit"] == "元"]
    assert [(r["line"], r["column"], r["end_line"]) for r in split] == [(41, 86, 42)]
    assert by_text["1.32亿元"]["precision"] == "1000000"
    assert not [r for r in rows if r["text"] in ("四", "三", "一", "999")]


def test_check_reports_the_nine_damaged_figures_and_the_two_rates(run_cli):
    code, out, _ = run_cli("check", "--format", "json", SEED)
    assert code == 1
    found = json.loads(out)
    n101 = [f["text"].replace("\n", "") for f in found if f["code"] == "N101"]
    assert n101 == NINE
    assert all(f["fix"]["applicability"] == "safe" for f in found if f["code"] == "N101")
    c = {(f["code"], f["text"], f["severity"]) for f in found if f["code"].startswith("C")}
    assert c == {("C303", "10.8%", "warning"), ("C303", "5.2%", "error")}
    assert {f["code"] for f in found} == {"N101", "C303"}  # nothing on 四川, 一把手, 华润999 …


def test_view_gives_whole_sentences_without_furniture(run_cli):
    code, out, _ = run_cli("view", SEED)
    assert code == 0
    for sentence in ("将对口帮扶工作列为全区19项重点工程之一", "累计投入规划外财政资金1.972.66万元",
                     "引进四川省地坪协会", "在丹投资1.000万元,打造高端精品民宿", "成华区为全面改善丹巴县生产生活条件"):
        assert sentence in out
    for furniture in ("Page 124", "P. 124", "SPECIAL RECORDS", "119   120"):
        assert furniture not in out
    code, out, _ = run_cli("view", "--show-blocks", SEED)
    assert "[running-head] Page 124 - 成华年鉴2021" in out
