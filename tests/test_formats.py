"""Report formats as a user (or a CI system) reads them: SARIF, GitHub annotations, concise,
--statistics and --output."""

import json
import re
import shutil
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEED, SHARED

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
DAMAGED = "全县2.000名贫困群众脱贫,共投入财政资金1.32亿元。\n"


@pytest.fixture
def seed_copy(tmp_path, monkeypatch):
    """The seed page copied into a temp dir that is the working directory (relative paths)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "p124.txt")
    return "p124.txt"


def sarif(run_cli, *args):
    code, out, err = run_cli("check", "--format", "sarif", *args)
    assert code in (0, 1), err
    return json.loads(out)


def as_json(run_cli, *args):
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


# --- SARIF ---------------------------------------------------------------------------------------

def test_sarif_validates_against_the_2_1_0_schema(run_cli, seed_copy, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} not present")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    (tmp_path / "clean.txt").write_text("全县2,000名贫困群众脱贫。\n", encoding="utf-8")
    for args in ((seed_copy,), ("clean.txt",), (seed_copy, "clean.txt")):
        log = sarif(run_cli, *args)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    # the schema really constrains: a broken log does not validate
    log["runs"][0]["results"] = [{"message": "not an object"}]
    assert not validator.is_valid(log)


def test_sarif_rules_have_help_text(run_cli, seed_copy):
    log = sarif(run_cli, seed_copy)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    driver = run["tool"]["driver"]
    assert driver["name"] == "factlint"
    rules = {r["id"]: r for r in driver["rules"]}
    assert "N101" in rules and "C303" in rules
    for r in rules.values():
        assert r["name"] and r["shortDescription"]["text"]
        assert r["id"] in r["help"]["text"] and len(r["help"]["text"]) > 40
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_regions_count_code_points(run_cli, seed_copy):
    lines = open(seed_copy, encoding="utf-8").read().split("\n")
    run = sarif(run_cli, seed_copy)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"]
    for res in run["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "p124.txt"
        first, last = lines[region["startLine"] - 1], lines[region["endLine"] - 1]
        if region["startLine"] == region["endLine"]:
            assert first[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
        else:  # a figure broken across two lines of the right-hand column (1.000万 / 元)
            head, tail = first[region["startColumn"] - 1:].strip(), last[:region["endColumn"] - 1].strip()
            assert region["snippet"]["text"].startswith(head[:3]) and region["snippet"]["text"].endswith(tail[-1:])
    texts = [r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in run["results"]]
    assert "2.000名" in texts


def test_sarif_related_locations_for_the_other_figures(run_cli, seed_copy):
    findings = as_json(run_cli, seed_copy)
    results = sarif(run_cli, seed_copy)["runs"][0]["results"]
    assert len(findings) == len(results)
    with_related = [(f, r) for f, r in zip(findings, results) if f["related"]]
    assert with_related, "the seed page has cross-check findings with related figures"
    for f, r in with_related:
        rel = r["relatedLocations"]
        assert [x["physicalLocation"]["region"]["snippet"]["text"] for x in rel] == [x["text"] for x in f["related"]]
        assert [x["physicalLocation"]["region"]["startLine"] for x in rel] == [x["line"] for x in f["related"]]
        assert [x["id"] for x in rel] == list(range(1, len(rel) + 1))
    for f, r in zip(findings, results):
        if not f["related"]:
            assert "relatedLocations" not in r


def test_sarif_fingerprints_survive_lines_inserted_above(run_cli, seed_copy):
    before = sarif(run_cli, seed_copy)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["factlint/v1"] for r in before]
    assert len(set(prints)) == len(prints)  # one per finding
    text = open(seed_copy, encoding="utf-8").read()
    with open(seed_copy, "w", encoding="utf-8") as fh:
        fh.write("前言\n\n" + text)
    after = sarif(run_cli, seed_copy)["runs"][0]["results"]
    assert [r["partialFingerprints"]["factlint/v1"] for r in after] == prints
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before]


def test_sarif_fix_replacements_point_at_the_figure(run_cli, seed_copy):
    text = open(seed_copy, encoding="utf-8").read()
    results = sarif(run_cli, seed_copy)["runs"][0]["results"]
    n101 = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "2.000名")
    (rep,) = n101["fixes"][0]["artifactChanges"][0]["replacements"]
    start, length = rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"]
    assert text[start:start + length] == "." and rep["insertedContent"]["text"] == ","
    assert text[start - 1:start + 5] == "2.000名"


def test_sarif_uri_of_a_chinese_file_name_is_percent_encoded(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "年鉴 草稿.txt").write_text(DAMAGED, encoding="utf-8")
    res = sarif(run_cli, "年鉴 草稿.txt")["runs"][0]["results"][0]
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E5%B9%B4%E9%89%B4%20%E8%8D%89%E7%A8%BF.txt"


# --- GitHub annotations --------------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) (file=[^,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]*)::(.*)$")


def _unescape(text):
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_one_per_finding(run_cli, seed_copy):
    findings = as_json(run_cli, seed_copy)
    code, out, _ = run_cli("check", "--format", "github", seed_copy)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(findings)
    for line, f in zip(lines, findings):
        m = ANNOTATION.match(line)
        assert m, line
        level = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert m.group(1) == level
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert props["file"] == "p124.txt"
        assert (int(props["line"]), int(props["col"])) == (f["line"], f["column"])
        assert (int(props["endLine"]), int(props["endColumn"])) == (f["end_line"], f["end_column"])
        assert _unescape(props["title"]) == f"{f['code']} {f['name']}"
        assert _unescape(m.group(3)) == f["message"]
    # the annual-growth message carries '%': escaped as %25, never a bare '%' GitHub would misread
    c303 = next(line for line in lines if "C303" in line)
    assert "%25" in c303 and not re.search(r"%(?![0-9A-F]{2})", c303)


def test_github_escapes_properties_and_message(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "草稿,第1:2页 100%.txt"
    (tmp_path / name).write_text(DAMAGED, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "github", name)
    (line,) = out.splitlines()
    assert line.startswith("::error file=草稿%2C第1%3A2页 100%25.txt,line=1,col=3,")
    message = line.split("::", 2)[2]
    assert "\n" not in message and "2.000名" in message

    from factlint.report.github import _data, _prop

    assert _data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert _prop("a:b,c%") == "a%3Ab%2Cc%25"


# --- concise, statistics, output ------------------------------------------------------------------

def test_concise_is_one_line_per_finding_then_a_summary(run_cli, seed_copy):
    findings = as_json(run_cli, seed_copy)
    code, out, _ = run_cli("check", "--format", "concise", seed_copy)
    assert code == 1
    lines = out.splitlines()
    body, summary = lines[:len(findings)], lines[len(findings):]
    for line, f in zip(body, findings):
        assert line.startswith(f"p124.txt:{f['line']}:{f['column']}: {f['code']}")
        assert f"[{f['severity']}] {f['message']}" in line
    assert summary[0].startswith(f"Found {len(findings)} findings")
    n101 = next(line for line in body if "2.000名" in line)
    assert " N101 [*] " in n101  # safe fix marker


def test_concise_clean_file(run_cli, tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("全县2,000名贫困群众脱贫。\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "concise", p)
    assert code == 0 and out.strip() == "All clear: no findings in 1 file."


def test_statistics_counts_per_rule(run_cli, seed_copy):
    findings = as_json(run_cli, seed_copy)
    counts = Counter(f["code"] for f in findings)
    code, out, _ = run_cli("check", "--statistics", seed_copy)
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert {r[1]: int(r[0]) for r in rows} == counts
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    names = {f["code"]: f["name"] for f in findings}
    assert all(r[2] == names[r[1]] for r in rows)


@pytest.mark.parametrize("fmt, probe", [
    ("text", "N101"),
    ("concise", "N101"),
    ("json", '"code": "N101"'),
    ("sarif", '"ruleId": "N101"'),
    ("github", "::error file="),
    ("html", "<!DOCTYPE html>"),
])
def test_output_file_gets_the_report_and_stdout_stays_empty(run_cli, seed_copy, tmp_path, fmt, probe):
    target = tmp_path / f"report.{fmt}"
    code, out, _ = run_cli("check", "--format", fmt, "--output", target, seed_copy)
    assert code == 1  # the exit code still tells CI there are findings
    assert out == ""
    content = target.read_text(encoding="utf-8")
    assert probe in content
    assert "\x1b[" not in content  # no terminal colours in files


def test_output_to_an_unwritable_place_is_one_line_error(run_cli, seed_copy, tmp_path):
    code, _, err = run_cli("check", "--output", tmp_path / "no" / "such" / "dir" / "r.txt", seed_copy)
    assert code == 2
    assert "r.txt: cannot write the report" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


# --- JSON text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("check", "--format", "json"),
    ("check", "--format", "sarif"),
    ("extract", "--format", "json"),
])
def test_json_reports_are_indented_by_two_with_chinese_kept(run_cli, seed_copy, args):
    code, out, err = run_cli(*args, seed_copy)
    assert code in (0, 1), err
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    assert "名" in out


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.decimals(allow_nan=False),
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans() | st.none(), inner, max_size=4)),
    max_leaves=30)


@given(json_values)
def test_json_text_is_what_the_standard_library_writes(value):
    from factlint.report import jsonable
    from factlint.report.jsontext import dumps

    assert dumps(value, jsonable) == json.dumps(value, ensure_ascii=False, indent=2, default=jsonable)
