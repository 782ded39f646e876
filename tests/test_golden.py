"""Golden HTML for every file in data/, as ``easyread build`` writes it;
``make golden`` regenerates them.

Embedded files (fonts, pictures) are replaced by their SHA-256 so that the
golden files stay readable and a change to an embedded file still shows.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

import pytest
from conftest import INSPECTIONS

from render import build

GOLDEN = Path(__file__).parent / "golden"
DATA_URL = re.compile(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=]+)")


def _stable(html: str) -> str:
    def digest(match: re.Match) -> str:
        sha = hashlib.sha256(match.group(2).encode("ascii")).hexdigest()[:16]
        return f"data:{match.group(1)};sha256={sha}"

    return DATA_URL.sub(digest, html)


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_html_matches_golden(source, request, tmp_path):
    [result] = build([source], tmp_path, formats=("html",))
    assert result.outputs == [tmp_path / f"{source.stem}.html"], result.error
    html = _stable(result.outputs[0].read_text(encoding="utf-8"))
    golden = GOLDEN / f"{source.stem}.html"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), html.splitlines(True), "golden", "now", n=2
            )
        )
        pytest.fail(f"HTML differs from {golden.name} (make golden to accept):\n{diff[:4000]}")
