"""One smoke test builds every file in data/."""

from __future__ import annotations

from conftest import INSPECTIONS


def test_data_has_inspections():
    assert len(INSPECTIONS) >= 2


def test_every_inspection_builds(built):
    for path in INSPECTIONS:
        html = built / f"{path.stem}.html"
        pdf = built / f"{path.stem}.pdf"
        assert html.stat().st_size > 10_000
        assert pdf.read_bytes().startswith(b"%PDF-1.7")
