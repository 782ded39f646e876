"""Reading a user's file: only regular files, never more than a limit, UTF-8.

Every input (data files, documents, settings) is read here, so the same
limits and the same messages hold for all of them.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from ..errors import InputError

MAX_BYTES = 2_000_000
# The highest --max-bytes: a file is read whole and its source map kept in
# memory, so a larger limit would let one input take the machine's memory.
MAX_BYTES_LIMIT = 100_000_000
# Settings, layout.toml, picture rules and word lists: the longest we ship
# is 11 KB; a megabyte is far more than any project needs.
SETTINGS_MAX_BYTES = 1_000_000
_RAISE_IT = "split it, or raise the limit with --max-bytes"

_OTHER_ENCODINGS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


def read_text(path: Path, max_bytes: int = MAX_BYTES, advice: str = _RAISE_IT) -> str:
    """The text of the file at ``path``, or an ``InputError`` that says why not
    (``advice``: what to do about a file over the limit)."""
    return _decode(path, _read_bytes(path, max_bytes, advice))


def read_setting_text(path: Path) -> str:
    """The text of a settings file, word list, ``layout.toml`` or picture rules."""
    advice = "a file of settings or words needs far less: is it the right file?"
    return read_text(path, SETTINGS_MAX_BYTES, advice)


def _read_bytes(path: Path, max_bytes: int, advice: str = _RAISE_IT) -> bytes:
    """The file's bytes; never reads more than ``max_bytes`` (plus one)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            # a pipe would wait for ever, a device never end
            raise InputError.single(path, "this is not a regular file (a device, pipe or socket)")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError.single(path, "no such file: check the name") from None
    except IsADirectoryError:
        raise InputError.single(path, "this is a folder, not a file") from None
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise InputError.single(path, f"cannot read the file: {reason}") from None
    if len(raw) > max_bytes:
        size = path.stat().st_size if path.is_file() else 0
        told = f"{size:,} bytes" if size > max_bytes else f"more than {max_bytes:,} bytes"
        raise InputError.single(
            path,
            f"the file is {told}, more than the limit of {max_bytes:,}: {advice}",
        )
    return raw


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark."""
    for bom, name in _OTHER_ENCODINGS:
        if raw.startswith(bom):
            raise InputError.single(
                path, f"the file is saved as {name}: save it as UTF-8 in your editor"
            )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise InputError.single(
            path,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text: save the file as UTF-8 in your editor",
            line,
            col,
        ) from None
