"""One headless Chromium, driven by Playwright, for auditing many pages.

The browser is the system's (Debian's ``chromium``), never one downloaded
at run time; ``EASYREAD_CHROMIUM`` names another. Pages are opened from
files and may load nothing from the network: every http(s), ws(s) and ftp
request is refused and remembered, so a result never depends on a server.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, ToolMissing

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
NETWORK = re.compile(r"^(https?|wss?|ftp):", re.IGNORECASE)
LOAD_TIMEOUT_MS = 30_000


def find_chromium() -> str | None:
    """The browser to drive: ``$EASYREAD_CHROMIUM``, else the first on PATH."""
    chosen = os.environ.get("EASYREAD_CHROMIUM")
    if chosen:
        return chosen
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


class Browser:
    """A running headless Chromium; use as a context manager."""

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable or find_chromium()
        self._playwright = None
        self._browser = None

    def __enter__(self) -> Browser:
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            raise ToolMissing(
                "auditing HTML needs Playwright: pip install 'easyread[audit]'"
            ) from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, args=list(FLAGS), headless=True
            )
        except Error as exc:
            self._playwright.stop()
            where = self.executable or "Playwright's own Chromium"
            raise ToolMissing(
                f"cannot start {where}: install Chromium (Debian/Ubuntu: "
                "apt-get install "
                f"chromium) or set EASYREAD_CHROMIUM ({str(exc).splitlines()[0]})"
            ) from None
        return self

    def __exit__(self, *exc_info) -> None:
        self._browser.close()
        self._playwright.stop()

    @property
    def version(self) -> str:
        return self._browser.version

    @contextmanager
    def page(self, path: Path, width: int, height: int = 800) -> Iterator:
        """``path`` loaded in a fresh context ``width`` CSS px wide.

        The page's ``blocked`` attribute lists the network requests refused.
        A page that does not load, or breaks the browser while it is used,
        is an ``InputError``.
        """
        from playwright.sync_api import Error

        context = self._browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=True
        )
        blocked: list[str] = []
        context.route(NETWORK, lambda route: (blocked.append(route.request.url), route.abort()))
        page = context.new_page()
        page.blocked = blocked
        try:
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
            yield page
        except Error as exc:
            message = str(exc).splitlines()[0]
            raise InputError.single(
                path, f"the browser could not audit this page: {message}"
            ) from None
        finally:
            context.close()
