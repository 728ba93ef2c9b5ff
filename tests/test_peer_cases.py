"""The peer-case conformance score (../shared/peer-cases/numbers.jsonl; not part of the repo)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "peer-cases" / "numbers.jsonl"


@pytest.mark.skipif(not CASES.exists(), reason="peer cases not present")
def test_peer_case_targets():
    spec = importlib.util.spec_from_file_location("score_peer_cases", ROOT / "scripts" / "score_peer_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    result = module.score(CASES)
    right, total = result.overall()
    assert right / total >= 0.90, module.table(result)
    clean, cases = result.no_number()
    assert clean == cases, [f for f in result.failures if f[0] == "no_number"]
