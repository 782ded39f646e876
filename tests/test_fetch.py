"""Nothing is fetched: the PDF fetcher, the page check and a build with no network."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INSPECTIONS, pages

from render import build
from render.cli import main
from render.page.offline import remote_references
from render.page.pdf import Refused, locked_fetcher

GOOD = Path(__file__).resolve().parent / "good.yaml"


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    """An allowed folder with a file, a symlink out of it and one within it."""
    allowed, outside = tmp_path / "allowed", tmp_path / "outside"
    allowed.mkdir()
    outside.mkdir()
    (allowed / "ok.css").write_text("p { color: black }")
    (outside / "secret.txt").write_text("secret")
    (allowed / "escape.css").symlink_to(outside / "secret.txt")
    (allowed / "link-out").symlink_to(outside, target_is_directory=True)
    (allowed / "inside.css").symlink_to(allowed / "ok.css")
    return allowed, outside


NETWORK = (
    "easyread fetches nothing from the network: put the file in the layout folder "
    "and refer to it by its name"
)
OUTSIDE = (
    "easyread reads no file outside the layout folder, fonts/ and the data file's "
    "folder: put the file in the layout folder and refer to it by its name"
)
MISSING = "there is no such file: check the name"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://example.com/style.css", NETWORK),
        ("https://example.com/font.woff2", NETWORK),
        ("ftp://example.com/picture.png", NETWORK),
        ("HTTP://EXAMPLE.COM/SHOUTED.CSS", NETWORK),
        ("gopher://example.com/1", NETWORK),
        ("//example.com/no-scheme.css", NETWORK),
        ("file://example.com{allowed_path}/ok.css", NETWORK),
        ("{outside}/secret.txt", OUTSIDE),
        ("{allowed}/../outside/secret.txt", OUTSIDE),
        ("{allowed}/escape.css", OUTSIDE),
        ("{allowed}/link-out/secret.txt", OUTSIDE),
        ("file:///etc/passwd", OUTSIDE),
        ("{allowed}/missing.css", MISSING),
        ("{allowed}", MISSING),
        ("{allowed}/" + "a" * 300 + ".css", MISSING),  # too long to look up
        ("file:///a%00b", "this is not a file name: check it"),
        ("data:text/plain;base64,a", "this data: URL is not valid base64: check it"),
    ],
)
def test_the_fetcher_refuses(url, reason, folders, no_network):
    allowed, outside = folders
    url = url.format(allowed=allowed.as_uri(), outside=outside.as_uri(), allowed_path=allowed)
    fetcher = locked_fetcher([allowed])
    with pytest.raises(Refused):
        fetcher(url)
    assert fetcher.refused == {url: reason}
    assert no_network == []


@pytest.mark.parametrize(
    ("url", "body", "kind"),
    [
        ("{allowed}/ok.css", b"p { color: black }", "text/css"),
        ("{allowed}/inside.css", b"p { color: black }", "text/css"),
        ("file://localhost{allowed_path}/ok.css", b"p { color: black }", "text/css"),
        ("{allowed}/ok.css?v=2#top", b"p { color: black }", "text/css"),
        ("data:text/plain;base64,aGVsbG8=", b"hello", "text/plain"),
        ("data:,a%20b", b"a b", "text/plain"),
    ],
)
def test_the_fetcher_serves(url, body, kind, folders, no_network):
    allowed, _ = folders
    url = url.format(allowed=allowed.as_uri(), allowed_path=allowed)
    fetcher = locked_fetcher([allowed])
    response = fetcher(url)
    assert (response.read(), response.content_type) == (body, kind)
    assert fetcher.refused == {}


def test_the_network_guard_works(no_network):
    # the guard the other tests rely on: a real request is stopped and recorded
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.com/", timeout=1)
    assert len(no_network) == 1


def test_building_every_inspection_connects_to_nothing(no_network, tmp_path):
    results = build(INSPECTIONS, tmp_path)
    assert [str(r.error) for r in results if not r.ok] == []
    assert len(list(tmp_path.glob("*.pdf"))) == len(INSPECTIONS)
    assert no_network == []


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<img src="http://a.example/x.png" alt="">', ["http://a.example/x.png"]),
        (
            '<img srcset="small.png 1x, https://b.example/big.png 2x" alt="">',
            ["https://b.example/big.png"],
        ),
        ('<link rel="stylesheet" href="//c.example/s.css">', ["//c.example/s.css"]),
        ('<svg><image href="file:///etc/passwd"/></svg>', ["file:///etc/passwd"]),
        ('<video poster="javascript:alert(1)"></video>', ["javascript:alert(1)"]),
        ('<base href="https://d.example/">', ["https://d.example/"]),
        (
            '<meta http-equiv="refresh" content="0; URL=https://e.example/">',
            ["https://e.example/"],
        ),
        (
            '<p style="background: url(ftp://f.example/b.png)">x</p>',
            ["ftp://f.example/b.png"],
        ),
        (
            '<style>@import "https://g.example/a.css";</style>',
            ["https://g.example/a.css"],
        ),
        (
            "<style>p{background:url( 'http://h.example/p.png' )}</style>",
            ["http://h.example/p.png"],
        ),
        (
            '<style>p{background:image-set("http://i.example/1.png" 1x)}</style>',
            ["http://i.example/1.png"],
        ),
        (
            "<style>@font-face{src:url(data:font/ttf;base64,AA)} p{background:url(#x)}</style>",
            [],
        ),
        ('<a href="https://reports.ofsted.gov.uk/">the report</a>', []),
        ('<img src="pictures/visit.png" alt="A visit">', []),
        ("<p>http://j.example/ and url(http://k.example/) as text</p>", []),
    ],
)
def test_remote_references_in_a_page(html, found):
    assert remote_references(f"<!DOCTYPE html><html><body>{html}</body></html>") == found


def _layout(folder: Path, css: str) -> Path:
    """A layout folder with its own stylesheet ``css``."""
    folder.mkdir()
    (folder / "layout.toml").write_text(
        'name = "own"\nentry = "main.html"\nstylesheets = ["base.css", "own.css"]\n'
    )
    (folder / "main.html").write_text(
        '{% extends "base.html" %}\n{% block main %}<h1>{{ doc.title }}</h1>{% endblock %}\n'
    )
    (folder / "own.css").write_text(css)
    return folder


def _build(layout: Path, out: Path, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(layout.parent)
    result = CliRunner().invoke(
        main, ["build", str(GOOD), "--out", str(out), "--layout", layout.name]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_a_layout_asking_the_network_fails(tmp_path, monkeypatch, no_network):
    layout = _layout(
        tmp_path / "own",
        (
            '@import url("https://example.com/more.css");\n'
            "/* a tracking picture */\n"
            'body { background: url("http://example.com/pixel.png"); }\n'
        ),
    )
    code, out, err = _build(layout, tmp_path / "out", monkeypatch)
    end = (
        "when it is opened, and easyread pages fetch nothing: put the file in the "
        "layout folder and use data_url('name') or a file name\n"
    )
    assert code == 2
    assert "wrote " not in out  # the readability line may show; no page
    assert err == (
        f"{layout}/own.css:1:14: error: the page would fetch "
        f"'https://example.com/more.css' {end}"
        f"{layout}/own.css:3:25: error: the page would fetch "
        f"'http://example.com/pixel.png' {end}"
    )
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert no_network == []


def test_a_layout_reading_files_outside_fails(tmp_path, monkeypatch, no_network):
    (tmp_path / "outside.png").write_bytes(b"not shown")
    layout = _layout(
        tmp_path / "own",
        (
            'body { background: url("../outside.png"); }\n'
            'h1 { background: url("escape.png"); }\n'
            '.cover { background: url("missing.png"); }\n'
        ),
    )
    (layout / "escape.png").symlink_to(tmp_path / "outside.png")
    code, out, err = _build(layout, tmp_path / "out", monkeypatch)
    assert code == 2
    assert "wrote " not in out  # the readability line may show; no page
    assert err == (
        f"{layout}/own.css:1:28: error: the page asks for "
        f"'{(tmp_path / 'outside.png').as_uri()}': {OUTSIDE}\n"
        f"{layout}/own.css:2:23: error: the page asks for "
        f"'{(layout / 'escape.png').as_uri()}': {OUTSIDE}\n"
        f"{layout}/own.css:3:27: error: the page asks for "
        f"'{(layout / 'missing.png').as_uri()}': {MISSING}\n"
    )
    assert list((tmp_path / "out").iterdir()) == []
    assert no_network == []


def test_a_layout_with_its_own_files_builds(tmp_path, monkeypatch, no_network):
    layout = _layout(tmp_path / "own", 'h1 { background: url("dot.svg"); }\n')
    (layout / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<circle cx="2" cy="2" r="2"/></svg>'
    )
    code, out, err = _build(layout, tmp_path / "out", monkeypatch)
    assert (code, err) == (0, "")
    assert pages(tmp_path / "out") == [
        "good.html",
        "good.pdf",
    ]
    assert no_network == []


def test_a_layout_may_read_a_file_beside_the_data_file(tmp_path, monkeypatch, no_network):
    data = tmp_path / "data"
    data.mkdir()
    (data / "good.yaml").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4"/>')
    layout = _layout(tmp_path / "own", 'h1 { background: url("../data/dot.svg"); }\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["build", str(data / "good.yaml"), "--out", "out", "--layout", str(layout)]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert pages(tmp_path / "out") == ["good.html", "good.pdf"]
    assert no_network == []
