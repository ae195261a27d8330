"""End to end on the reference article against a reviewed golden file.

The golden file holds warta's real output, reviewed by a person. After a deliberate change,
regenerate it with ``WARTA_UPDATE_GOLDEN=1 pytest tests/test_golden.py``, read the diff, and
commit it with the change that caused it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import warta

GOLDEN = Path(__file__).parent / "golden" / "seed-article.json"


def test_seed_article_matches_golden(seed_text: str) -> None:
    actual = warta.analyze(seed_text).to_dict(include_raw=False)
    actual["source"] = None
    if os.environ.get("WARTA_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.skip("golden file rewritten; review the diff")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for layer in expected:
        assert actual[layer] == expected[layer], f"layer {layer!r} differs from the golden file"
    assert set(actual) == set(expected)
