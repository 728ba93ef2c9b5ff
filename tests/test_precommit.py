"""pre-commit end to end: a repository that uses this checkout's hooks refuses a commit of a
damaged page (printing the findings) and accepts a clean one.

Uses the real `pre-commit` (test extra). The hook source is a copy of the current working tree
committed in a temporary git repository, so the test exercises the code as it is now, committed
or not. pre-commit builds its own virtualenv and pip-installs that copy (through pip's
configured index), which takes a while the first time: the test is marked slow but runs by default.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("pre_commit", reason="pre-commit not installed (pip install -e '.[test]')")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow

DAMAGED = "成华区第二轮对口帮扶丹巴县共投入财政资金1.32亿元,带动全县12个乡镇2.000名贫困群众脱贫。\n"
CLEAN = "成华区第二轮对口帮扶丹巴县共投入财政资金1.32亿元,带动全县12个乡镇2,000名贫困群众脱贫。\n"
SKIP = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis", "build", "dist", "node_modules",
        ".mypy_cache", ".ruff_cache"}


def _tracked_and_new_files() -> list[Path]:
    """The working tree's files as git sees them (tracked or new, not ignored); else a plain walk."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True, timeout=60).stdout
        names = [n for n in out.decode("utf-8").split("\0") if n]
    except (subprocess.CalledProcessError, OSError):
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if p.is_file() and not SKIP.intersection(p.relative_to(ROOT).parts)]
    return [Path(n) for n in names if (ROOT / n).is_file() and not SKIP.intersection(Path(n).parts)
            and not n.endswith(".egg-info")]


def git(cwd, *args, env, check=True, timeout=120):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check,
                          timeout=timeout)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("precommit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test Editor\n\temail = editor@example.invalid\n"
                         "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    e = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    e.update(GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(base / "cache"),
             NO_COLOR="1", PRE_COMMIT_COLOR="never")
    # the git hook runs pre-commit with the Python that installed it; keep that venv first on PATH
    e["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), e.get("PATH", "")])
    return base, e


@pytest.fixture(scope="module")
def hook_repo(env):
    """A git repository holding a copy of the current working tree, committed."""
    base, e = env
    repo = base / "factlint-hooks"
    for rel in _tracked_and_new_files():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, repo / rel)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git(repo, "init", "-q", env=e)
    git(repo, "add", "-A", env=e)
    git(repo, "commit", "-q", "-m", "factlint under test", env=e)
    rev = git(repo, "rev-parse", "HEAD", env=e).stdout.strip()
    return repo, rev


def make_project(base, e, hook_repo, name, hook_ids):
    repo, rev = hook_repo
    project = base / name
    project.mkdir()
    git(project, "init", "-q", env=e)
    hooks = "".join(f"      - id: {h}\n" for h in hook_ids)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks}", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=e, check=True,
                   capture_output=True, timeout=120)
    git(project, "add", ".pre-commit-config.yaml", env=e)
    return project


def commit(project, e, *files, message="draft"):
    git(project, "add", *files, env=e)
    # the first commit builds the hook's virtualenv (pip install of the hook repo): allow time
    return git(project, "commit", "-m", message, env=e, check=False, timeout=900)


def head(project, e):
    r = git(project, "rev-parse", "--verify", "-q", "HEAD", env=e, check=False)
    return r.stdout.strip() or None


def test_damaged_page_is_refused_and_clean_page_accepted(env, hook_repo):
    base, e = env
    project = make_project(base, e, hook_repo, "yearbook", ["factlint"])
    page = project / "p124.txt"
    page.write_text(DAMAGED, encoding="utf-8")

    refused = commit(project, e, "p124.txt")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "factlint (check figures)" in output and "Failed" in output
    assert "p124.txt:1:" in output and "N101" in output and "2.000名" in output
    assert head(project, e) is None  # nothing was committed
    assert page.read_text(encoding="utf-8") == DAMAGED  # the check hook never edits

    page.write_text(CLEAN, encoding="utf-8")
    accepted = commit(project, e, "p124.txt")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    assert head(project, e) is not None


def test_fix_hook_repairs_the_page_then_the_commit_goes_through(env, hook_repo):
    base, e = env
    project = make_project(base, e, hook_repo, "yearbook-fix", ["factlint-fix"])
    page = project / "p124.txt"
    page.write_text(DAMAGED, encoding="utf-8")

    first = commit(project, e, "p124.txt")
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert page.read_text(encoding="utf-8") == CLEAN
    assert head(project, e) is None

    second = commit(project, e, "p124.txt")  # the editor reviews the fix and stages it
    assert second.returncode == 0, second.stdout + second.stderr


def test_damaged_word_draft_is_refused_and_left_unmodified(env, hook_repo):
    docx = pytest.importorskip("docx", reason="python-docx not installed")
    base, e = env
    project = make_project(base, e, hook_repo, "yearbook-docx", ["factlint-fix"])
    draft = project / "draft.docx"
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.add_paragraph(DAMAGED.strip())
    document.save(str(draft))
    before = draft.read_bytes()

    refused = commit(project, e, "draft.docx")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "draft.docx:2:" in output and "N101" in output  # paragraph 2
    assert "never modified" in output
    assert draft.read_bytes() == before
    assert head(project, e) is None
