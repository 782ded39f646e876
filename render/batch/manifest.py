"""What each output was made from, kept in the output folder.

The manifest (``.easyread-manifest.json``) holds, for each input built, a
hash of every file its outputs were made from (the input, its framework,
its own pictures), one hash of the layout's files (templates, stylesheets,
``layout.toml``, the pictures and their rules, the fonts), one of the
options (easyread's version and WeasyPrint's, the formats, the layout, the
settings, ``--strict``, ``--max-bytes``, ``SOURCE_DATE_EPOCH``) and one of
each output. An input is up to date when all of them are unchanged, so a
changed picture rebuilds exactly the inputs that show it, and a changed
template every input of that layout.

The manifest and the temporary files of a build are written only while the
build holds a lock on the folder itself, so a second build into the same
folder waits for the first instead of mixing their files. A build that
makes nothing (every input failed) writes no manifest.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__

MANIFEST = ".easyread-manifest.json"
SCHEMA = 1
_CHUNK = 1 << 20


def file_hash(path: Path) -> str | None:
    """The SHA-256 of ``path``'s bytes, None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def text_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def layout_hash(folders: Iterable[Path]) -> str:
    """One hash of every file under ``folders`` (a layout's search path), by
    name and content: any change to a template, stylesheet, picture, rule
    or font changes it."""
    listed = []
    for folder in folders:
        root = folder.resolve()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" not in path.parts:
                listed.append((str(path.relative_to(root)), file_hash(path)))
    return text_hash(listed)


def options_hash(**options: Any) -> str:
    """One hash of the options and versions an output depends on."""
    versions = {name: _version(name) for name in ("weasyprint", "pikepdf", "reportlab", "jinja2")}
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return text_hash(__version__, versions, epoch, options)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


@dataclass
class Manifest:
    """The records of one output folder, keyed by output name (the input's stem)."""

    folder: Path
    options: str
    layout: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    _hashes: dict[Path, str | None] = field(default_factory=dict)
    _changed: bool = False

    @classmethod
    def load(cls, folder: Path, options: str, layout: str) -> Manifest:
        """The folder's manifest; empty when there is none or it cannot be read."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            entries = data["entries"] if data.get("schema") == SCHEMA else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(folder, options, layout, dict(entries) if isinstance(entries, dict) else {})

    def hash_of(self, path: Path) -> str | None:
        """``file_hash``, once per file and run."""
        key = path.resolve()
        if key not in self._hashes:
            self._hashes[key] = file_hash(key)
        return self._hashes[key]

    def knows(self, path: Path) -> bool:
        """Whether ``path``, as it is now, was built into this folder."""
        entry = self.entries.get(path.stem)
        return (
            bool(entry)
            and entry.get("source") == str(path.resolve())
            and (entry.get("files", {}).get(str(path.resolve())) == self.hash_of(path))
        )

    def up_to_date(self, path: Path, formats: Iterable[str]) -> bool:
        """Whether ``path``'s outputs in ``formats`` were made from the files,
        layout and options as they are now, and are unchanged since."""
        entry = self.entries.get(path.stem)
        if not entry or entry.get("source") != str(path.resolve()):
            return False
        if (entry.get("options"), entry.get("layout")) != (self.options, self.layout):
            return False
        files = entry.get("files", {})
        if str(path.resolve()) not in files:
            return False
        if any(self.hash_of(Path(name)) != digest for name, digest in files.items()):
            return False
        outputs = entry.get("outputs", {})
        wanted = {f"{path.stem}.{fmt}" for fmt in formats}
        if set(outputs) != wanted:
            return False
        return all(file_hash(self.folder / name) == digest for name, digest in outputs.items())

    def record(self, path: Path, depends: Iterable[Path], outputs: Iterable[Path]) -> None:
        """Keep what ``path``'s new outputs were made from."""
        self.entries[path.stem] = {
            "source": str(path.resolve()),
            "options": self.options,
            "layout": self.layout,
            "files": {str(p.resolve()): file_hash(p) for p in depends},
            "outputs": {p.name: file_hash(p) for p in outputs},
        }
        self._changed = True

    def save(self) -> None:
        """Write the manifest, if anything was recorded, to a temporary file,
        then move it into place."""
        if not self._changed:
            return
        self._changed = False
        text = json.dumps({"schema": SCHEMA, "entries": self.entries}, indent=1, sort_keys=True)
        write_atomically(self.folder / MANIFEST, text.encode("utf-8"))


def write_atomically(target: Path, data: bytes) -> None:
    """``data`` in ``target``, all or nothing, whenever the process stops."""
    from ..pipeline import TEMP_PREFIX

    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f"{TEMP_PREFIX}{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(name, 0o644)
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[list[Path]]:
    """Hold ``folder``'s build lock (waiting for another build to finish),
    after removing the temporary files a killed build left; yields them."""
    from ..pipeline import TEMP_PREFIX

    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        left = sorted(p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))
        for path in left:
            path.unlink(missing_ok=True)
        yield left
    finally:
        os.close(handle)  # and with it the lock
