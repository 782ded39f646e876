"""Building many inputs: folders, workers, the manifest, shards and faults."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, INSPECTIONS, ROOT, SAMPLE, pages

from render.batch import MANIFEST, parse_shard, take_shard
from render.cli import main
from render.page import pdf_date
from render.pipeline import TEMP_PREFIX

GOOD = ROOT / "tests" / "good.yaml"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="{}"/></svg>'
)
WITH_PICTURE = (
    "pictures:\n  - file: pictures/hub.svg\n    alt: The building where the team works.\n"
)


def run(*args: str) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def built_names(lines: list[str]) -> list[str]:
    return sorted(
        Path(line.removeprefix("wrote ")).name for line in lines if line.startswith("wrote ")
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two inspections (one showing its own picture), a framework of their own,
    a CI config and a note: only the two inspections are to be built."""
    data = tmp_path / "data"
    (data / "pictures").mkdir(parents=True)
    (data / "pictures" / "hub.svg").write_text(SVG.format(4))
    shutil.copytree(DATA / "frameworks", data / "frameworks")
    (data / "a.yaml").write_text(GOOD.read_text() + WITH_PICTURE)
    (data / "sub").mkdir()
    (data / "sub" / "b.yaml").write_text(GOOD.read_text().replace("Riverside", "Lakeside"))
    (data / "ci.yml").write_text("on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
    (data / "notes.md").write_text("# Notes\n")
    return data


# --- folders -------------------------------------------------------------------


def test_a_folder_means_its_inspections_only(folder, tmp_path):
    code, out, err = run("build", str(folder), "--out", str(tmp_path / "out"), "--format", "html")
    assert (code, err) == (0, [])
    assert built_names(out) == ["a.html", "b.html"]
    assert out[-1].startswith("built 2, up to date 0, failed 0 in ")
    assert pages(tmp_path / "out") == ["a.html", "b.html"]


def test_a_folder_with_no_inspection_is_an_error(tmp_path):
    (tmp_path / "ci.yml").write_text("on: [push]\n")
    code, out, err = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == [
        f"{tmp_path}:1:1: error: there is no inspection file here: easyread "
        "builds inspections (.yaml, .yml, .json)"
    ]


def test_a_bad_file_among_good_ones_stops_nothing(folder, tmp_path):
    (folder / "bad.yaml").write_text(GOOD.read_text().replace("title:", "titel:"))
    code, out, err = run(
        "build", str(folder), "--out", str(tmp_path / "out"), "--format", "html", "--jobs", "2"
    )
    assert code == 2
    assert built_names(out) == ["a.html", "b.html"]
    assert err == [
        f"{folder / 'bad.yaml'}:3:1: error: titel: unknown field 'titel' (did you mean "
        "'title'?): remove it or check the spelling"
    ]
    assert out[-1].startswith("built 2, up to date 0, failed 1 in ")
    assert pages(tmp_path / "out") == ["a.html", "b.html"]


def test_a_worker_that_dies_fails_only_its_own_input(folder, tmp_path, monkeypatch):
    from render import pipeline

    real = pipeline.build_one

    def build_one(path, job):
        if path.stem == "a":
            os._exit(9)  # as if the kernel killed the worker
        return real(path, job)

    monkeypatch.setattr(pipeline, "build_one", build_one)  # the workers are forked from here
    (folder / "c.yaml").write_text(GOOD.read_text().replace("Riverside", "Hillside"))
    code, out, err = run(
        "build", str(folder), "--out", str(tmp_path / "out"), "--format", "html", "--jobs", "2"
    )
    assert code == 2
    assert built_names(out) == ["b.html", "c.html"]
    assert len(err) == 1 and err[0].startswith(f"{folder / 'a.yaml'}: error: the worker process")


# --- reproducible --------------------------------------------------------------


def test_two_builds_of_data_in_different_folders_are_byte_identical(tmp_path):
    elsewhere = tmp_path / "somewhere" / "else" / "data"
    shutil.copytree(DATA, elsewhere)
    first, second = tmp_path / "one", tmp_path / "two" / "deeper"
    assert run("build", str(DATA), "--out", str(first))[0] == 0
    assert run("build", str(elsewhere), "--out", str(second), "--jobs", "1")[0] == 0
    names = pages(first)
    assert names == sorted(f"{p.stem}.{fmt}" for p in INSPECTIONS for fmt in ("html", "pdf"))
    assert names == pages(second)
    for name in names:
        data = (first / name).read_bytes()
        assert data == (second / name).read_bytes(), name
        for folder in (str(tmp_path).encode(), b"/tmp/", str(ROOT).encode()):
            assert folder not in data, (name, folder)


def test_the_pdf_date_comes_from_the_data_or_source_date_epoch():
    import datetime as dt

    published = dt.date(2013, 2, 15)
    assert pdf_date(published, {}) == "2013-02-15"
    assert pdf_date(None, {}) is None
    assert pdf_date(published, {"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20Z"


def test_a_bad_source_date_epoch_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, out, err = run("build", str(GOOD), "--out", str(tmp_path))
    assert code == 2
    assert err == [
        f"{GOOD}: error: SOURCE_DATE_EPOCH is 'yesterday': set it to whole seconds since 1970"
    ]
    assert pages(tmp_path) == []


def test_source_date_epoch_is_the_pdf_date(tmp_path, monkeypatch):
    import pikepdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("build", str(GOOD), "--out", str(tmp_path), "--format", "pdf")[0] == 0
    with pikepdf.open(tmp_path / "good.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114221320")
        assert str(pdf.docinfo["/ModDate"]).startswith("D:20231114221320")
        assert "2023-11-14T22:13:20" in str(pdf.open_metadata())


# --- atomic under SIGKILL ------------------------------------------------------


def _wait_for(out: Path, prefix: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.name.startswith(prefix) for p in out.iterdir()):
            return
        if process.poll() is not None:
            pytest.fail(f"the build ended before it wrote the PDF: {process.returncode}")
        time.sleep(0.01)
    pytest.fail("the build never started the PDF")


def test_sigkill_in_the_middle_of_a_pdf_leaves_no_output_and_the_next_build_completes(tmp_path):
    source = SAMPLE
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "render", "build", str(source), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(out, f"{TEMP_PREFIX}{source.stem}.pdf.", process)
        time.sleep(0.3)  # WeasyPrint is laying the pages out
        assert process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        process.kill()
    assert process.returncode == -signal.SIGKILL
    left = sorted(p.name for p in out.iterdir())
    assert left and all(name.startswith(TEMP_PREFIX) for name in left)  # no page, no manifest
    code, stdout, err = run("build", str(source), "--out", str(out))
    assert (code, err) == (0, [])
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MANIFEST, f"{source.stem}.html", f"{source.stem}.pdf"]
    )
    assert (out / f"{source.stem}.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / f"{source.stem}.pdf").read_bytes().rstrip().endswith(b"%%EOF")


# --- the manifest --------------------------------------------------------------


def _statuses(folder: Path, out: Path, *extra: str) -> dict[str, str]:
    code, lines, err = run("build", str(folder), "--out", str(out), "--format", "html", *extra)
    assert (code, err) == (0, [])
    status = {}
    for line in lines:
        if line.startswith("wrote "):
            status[Path(line.removeprefix("wrote ")).stem] = "built"
        elif line.endswith(": up to date"):
            status[Path(line.removesuffix(": up to date")).stem] = "current"
    return status


def test_the_manifest_skips_what_is_up_to_date_and_rebuilds_what_changed(folder, tmp_path):
    out = tmp_path / "out"
    assert _statuses(folder, out) == {"a": "built", "b": "built"}
    assert _statuses(folder, out) == {"a": "current", "b": "current"}
    assert sorted(json.loads((out / MANIFEST).read_text())["entries"]) == ["a", "b"]
    # a.yaml shows the picture: only a is rebuilt
    (folder / "pictures" / "hub.svg").write_text(SVG.format(3))
    assert _statuses(folder, out) == {"a": "built", "b": "current"}
    # an input changed
    text = folder / "sub" / "b.yaml"
    text.write_text(text.read_text().replace("Lakeside", "Seaside"))
    assert _statuses(folder, out) == {"a": "current", "b": "built"}
    # a framework beside a.yaml (sub/b.yaml has none beside it: it uses the bundled one)
    framework = folder / "frameworks" / "ilacs.yaml"
    framework.write_text(framework.read_text() + "\n# a comment\n")
    assert _statuses(folder, out) == {"a": "built", "b": "current"}
    # an output changed or removed since
    (out / "a.html").write_text("changed")
    (out / "b.html").unlink()
    assert _statuses(folder, out) == {"a": "built", "b": "built"}
    # --force, and other options
    assert _statuses(folder, out, "--force") == {"a": "built", "b": "built"}
    assert _statuses(folder, out) == {"a": "current", "b": "current"}
    assert _statuses(folder, out, "--strict") == {"a": "built", "b": "built"}


def test_a_changed_template_or_stylesheet_rebuilds_the_inputs_of_its_layout(folder, tmp_path):
    layout = tmp_path / "layout"
    shutil.copytree(ROOT / "layouts" / "booklet", layout)
    out = tmp_path / "out"
    assert _statuses(folder, out, "--layout", str(layout)) == {"a": "built", "b": "built"}
    assert _statuses(folder, out, "--layout", str(layout)) == {"a": "current", "b": "current"}
    (layout / "layout.css").write_text((layout / "layout.css").read_text() + "\n/* x */\n")
    assert _statuses(folder, out, "--layout", str(layout)) == {"a": "built", "b": "built"}
    (layout / "main.html").write_text((layout / "main.html").read_text() + "\n")
    assert _statuses(folder, out, "--layout", str(layout)) == {"a": "built", "b": "built"}
    # the bundled layout is another layout: everything again
    assert _statuses(folder, out) == {"a": "built", "b": "built"}


def test_a_failed_build_keeps_the_manifest_and_the_earlier_pages(folder, tmp_path):
    out = tmp_path / "out"
    assert _statuses(folder, out) == {"a": "built", "b": "built"}
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "a.yaml").write_text(GOOD.read_text().replace("title:", "titel:"))
    code, lines, err = run("build", str(folder), "--out", str(out), "--format", "html")
    assert code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert lines[-1].startswith("built 0, up to date 1, failed 1 in ")


# --- shards --------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_the_shards_hold_every_input_exactly_once(count):
    inputs = [Path(f"folder{i % 3}/inspection-{i:03}.yaml") for i in range(41)]
    shares = [take_shard(inputs, k, count) for k in range(1, count + 1)]
    together = [p for share in shares for p in share]
    assert sorted(together) == sorted(inputs)
    assert len(together) == len(set(together))
    assert max(map(len, shares)) - min(map(len, shares)) <= 1
    # the same on every runner, whatever order the inputs were found in
    assert shares == [take_shard(inputs[::-1], k, count) for k in range(1, count + 1)]


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_a_shard_must_be_k_of_n(text, tmp_path):
    with pytest.raises(ValueError):
        parse_shard(text)
    code, out, err = run("build", str(GOOD), "--out", str(tmp_path), "--shard", text)
    assert code == 2
    assert "Invalid value for '--shard'" in "\n".join(err)


def test_two_shards_build_the_folder_between_them(folder, tmp_path):
    code, first, _ = run(
        "build", str(folder), "--out", str(tmp_path / "1"), "--format", "html", "--shard", "1/2"
    )
    assert code == 0
    code, second, _ = run(
        "build", str(folder), "--out", str(tmp_path / "2"), "--format", "html", "--shard", "2/2"
    )
    assert code == 0
    assert (built_names(first), built_names(second)) == (["a.html"], ["b.html"])
