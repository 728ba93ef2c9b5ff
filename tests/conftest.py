from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "chenghua-yearbook-2021-p124.txt"
SHARED = ROOT.parent / "shared"


def _hypothesis_profiles() -> None:
    """CI runs the property tests derandomized (the same examples every run: a green build stays
    green); elsewhere they explore new examples each run and keep failures in .hypothesis/."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()


def pytest_configure(config):
    """Tests never write a .factlint_cache into the folder pytest runs from."""
    import os
    import tempfile

    os.environ.setdefault("FACTLINT_CACHE_DIR", tempfile.mkdtemp(prefix="factlint-test-cache-"))


@pytest.fixture
def run_cli(capsys):
    """Run `factlint ARGS` in-process; return (exit code, stdout, stderr)."""
    from factlint.cli import main

    def run(*args: str):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
