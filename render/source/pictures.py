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
SVG_NS = "http://www.w3.org/2000/svg"
_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}
_PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# CSS in an SVG that would load another file
_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?(?!#|data:)", re.IGNORECASE)


class PictureError(ValueError):
    """A picture file cannot be used; the message says why, in plain words."""


def embed_picture(folder: Path, name: str) -> str:
    """The file ``name`` in ``folder`` as a ``data:`` URL, once checked."""
    path = find_picture(folder, name)
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


def find_picture(folder: Path, name: str) -> Path:
    """The file ``name`` in ``folder``: it must be a file there, not leading out."""
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise PictureError(
            f"'{name}' leads out of the data file's folder "
            "(through a symbolic link): copy the picture into that folder"
        )
    if not is_file(path):
        if is_dir(path):
            raise PictureError(f"'{name}' is a folder: name a picture file in it")
        raise PictureError(
            f"there is no file '{name}' beside the data file: check the name and the folder"
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
                image.verify()
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as exc:
        raise PictureError(f"'{name}' is damaged or too big to open: {exc}") from None


def _check_svg(data: bytes, name: str) -> None:
    if b"<!ENTITY" in data:
        raise PictureError(
            f"'{name}' declares XML entities, which easyread does not "
            "allow in SVG files: save it again without them"
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise PictureError(f"'{name}' is not a well-formed SVG file: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PictureError(f"'{name}' is not an SVG picture (no <svg> at the top)")
    for element in root.iter():
        reason = _not_plain(element)
        if reason:
            raise PictureError(f"'{name}' {reason}")


def _not_plain(element: ET.Element) -> str | None:
    """Why ``element`` could run code or load another file, if it could."""
    tag = element.tag.rsplit("}", 1)[-1]
    if tag in {"script", "foreignObject"}:
        return f"has a <{tag}>: easyread embeds only plain pictures, so remove it"
    for attribute, value in element.attrib.items():
        if attribute.rsplit("}", 1)[-1] == "href" and not value.startswith(("#", "data:")):
            return (
                f"links to '{value[:60]}': a picture must not load other files; "
                "embed it or remove the link"
            )
    css = element.get("style", "") + (element.text or "" if tag == "style" else "")
    if _CSS_FETCH.search(css):
        return (
            "has CSS that loads another file (url() or @import): "
            "a picture must not load other files"
        )
    return None
