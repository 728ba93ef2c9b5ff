import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "chenghua-yearbook-2021-p124.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def run_cli(capsys):
    """Run `factlint ARGS` in-process; return (exit code, stdout, stderr)."""
    from factlint.cli import main

    def run(*args: str):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
