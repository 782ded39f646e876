"""Shared fixtures; under CI=true a skipped test is a failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
INSPECTIONS = sorted(DATA.glob("*.yaml"))
# the sample tests use when one file will do: it has every section
SAMPLE = DATA / "stockton-2013-child-protection.yaml"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    under_ci = os.environ.get("CI") == "true"
    if under_ci and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which counts as a failure: {report.longrepr}"


def pages(folder: Path) -> list[str]:
    """The names of the files a build wrote in ``folder``, its manifest left out."""
    from render.batch import MANIFEST

    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)


def require_tool(name: str) -> str:
    """The path of a command-line tool, or skip (a failure under CI)."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make system installs it)")
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every inspection in data/ built once into a folder, HTML and PDF."""
    from render import build

    out = tmp_path_factory.mktemp("build")
    results = build(INSPECTIONS, out)
    assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
    return out


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (the system's, via Playwright)."""
    from render.audit.browser import Browser, find_chromium

    if find_chromium() is None:
        require_tool("chromium")
    with Browser() as running:
        yield running


@pytest.fixture
def no_network(monkeypatch) -> list[tuple]:
    """Block every network connection; the list records each one attempted."""
    import socket

    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
