"""The data's own pictures: where they may be, what they must be, how they show."""

from __future__ import annotations

import base64
import io
import os
import re
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from render import build, load
from render.errors import InputError
from render.page.drawings import draw_figures
from render.page.html import render_html
from render.page.layouts import find_layout
from render.source.pictures import as_data_url

BASE = """\
title: What the inspectors found
area: Testham
kind: A check of how well children are kept safe
framework: joint-targeted-area-inspection
inspectorates:
  - name: Ofsted
visit: {start: 2017-11-20, end: 2017-11-24}
published: 2018-01-16
audience: {min_age: 8, max_age: 17, who: This is for children who get help.}
about:
  - This is a short summary.
going_well:
  - text: Staff at the hub listen to children.
    picture: {file: pictures/hub.png, alt: Two staff at a desk talk to a girl.}
  - Social workers visit often.
next_steps:
  - The council will make a plan.
full_report: {url: "https://example.org/report"}
talk_to:
  - {who: Childline, how: Phone 0800 1111.}
pictures:
  - {file: PICTURE, alt: The front door of the children's hub.}
"""
HUB_ALT = "Two staff at a desk talk to a girl."
DOOR_ALT = "The front door of the children's hub."
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">{}</svg>'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder with a PNG, a JPEG and an SVG in pictures/."""
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (40, 30), "#336699").save(tmp_path / "pictures" / "hub.png")
    Image.new("RGB", (40, 30), "#996633").save(tmp_path / "pictures" / "door.jpg")
    (tmp_path / "pictures" / "door.svg").write_text(SVG.format('<rect width="4" height="4"/>'))
    return tmp_path


def _write(folder: Path, picture: str, text: str = BASE) -> Path:
    path = folder / "in.yaml"
    path.write_text(text.replace("PICTURE", picture), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in caught.value.problems]


@pytest.mark.parametrize(
    "picture", ["pictures/door.jpg", "pictures/door.svg", "./pictures/door.jpg"]
)
def test_pictures_are_embedded_as_data_urls(folder, picture):
    document = load(_write(folder, picture))
    kind = "image/jpeg" if picture.endswith(".jpg") else "image/svg+xml"
    assert document.pictures[picture] == as_data_url(kind, (folder / picture).read_bytes())
    assert document.pictures["pictures/hub.png"].startswith("data:image/png;base64,iVBORw0KGgo")


def test_a_points_picture_takes_the_place_of_its_icon(folder):
    document = load(_write(folder, "pictures/door.jpg"))
    layout = find_layout("booklet")
    html = render_html(document, layout, draw_figures(document, layout))
    good = html[html.index('id="going-well"') : html.index('id="next"')]
    pictures = re.findall(r'<li class="point">\s*<(img|span) class="pic ([^"]+)"', good)
    assert pictures == [("img", "pic-own"), ("span", "pic-social-worker")]
    hub = base64.b64encode((folder / "pictures" / "hub.png").read_bytes()).decode()
    assert f'src="data:image/png;base64,{hub}" alt="{HUB_ALT}"' in good
    assert 'alt="The front door of the children&#39;s hub."' in html


def test_pictures_are_figures_with_alt_text_in_the_pdf(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    [result] = build([_write(folder, "pictures/door.svg")], out)
    assert result.ok, result.error
    with pikepdf.open(out / "in.pdf") as pdf:
        alts = [str(n.Alt) for n in _structure(pdf.Root.StructTreeRoot) if n.S == "/Figure"]
    assert alts == [DOOR_ALT, HUB_ALT, "QR code of the web address of the full report."]


def _structure(node):
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)


NAMES = [
    (
        "leaves the folder",
        "../door.jpg",
        "'../door.jpg' leaves the data file's folder ('..'): put the picture in that "
        "folder or below it",
    ),
    (
        "absolute",
        "/etc/door.jpg",
        "'/etc/door.jpg' is an absolute path: name the file from the data file's folder, "
        "for example pictures/hub.png",
    ),
    (
        "drive letter",
        "C:/door.jpg",
        "'C:/door.jpg' is an absolute path: name the file from the data file's folder, "
        "for example pictures/hub.png",
    ),
    ("backslash", "pictures\\door.jpg", "'pictures\\door.jpg': write folders with '/', not '\\'"),
    (
        "not a picture type",
        "pictures/door.gif",
        "'pictures/door.gif' is not a picture type easyread embeds: use a .png, .jpg, "
        ".jpeg or .svg file",
    ),
]


@pytest.mark.parametrize(("picture", "message"), [n[1:] for n in NAMES], ids=[n[0] for n in NAMES])
def test_a_picture_name_must_stay_in_the_folder(folder, picture, message):
    path = _write(folder, picture)
    assert _problems(path) == [f"in.yaml:22:6: error: pictures[0].file: {message}"]


def test_alt_text_is_not_the_file_name(folder):
    text = BASE.replace("alt: The front door of the children's hub.", "alt: door.jpg")
    assert _problems(_write(folder, "pictures/door.jpg", text)) == [
        "in.yaml:22:31: error: pictures[0].alt: this is the file name: write what the picture shows"
    ]


def test_alt_text_is_required(folder):
    text = BASE.replace(", alt: The front door of the children's hub.", "")
    assert _problems(_write(folder, "pictures/door.jpg", text)) == [
        "in.yaml:22:5: error: pictures[0].alt: this field is required: add 'alt: ...'"
    ]


def _file_case(folder: Path, name: str, content: bytes | str | None) -> str:
    target = folder / "pictures" / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    elif isinstance(content, str):
        target.write_text(content, encoding="utf-8")
    return f"pictures/{name}"


FILES = [
    (
        "missing",
        "gone.png",
        None,
        "there is no file 'pictures/gone.png' beside the data file: check the name and the folder",
    ),
    (
        "PNG named JPEG",
        "photo.jpg",
        "PNG",
        "'pictures/photo.jpg' is not a JPEG file, whatever its name says: save it again as one",
    ),
    (
        "cut short",
        "cut.png",
        "CUT",
        "'pictures/cut.png' is damaged or too big to open: Truncated File Read",
    ),
    (
        "SVG loads a file",
        "link.svg",
        SVG.format('<image href="https://example.org/x.png"/>'),
        "'pictures/link.svg' links to 'https://example.org/x.png': a picture must not load "
        "other files; embed it or remove the link",
    ),
    (
        "SVG runs a script",
        "run.svg",
        SVG.format("<script>alert(1)</script>"),
        "'pictures/run.svg' has a <script>: easyread embeds only plain pictures, so remove it",
    ),
    (
        "SVG CSS loads a file",
        "css.svg",
        SVG.format('<rect style="fill: url(https://example.org/x)"/>'),
        "'pictures/css.svg' has CSS that loads another file (url() or @import): a picture "
        "must not load other files",
    ),
    (
        "SVG entities",
        "ent.svg",
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("<text>&a;</text>"),
        "'pictures/ent.svg' declares XML entities, which easyread does not allow in SVG "
        "files: save it again without them",
    ),
    (
        "SVG event handler",
        "onload.svg",
        SVG.format('<rect onload="alert(1)"/>'),
        "'pictures/onload.svg' has an event handler (onload) that would run code: easyread "
        "embeds only plain pictures, so remove it",
    ),
    (
        "SVG CSS-escaped url",
        "escaped.svg",
        SVG.format('<rect style="fill: \\75 rl(https://example.org/x)"/>'),
        "'pictures/escaped.svg' has CSS that loads another file (url() or @import): a picture "
        "must not load other files",
    ),
    (
        "SVG fill loads a file",
        "fill.svg",
        SVG.format('<rect fill="url(https://example.org/x#g)"/>'),
        "'pictures/fill.svg' has fill=\"url(https://example.org/x#g)\", which loads another "
        "file: a picture must not load other files; use a colour or url(#id) of its own",
    ),
    (
        "SVG external DTD",
        "dtd.svg",
        '<!DOCTYPE svg SYSTEM "https://example.org/svg.dtd">' + SVG.format("<rect/>"),
        "'pictures/dtd.svg' names a document type or a stylesheet, which a browser could "
        "load from elsewhere: save it again as plain SVG",
    ),
    (
        "SVG stylesheet instruction",
        "pi.svg",
        '<?xml-stylesheet href="https://example.org/x.css"?>' + SVG.format("<rect/>"),
        "'pictures/pi.svg' names a document type or a stylesheet, which a browser could "
        "load from elsewhere: save it again as plain SVG",
    ),
    (
        "SVG uses that repeat uses",
        "laughs.svg",
        SVG.format(
            '<g id="a"><rect/></g><g id="b"><use href="#a"/><use href="#a"/></g>'
            '<g id="c"><use href="#b"/><use href="#b"/></g>'
        ),
        "'pictures/laughs.svg' has a <use> that repeats a part with <use> in it, which can "
        "grow the picture without end: draw that part out in full",
    ),
    (
        "SVG with too many shapes",
        "many.svg",
        SVG.format("<rect/>" * 10_001),
        "'pictures/many.svg' has 10,002 shapes and other elements, more than the 10,000 a "
        "picture may have: simplify it, or save it as a PNG",
    ),
    (
        "SVG own gradient is fine to refer to",
        "fine.svg",
        SVG.format('<rect id="r" fill="url(#g)"/><use href="#r"/>'),
        None,
    ),
    (
        "not SVG",
        "page.svg",
        "<html><body>Hello</body></html>",
        "'pictures/page.svg' is not an SVG picture (no <svg> at the top)",
    ),
    (
        "broken SVG",
        "broken.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'>",
        "'pictures/broken.svg' is not a well-formed SVG file: no element found: line 1, column 40",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), [f[1:] for f in FILES], ids=[f[0] for f in FILES]
)
def test_a_picture_file_must_be_what_it_says(folder, name, content, message):
    hub = (folder / "pictures" / "hub.png").read_bytes()
    content = {"PNG": hub, "CUT": hub[:60]}.get(content, content)  # type: ignore[arg-type]
    data_file = _write(folder, _file_case(folder, name, content))
    if message is None:
        assert load(data_file).pictures
        return
    assert _problems(data_file) == [f"in.yaml:22:6: error: pictures[0].file: {message}"]


def test_a_symbolic_link_may_not_lead_out_of_the_folder(folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes((folder / "pictures" / "hub.png").read_bytes())
    os.symlink(outside, folder / "pictures" / "link.png")
    assert _problems(_write(folder, "pictures/link.png")) == [
        "in.yaml:22:6: error: pictures[0].file: 'pictures/link.png' leads out of the data "
        "file's folder (through a symbolic link): copy the picture into that folder"
    ]


def test_a_symbolic_link_inside_the_folder_is_fine(folder):
    os.symlink(folder / "pictures" / "door.jpg", folder / "pictures" / "same.jpg")
    assert "pictures/same.jpg" in load(_write(folder, "pictures/same.jpg")).pictures


def test_a_picture_too_big_is_refused(folder, monkeypatch):
    monkeypatch.setattr("render.source.pictures.MAX_BYTES", 200)
    big = Image.effect_noise((64, 64), 50).convert("RGB")
    big.save(folder / "pictures" / "big.png")
    size = (folder / "pictures" / "big.png").stat().st_size
    assert size > 200 > (folder / "pictures" / "hub.png").stat().st_size
    assert _problems(_write(folder, "pictures/big.png")) == [
        f"in.yaml:22:6: error: pictures[0].file: 'pictures/big.png' is {size:,} bytes, more "
        "than the limit of 200: make the picture smaller"
    ]


def test_a_picture_that_claims_to_be_huge_is_refused(folder):
    """A PNG whose header claims 20000 x 20000 pixels: too big to decode safely."""
    data = bytearray((folder / "pictures" / "hub.png").read_bytes())
    data[16:24] = struct.pack(">II", 20_000, 20_000)  # IHDR width and height
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    (folder / "pictures" / "huge.png").write_bytes(bytes(data))
    [problem] = _problems(_write(folder, "pictures/huge.png"))
    assert problem.startswith(
        "in.yaml:22:6: error: pictures[0].file: 'pictures/huge.png' is damaged or too big "
        "to open: Image size (400000000 pixels) exceeds limit"
    )


def test_a_points_picture_is_checked_too(folder):
    (folder / "pictures" / "hub.png").unlink()
    assert _problems(_write(folder, "pictures/door.jpg")) == [
        "in.yaml:14:15: error: going_well[0].picture.file: there is no file "
        "'pictures/hub.png' beside the data file: check the name and the folder"
    ]


def test_a_truncated_jpeg_is_refused(folder):
    whole = io.BytesIO()
    Image.new("RGB", (300, 200), "#996633").save(whole, "JPEG")
    (folder / "pictures" / "cut.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    [problem] = _problems(_write(folder, "pictures/cut.jpg"))
    assert problem.startswith(
        "in.yaml:22:6: error: pictures[0].file: 'pictures/cut.jpg' is damaged or too big "
        "to open: image file is truncated"
    )


def test_a_picture_of_too_many_pixels_is_refused_before_decoding(folder):
    # 5,000 by 5,000 one-bit pixels pack into 3 KB
    Image.new("1", (5000, 5000)).save(folder / "pictures" / "huge.png")
    assert _problems(_write(folder, "pictures/huge.png")) == [
        "in.yaml:22:6: error: pictures[0].file: 'pictures/huge.png' is 5,000 by 5,000 "
        "pixels, more than the 16,000,000 pixels a picture may have: make it smaller "
        "(1,000 pixels across is plenty for a page)"
    ]
