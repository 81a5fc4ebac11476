"""Merging gives the same result in every process (Python salts ``hash`` of strings per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_PROBE = (
    "import json; from geo.extract.merge import _shingles; "
    "print(json.dumps(list(_shingles('Border guards of both states exchanged fire near the "
    "village at dawn, and border guards of both states then withdrew.'))))"
)


def _shingles_in_a_process(seed: str) -> list[int]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_shingles_are_the_same_in_every_process_and_in_text_order():
    runs = [_shingles_in_a_process(seed) for seed in ("1", "2", "3")]
    assert runs[0] == runs[1] == runs[2]
    # each 3-gram once, in the order the text gives them ("border guards of" recurs)
    assert len(runs[0]) == len(set(runs[0]))
    from geo.extract.merge import _shingles

    first = _shingles("Border guards of")
    assert runs[0][0] == first[0]
