"""The result cache: keys, entries that cannot be used, and a warm run that says what a cold run says."""

import pickle

import pytest

from factlint import cache
from factlint.engine import check_document
from factlint.settings import Settings
from factlint.source import SourceDocument, document_from_bytes

DAMAGED = "全县2.000名贫困群众脱贫,共投入财政资金1.32亿元。\n"
OTHER = "全县2.245户8.564人贫困群众全部脱贫。\n"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty folder, so the cache lands in tmp_path/.factlint_cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTLINT_CACHE_DIR", raising=False)
    return tmp_path


def doc_of(text: str, path: str = "a.txt", encoding: str = "utf-8") -> SourceDocument:
    return document_from_bytes(text.encode(encoding), path)


# -- keys ------------------------------------------------------------------------------------

def test_cache_dir_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"


def test_key_is_stable():
    assert cache.cache_key(b"abc", Settings()) == cache.cache_key(b"abc", Settings())
    assert cache.document_key(doc_of(DAMAGED), Settings()) == cache.document_key(doc_of(DAMAGED), Settings())


@pytest.mark.parametrize("change", [
    pytest.param(lambda d, s: (doc_of(DAMAGED.replace("2.000", "2.001")), s), id="content"),
    pytest.param(lambda d, s: (doc_of(DAMAGED, "b.txt"), s), id="path"),
    pytest.param(lambda d, s: (doc_of(DAMAGED, "a.md"), s), id="format"),
    pytest.param(lambda d, s: (doc_of(DAMAGED, encoding="gb18030"), s), id="encoding"),
    pytest.param(lambda d, s: (doc_of(DAMAGED.replace("\n", "\r\n")), s), id="newlines"),
    pytest.param(lambda d, s: (d, Settings(select=("N",))), id="select"),
    pytest.param(lambda d, s: (d, Settings(separator_style="none")), id="separator-style"),
    pytest.param(lambda d, s: (d, Settings(layout="plain")), id="layout"),
    pytest.param(lambda d, s: (d, Settings(rule_overrides={"N101": {"severity": "info", "params": {}}})), id="override"),
])
def test_key_changes_with_everything_the_result_depends_on(change):
    doc, settings = doc_of(DAMAGED), Settings()
    assert cache.document_key(*change(doc, settings)) != cache.document_key(doc, settings)


def test_key_changes_with_the_python_version_and_the_rules(monkeypatch):
    before = cache.cache_key(b"x", Settings())
    monkeypatch.setattr(cache.sys, "version", "3.99.0 (imaginary)")
    cache._code_fingerprint.cache_clear()
    try:
        assert cache.cache_key(b"x", Settings()) != before
    finally:
        monkeypatch.undo()
        cache._code_fingerprint.cache_clear()
    monkeypatch.setattr(cache, "_rules_fingerprint", lambda: "edited rules")
    assert cache.cache_key(b"x", Settings()) != before


# -- entries ---------------------------------------------------------------------------------

def test_store_then_load_round_trips_and_marks_the_folder(in_tmp):
    result = check_document(doc_of(DAMAGED))
    key = cache.document_key(result.doc, Settings())
    again = doc_of(DAMAGED)  # the document as read again by the warm run, which computes the key
    assert cache.load(key, again, Settings()) is None
    assert cache.store(key, result)
    loaded = cache.load(key, again, Settings())
    assert loaded is not None and loaded.findings == result.findings and loaded.findings
    assert loaded.unused_suppressions == result.unused_suppressions and loaded.settings == result.settings
    assert loaded.doc is again and loaded.view is None and loaded.mentions == []  # lean, as a --jobs result
    for got, made in zip(loaded.findings, result.findings):  # the same records, of the same types
        assert type(got) is type(made) and type(got.location.span) is type(made.location.span)
        assert repr(got) == repr(made) and hash(got.location.span) == hash(made.location.span)
    root = in_tmp / ".factlint_cache"
    assert (root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not [p for p in (root / cache.FORMAT).iterdir() if p.suffix == ".tmp"]


def test_findings_pickle_alike_whether_read_or_not():
    """A finding's related locations and sentence are worked out when first read: pickled before
    any read, findings give the bytes they give once every field has been read."""
    text = "丹巴县GDP从2017年的15.31亿元增长至2020年的21.91亿元,年均增长10.8%;\n" + DAMAGED
    unread = check_document(doc_of(text)).findings
    read = check_document(doc_of(text)).findings
    assert [repr(f) for f in read] and any(f.related for f in read) and all(f.context for f in read)
    assert cache.dumps(unread) == cache.dumps(read)
    assert pickle.loads(cache.dumps(read)) == read


def _entry(key):
    return cache.cache_dir() / cache.FORMAT / f"{key}.pickle"


@pytest.mark.parametrize("damage", [
    pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
    pytest.param(lambda b: b[:-10] + bytes(10), id="bytes-changed"),
    pytest.param(lambda b: b"", id="empty"),
    pytest.param(lambda b: b"not a cache entry at all", id="garbage"),
    pytest.param(lambda b: cache.MAGIC + cache._digest(b"\x80\x05junk") + b"\x80\x05junk", id="bad-pickle"),
    pytest.param(lambda b: cache.MAGIC + cache._digest(pickle.dumps([1, 2])) + pickle.dumps([1, 2]), id="wrong-type"),
])
def test_damaged_entries_are_ignored(in_tmp, damage):
    result = check_document(doc_of(DAMAGED))
    key = cache.document_key(result.doc, Settings())
    cache.store(key, result)
    path = _entry(key)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load(key, result.doc, Settings()) is None


def test_unreadable_entry_is_a_miss(in_tmp):
    key = "0" * 64
    _entry(key).parent.mkdir(parents=True)
    _entry(key).mkdir()  # a folder where the entry should be: reading it fails
    assert cache.load(key, doc_of(DAMAGED), Settings()) is None


def test_unwritable_cache_is_skipped_silently(in_tmp):
    (in_tmp / ".factlint_cache").write_text("a file, not a folder")
    result = check_document(doc_of(DAMAGED))
    assert cache.store("1" * 64, result) is False
    assert cache.load("1" * 64, result.doc, Settings()) is None


# -- the CLI ---------------------------------------------------------------------------------

@pytest.fixture
def spy(monkeypatch):
    """Counts check_document calls (the CLI imports it from factlint.engine at call time)."""
    import factlint.engine

    calls = []
    real = factlint.engine.check_document

    def counting(doc, settings=Settings()):
        calls.append(doc.path)
        return real(doc, settings)

    monkeypatch.setattr(factlint.engine, "check_document", counting)
    return calls


@pytest.mark.parametrize("fmt", ["text", "json", "concise", "html", "sarif", "github"])
def test_warm_run_says_what_the_cold_run_said(in_tmp, run_cli, spy, fmt):
    (in_tmp / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (in_tmp / "b.md").write_text(OTHER, encoding="utf-8")
    cold = run_cli("check", "--format", fmt, in_tmp / "a.txt", in_tmp / "b.md")
    assert len(spy) == 2
    warm = run_cli("check", "--format", fmt, in_tmp / "a.txt", in_tmp / "b.md")
    assert len(spy) == 2, "the warm run checked again"
    assert warm == cold
    assert cold[0] == 1


def test_changing_a_file_invalidates_its_entry_only(in_tmp, run_cli, spy):
    (in_tmp / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (in_tmp / "b.txt").write_text(OTHER, encoding="utf-8")
    a, b = in_tmp / "a.txt", in_tmp / "b.txt"
    run_cli("check", a, b)
    a.write_text(DAMAGED.replace("2.000名", "2,000名"), encoding="utf-8")
    spy.clear()
    code, out, _ = run_cli("check", "--format", "concise", a, b)
    assert spy == [str(a)]
    assert "a.txt:1:3" not in out and "b.txt:1:3" in out


def test_changing_a_setting_invalidates(in_tmp, run_cli, spy):
    a = in_tmp / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    assert run_cli("check", a)[0] == 1
    assert run_cli("check", "--ignore", "N101", a)[0] == 0
    assert len(spy) == 2
    config = in_tmp / "factlint.toml"
    config.write_text('ignore = ["N"]\n')
    assert run_cli("check", "--config", config, a)[0] == 0
    assert len(spy) == 3
    config.write_text('ignore = ["C"]\n')
    assert run_cli("check", "--config", config, a)[0] == 1
    assert len(spy) == 4


def test_no_cache_neither_reads_nor_writes(in_tmp, run_cli, spy):
    a = in_tmp / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    run_cli("check", "--no-cache", a)
    assert not (in_tmp / ".factlint_cache").exists()
    run_cli("check", a)
    run_cli("check", "--no-cache", a)
    assert len(spy) == 3


@pytest.mark.parametrize("flag", ["--fix", "--diff"])
def test_fix_and_diff_never_use_the_cache(in_tmp, run_cli, spy, flag):
    a = in_tmp / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    run_cli("check", a)
    spy.clear()
    code, out, err = run_cli("check", flag, a)
    assert spy and spy[0] == str(a)
    fixed = (in_tmp / "a.txt").read_text(encoding="utf-8")
    assert ("2,000名" in fixed) == (flag == "--fix")
    assert flag == "--fix" or "+全县2,000名" in out


def test_damaged_cache_entry_is_rechecked_and_rewritten(in_tmp, run_cli, spy):
    a = in_tmp / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    cold = run_cli("check", a)
    for entry in (in_tmp / ".factlint_cache" / cache.FORMAT).iterdir():
        entry.write_bytes(b"garbage")
    assert run_cli("check", a) == cold
    assert len(spy) == 2
    assert run_cli("check", a) == cold
    assert len(spy) == 2


def test_parallel_jobs_share_the_cache(in_tmp, run_cli, spy):
    for i in range(4):
        (in_tmp / f"f{i}.txt").write_text(DAMAGED if i % 2 else OTHER, encoding="utf-8")
    cold = run_cli("check", "--jobs", "2", in_tmp)
    entries = list((in_tmp / ".factlint_cache" / cache.FORMAT).iterdir())
    assert len(entries) == 4 and not [e for e in entries if e.suffix == ".tmp"]
    assert run_cli("check", in_tmp) == cold
    assert not spy  # the jobs checked in other processes; this warm run read every result from the cache


def test_parallel_jobs_check_only_the_files_the_cache_does_not_hold(in_tmp, run_cli, spy):
    for i in range(4):
        (in_tmp / f"f{i}.txt").write_text(DAMAGED if i % 2 else OTHER, encoding="utf-8")
    run_cli("check", "--jobs", "2", in_tmp)
    (in_tmp / "f2.txt").write_text(DAMAGED + OTHER, encoding="utf-8")
    warm = run_cli("check", "--jobs", "2", in_tmp)
    assert [p.rsplit("/", 1)[-1] for p in spy] == ["f2.txt"]  # the three unchanged files came from the cache
    assert warm == run_cli("check", "--no-cache", in_tmp)


# -- factlint clean ----------------------------------------------------------------------------

def test_clean_empties_the_cache_of_every_format_and_the_next_run_checks_again(in_tmp, run_cli, spy):
    (in_tmp / "a.txt").write_text(DAMAGED, encoding="utf-8")
    cold = run_cli("check", in_tmp / "a.txt")
    old = in_tmp / ".factlint_cache" / "v1"  # left by an earlier factlint, whose entries no run reads
    old.mkdir()
    (old / "0123.pickle").write_bytes(b"factlint-cache v1\n...")
    code, out, err = run_cli("clean")
    assert (code, out) == (0, "")
    assert "Removed 2 cache entries" in err
    assert not (in_tmp / ".factlint_cache").exists()
    spy.clear()
    assert run_cli("check", in_tmp / "a.txt") == cold and len(spy) == 1  # checked again, not served


def test_clean_leaves_what_factlint_did_not_write(in_tmp, run_cli):
    (in_tmp / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run_cli("check", in_tmp / "a.txt")
    mine = in_tmp / ".factlint_cache" / "notes.md"
    mine.write_text("keep me", encoding="utf-8")
    code, _, err = run_cli("clean")
    assert code == 0 and "Removed 1 cache entry" in err
    assert mine.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in (in_tmp / ".factlint_cache").iterdir()] == ["notes.md"]


def test_clean_without_a_cache_removes_nothing(in_tmp, run_cli):
    code, _, err = run_cli("clean")
    assert code == 0 and "Removed 0 cache entries" in err
