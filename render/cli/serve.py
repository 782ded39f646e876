"""``easyread serve``: a live preview of one inspection file or a folder of them."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import click

from ..errors import BuildError, InputError, printable
from . import (
    CONFIG_OPTION,
    EXIT_INVALID,
    EXIT_OK,
    LAYOUT_OPTION,
    MAX_BYTES_OPTION,
    THEME_OPTION,
    main,
)

SUFFIXES = (".yaml", ".yml", ".json")


@main.command("serve")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@LAYOUT_OPTION
@THEME_OPTION
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free one).",
)
@CONFIG_OPTION
@MAX_BYTES_OPTION
def serve_command(
    path: Path,
    layout: str,
    themes: tuple[str, ...],
    port: int,
    config: Path | None,
    max_bytes: int,
) -> None:
    """Preview PATH (an inspection file, or a folder of them) in your browser,
    built again each time you save it, its pictures, its framework or the layout.

    Beside the page: what `easyread check` found, each hard sentence marked
    in the page with its rule and a suggestion, and the scores against the
    reading target. A file that cannot be built shows its errors instead,
    until you fix it. Only this computer can open the preview (127.0.0.1);
    the page loads nothing from anywhere else. Ctrl-C stops it.

    \b
    Example:
      easyread new my-inspection.yaml
      easyread serve my-inspection.yaml
    """
    from ..page import Preview, open_socket, serve_preview

    files = _lister(path)
    if path.is_file() and path.suffix.lower() not in SUFFIXES:
        click.echo(
            printable(f"{path}: error: not an inspection file: use a .yaml, .yml or .json file"),
            err=True,
        )
        sys.exit(EXIT_INVALID)
    out_dir = Path(tempfile.mkdtemp(prefix="easyread-serve-"))
    try:
        try:
            sock = open_socket(port)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            click.echo(printable(f"error: --port {port}: cannot listen: {reason}"), err=True)
            sys.exit(EXIT_INVALID)
        preview = Preview(
            files=files,
            build=_builder(layout, themes, config, max_bytes, out_dir),
            watch=_watched(path, layout, themes, config),
            say=lambda line: click.echo(printable(line)),
        )
        address = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        click.echo(f"Preview of {path} at {address} (Ctrl-C stops it)")
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it stops
            asyncio.run(serve_preview(preview, sock))
        click.echo("stopped")
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    sys.exit(EXIT_OK)


def _lister(path: Path):
    if path.is_file():
        return lambda: [path]
    # a folder: its inspection files, looked for again on each change
    return lambda: sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def _watched(
    path: Path, layout: str, themes: tuple[str, ...] = (), config: Path | None = None
) -> list[Path]:
    """The folders whose changes rebuild: the data's (with its pictures and
    frameworks), the layout's and themes', the settings' (its logo), and the
    bundled layouts and frameworks."""
    from ..resources import bundled

    folder = path if path.is_dir() else path.parent
    paths = [folder.resolve(), bundled("layouts").resolve(), bundled("frameworks").resolve()]
    for own in map(Path, (layout, *themes)):
        if own.is_dir():
            paths.append(own.resolve())
    # the settings' folder: its [theme] (colours, logo, words) changes the page
    from ..settings import find_settings

    settings = config or find_settings()  # as the build finds them
    if settings is not None and settings.exists():
        paths.append(settings.resolve().parent)
    # a folder inside another is watched already
    return [p for p in paths if not any(p != q and p.is_relative_to(q) for q in paths)]


def _builder(
    layout: str, themes: tuple[str, ...], config: Path | None, max_bytes: int, out_dir: Path
):
    """Build one file as ``easyread build --format html`` does, into ``out_dir``."""
    from ..page import Built
    from ..pipeline import build_one, plan_build
    from ..readability import one_line
    from ..settings import load_settings

    def build(path: Path) -> Built:
        try:
            settings = load_settings(config)
            job = plan_build([path], out_dir, ("html",), layout, settings, False, max_bytes, themes)
            result = build_one(path, job)
        except InputError as exc:
            return _failed(path, [str(p) for p in exc.problems])
        except Exception as exc:  # a fault of ours: shown, and the preview goes on
            return _failed(path, [f"easyread failed: {type(exc).__name__}: {exc}"])
        report = asdict(result.readability) if result.readability else None
        if isinstance(result.error, InputError):
            return _failed(path, [str(p) for p in result.error.problems], report)
        if isinstance(result.error, BuildError):
            return _failed(path, [f"{path}: error: {m}" for m in result.error.messages], report)
        html = result.outputs[0].read_text(encoding="utf-8")
        return Built(html=html, report=report, summary=f"built {one_line(result.readability)}")

    return build


def _failed(path: Path, errors: list[str], report: dict | None = None):
    from ..page import Built

    count = f"{len(errors)} {'error' if len(errors) == 1 else 'errors'}"
    return Built(errors=errors, report=report, summary=f"{path}: cannot build ({count})")
