"""A web address of long Unicode text: refused where it is written if its QR
code could not be read in print (it was a QR 'code length overflow' exception
at the last-resort handler); the longest address accepted makes a QR code
of the usual size."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from render.cli import main
from render.model.fields import MAX_WEB_ADDRESS

GOOD = Path(__file__).resolve().parent / "good.yaml"
HOME = "  url: https://reports.ofsted.gov.uk/\n"


def _with_address(tmp_path: Path, address: str) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    assert HOME in text
    data = tmp_path / "address.yaml"
    data.write_text(text.replace(HOME, f"  url: {address}\n"), encoding="utf-8")
    return data


def test_a_long_unicode_address_is_refused_where_it_is_written(tmp_path):
    data = _with_address(tmp_path, "https://reports.ofsted.gov.uk/" + "é" * 400)
    line = GOOD.read_text(encoding="utf-8").splitlines().index(HOME.rstrip("\n")) + 1
    result = CliRunner().invoke(main, ["build", str(data), "--out", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            f"{data}:{line}:3: error: full_report.url: this web address is 2,430 characters "
            "long once written for the web (letters outside A-Z take 6 each), more than 500: "
            "its QR code would be too fine for a phone to read in print; give a shorter address"
        ],
    )
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_longest_address_accepted_makes_a_qr_code_of_the_usual_size():
    from render.page.drawings import QR_SIZE, qr_code

    figure = qr_code("https://example.org/" + "%C3%A9" * ((MAX_WEB_ADDRESS - 20) // 6))
    assert (figure.width, figure.height) == (QR_SIZE, QR_SIZE)


def test_a_unicode_address_within_the_limit_is_built(tmp_path):
    data = _with_address(tmp_path, "https://reports.ofsted.gov.uk/" + "é" * 75)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(data), "--out", str(out), "-f", "html"])
    assert result.exit_code == 0, result.stderr
    assert "QR code of the web address" in (out / "address.html").read_text(encoding="utf-8")
