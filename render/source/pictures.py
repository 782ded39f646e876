"""The user's own pictures: files beside the data file, embedded as data: URLs.

``model/document.py`` already refused names that are absolute or use ``..``; here the
file itself is checked: it must resolve inside the data file's folder (a
symbolic link may not lead out of it), be small enough, and really be the
PNG, JPEG or SVG picture its name says. An SVG may not load anything from
outside itself, so the page stays self-contained.
"""

from __future__ import annotations

import base64
import io
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import is_dir, is_file

# File types a data file may name as its own pictures.
PICTURE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_BYTES = 5_000_000
# A picture beside a sentence has tens of elements (the bundled ones at most
# a few hundred); 170,000 shapes took WeasyPrint a minute and 1.7 GB.
MAX_SVG_ELEMENTS = 10_000
MAX_SVG_USES = 1_000
# 4,000 by 4,000: many times what a page shows, checked before decoding.
MAX_PIXELS = 16_000_000
SVG_NS = "http://www.w3.org/2000/svg"
_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}
_PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# CSS in an SVG that would load another file
_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?(?!#|data:)", re.IGNORECASE)


class PictureError(ValueError):
    """A picture file cannot be used; the message says why, in plain words."""


def embed_picture(folder: Path, name: str, beside: str = "the data file") -> str:
    """The file ``name`` in ``folder`` (the folder of ``beside``) as a
    ``data:`` URL, once checked."""
    path = find_picture(folder, name, beside)
    data = _read(path, name)
    kind = PICTURE_TYPES[path.suffix.lower()]
    if kind == "image/svg+xml":
        _check_svg(data, name)
    else:
        _check_bitmap(data, kind, name)
    return as_data_url(kind, data)


def as_data_url(kind: str, payload: bytes) -> str:
    """``payload`` as a base64 ``data:`` URL of media type ``kind``."""
    return f"data:{kind};base64,{base64.b64encode(payload).decode('ascii')}"


def find_picture(folder: Path, name: str, beside: str = "the data file") -> Path:
    """The file ``name`` in ``folder`` (the folder of ``beside``): it must be
    a file there, named from there, not leading out."""
    root = folder.resolve()
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise PictureError(
            f"'{name}' is not a name in {beside}'s folder: copy the picture "
            'into that folder and give its name, such as "logo.png"'
        )
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise PictureError(
            f"'{name}' leads out of {beside}'s folder "
            "(through a symbolic link): copy the picture into that folder"
        )
    if not is_file(path):
        if is_dir(path):
            raise PictureError(f"'{name}' is a folder: name a picture file in it")
        raise PictureError(
            f"there is no file '{name}' beside {beside}: check the name and the folder"
        )
    return path


def _read(path: Path, name: str) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise PictureError(
            f"'{name}' is {size:,} bytes, more than the limit of "
            f"{MAX_BYTES:,}: make the picture smaller"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PictureError(f"cannot read '{name}': {exc.strerror}") from None


def _check_bitmap(data: bytes, kind: str, name: str) -> None:
    from PIL import Image  # Pillow comes with WeasyPrint

    if not data.startswith(_SIGNATURES[kind]):
        raise PictureError(
            f"'{name}' is not a {_PILLOW_FORMATS[kind]} file, "
            "whatever its name says: save it again as one"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]]) as image:
                _check_pixels(image.size, name)  # from the header, before decoding
                image.verify()
            if kind == "image/jpeg":  # verify() reads no JPEG data: decode it all
                _decode_whole_jpeg(data)
    except PictureError:
        raise
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as exc:
        raise PictureError(f"'{name}' is damaged or too big to open: {exc}") from None


def _decode_whole_jpeg(data: bytes) -> None:
    from PIL import Image, ImageFile

    # WeasyPrint, once imported, tells Pillow to accept truncated files
    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:
            image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting


def _check_pixels(size: tuple[int, int], name: str) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        raise PictureError(
            f"'{name}' is {width:,} by {height:,} pixels, more than the "
            f"{MAX_PIXELS:,} pixels a picture may have: make it smaller "
            "(1,000 pixels across is plenty for a page)"
        )


def _check_svg(data: bytes, name: str) -> None:
    if b"<!ENTITY" in data:
        raise PictureError(
            f"'{name}' declares XML entities, which easyread does not "
            "allow in SVG files: save it again without them"
        )
    if b"<!DOCTYPE" in data or b"<?xml-stylesheet" in data:
        raise PictureError(
            f"'{name}' names a document type or a stylesheet, which a browser "
            "could load from elsewhere: save it again as plain SVG"
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise PictureError(f"'{name}' is not a well-formed SVG file: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PictureError(f"'{name}' is not an SVG picture (no <svg> at the top)")
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        raise PictureError(
            f"'{name}' has {len(elements):,} shapes and other elements, more than "
            f"the {MAX_SVG_ELEMENTS:,} a picture may have: simplify it, or save it as a PNG"
        )
    for element in elements:
        reason = _not_plain(element)
        if reason:
            raise PictureError(f"'{name}' {reason}")
    reason = _repeats_repeats(elements)
    if reason:
        raise PictureError(f"'{name}' {reason}")


def _repeats_repeats(elements: list[ET.Element]) -> str | None:
    """Why the ``<use>`` elements could grow the picture without end, if they could.

    A ``<use>`` draws another element again; one that draws a part with
    ``<use>`` in it multiplies, and a few levels of that make billions of
    shapes from a small file. So a ``<use>`` may draw only plain shapes.
    """
    uses = [e for e in elements if _tag(e) == "use"]
    if len(uses) > MAX_SVG_USES:
        return f"repeats parts of itself {len(uses):,} times (<use>), more than {MAX_SVG_USES:,}"
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    for use in uses:
        target = by_id.get(_href(use).removeprefix("#"))
        if target is not None and any(_tag(e) == "use" for e in target.iter()):
            return (
                "has a <use> that repeats a part with <use> in it, which can grow "
                "the picture without end: draw that part out in full"
            )
    return None


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _href(element: ET.Element) -> str:
    return next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "href"), "")


def _css_unescaped(css: str) -> str:
    """CSS with its escapes undone: ``\\75 rl(`` is ``url(``."""
    return re.sub(
        r"\\([0-9a-fA-F]{1,6})\s?|\\(.)",
        lambda m: chr(int(m[1], 16)) if m[1] and int(m[1], 16) < 0x110000 else (m[2] or ""),
        css,
    )


def _not_plain(element: ET.Element) -> str | None:
    """Why ``element`` could run code or load another file, if it could."""
    tag = _tag(element)
    if tag in {"script", "foreignObject"}:
        return f"has a <{tag}>: easyread embeds only plain pictures, so remove it"
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1]
        if local.lower().startswith("on"):
            return (
                f"has an event handler ({local}) that would run code: easyread "
                "embeds only plain pictures, so remove it"
            )
        if local == "href" and not value.startswith(("#", "data:")):
            return (
                f"links to '{value[:60]}': a picture must not load other files; "
                "embed it or remove the link"
            )
        if local != "style" and _CSS_FETCH.search(_css_unescaped(value)):
            return (
                f'has {local}="{value[:60]}", which loads another file: a picture '
                "must not load other files; use a colour or url(#id) of its own"
            )
    css = element.get("style", "") + (element.text or "" if tag == "style" else "")
    if _CSS_FETCH.search(_css_unescaped(css)):
        return (
            "has CSS that loads another file (url() or @import): "
            "a picture must not load other files"
        )
    return None
