"""One headless Chromium, driven by Playwright, for auditing many pages.

The browser is the system's (Debian's ``chromium``), never one downloaded
at run time; ``EASYREAD_CHROMIUM`` names another. The page under audit is
someone else's, so it runs in a box it cannot leave or reach through:

- **Nothing leaves the browser.** The page's own file is the one thing
  loaded; every other request, of any scheme (http, file, data frames
  excepted), every WebSocket and every service worker is refused and
  remembered, so a result never depends on a server. Beneath that, a proxy
  that cannot be found and no WebRTC outside it.
- **The page cannot move the audit.** Once it has loaded, a navigation (a
  meta refresh, ``location = ...``, a reload, a form) is answered
  "204 No Content", so the browser stays on the page.
- **The page cannot fool the checker.** Our scripts (axe-core, the layout
  probe) run in an isolated world: they share the page's DOM but none of
  its JavaScript, so a page that defines ``window.axe`` or changes
  ``Array.prototype`` changes nothing we run.
- **The browser dies with us.** A watcher process holds one end of a pipe;
  when easyread ends, however it ends (SIGKILL too), the pipe closes and
  the watcher kills Chromium's process group. ``kill()`` does the same at
  once, for a page that runs past its time budget.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
    # the floor beneath the request filter: a proxy whose name never
    # resolves, used for loopback too, and no WebRTC traffic outside it
    "--proxy-server=http://no-network.invalid:9",
    "--proxy-bypass-list=<-loopback>",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
)
NETWORK = re.compile(r"^(https?|wss?|ftp):", re.IGNORECASE)
LOAD_TIMEOUT_MS = 30_000
WORLD = "easyread-audit"
# TMPDIR + "/easyread-xxxxxxxx/org.chromium.Chromium.xxxxxx/SingletonSocket" < 108
MAX_TEMP_NAME = 50
# Reads its stdin to the end; unless told "done", kills the process groups
# and removes the browser's temporary folder.
_WATCHER = """import os, shutil, signal, sys, time
if not sys.stdin.buffer.read().startswith(b"done"):
    for group in map(int, sys.argv[2:]):
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            pass
    for _ in range(20):
        shutil.rmtree(sys.argv[1], ignore_errors=True)
        if not os.path.exists(sys.argv[1]):
            break
        time.sleep(0.1)
"""


class OutOfTime(Exception):
    """The page took longer than its time budget."""


# The browsers running now, so that a signal can end them (``stop_all``).
_LIVE: set[Browser] = set()


def stop_all(number: int) -> None:
    """Kill every running browser for the signal ``number``; the code waiting
    on one then raises ``SystemExit(128 + number)``, whatever Playwright says."""
    for browser in list(_LIVE):
        browser.stopping = number
        browser.kill()


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
        self.killed = False
        self.stopping = 0  # the signal that is stopping easyread, if one is
        self._playwright = None
        self._browser = None
        self._groups: set[int] = set()
        self._watcher: subprocess.Popen | None = None
        self._temp = ""

    def __enter__(self) -> Browser:
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            raise ToolMissing(
                "auditing HTML needs Playwright: pip install 'easyread[audit]'"
            ) from None
        _LIVE.add(self)
        before = browser_groups()
        # Playwright and Chromium keep their profile and files in TMPDIR:
        # a folder of our own, removed whichever way the audit ends.
        self._temp = tempfile.mkdtemp(prefix="easyread-", dir=_short_temp())
        told = os.environ.get("TMPDIR")
        os.environ["TMPDIR"] = self._temp
        try:
            self._playwright = sync_playwright().start()
        finally:
            if told is None:
                del os.environ["TMPDIR"]
            else:
                os.environ["TMPDIR"] = told
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, args=list(FLAGS), headless=True
            )
        except (Error, SystemExit) as exc:
            self._groups = browser_groups() - before
            self.kill()
            self._playwright.stop()
            shutil.rmtree(self._temp, ignore_errors=True)
            _LIVE.discard(self)
            if self.stopping or isinstance(exc, SystemExit):
                raise SystemExit(128 + self.stopping if self.stopping else exc.code) from None
            where = self.executable or "Playwright's own Chromium"
            raise ToolMissing(
                f"cannot start {where}: install Chromium (Debian/Ubuntu: "
                "apt-get install "
                f"chromium) or set EASYREAD_CHROMIUM ({str(exc).splitlines()[0]})"
            ) from None
        self._groups = browser_groups() - before
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCHER, self._temp, *map(str, sorted(self._groups))],
            stdin=subprocess.PIPE,
            start_new_session=True,
        )
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        try:
            if exc_type is None and not self.killed:
                self._browser.close()
        finally:
            if exc_type is not None or self.killed:
                self.kill()
            self._playwright.stop()
            shutil.rmtree(self._temp, ignore_errors=True)
            self._watcher.communicate(b"done")
            _LIVE.discard(self)
        if self.stopping:
            raise SystemExit(128 + self.stopping)

    def kill(self) -> None:
        """End Chromium and all its processes now (safe from any thread)."""
        self.killed = True
        for group in self._groups:
            with suppress(OSError):
                os.killpg(group, signal.SIGKILL)

    @property
    def processes(self) -> set[int]:
        """Chromium's process groups (one, unless the launch was odd)."""
        return set(self._groups)

    @property
    def version(self) -> str:
        return self._browser.version

    @contextmanager
    def page(self, path: Path, width: int, height: int = 800, seconds: float = 30) -> Iterator:
        """``path`` loaded in a fresh, boxed context ``width`` CSS px wide.

        Yields an ``AuditPage``. A page that does not load, or breaks the
        browser while it is used, is an ``InputError``; one that the
        browser had to be killed for (``kill``) is ``OutOfTime``.
        """
        from playwright.sync_api import Error

        context = self._browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=True,
            service_workers="block",
        )
        url = path.resolve().as_uri()
        blocked: list[str] = []
        context.route("**/*", _Gate(url, blocked))
        context.route_web_socket("**/*", lambda ws: (blocked.append(ws.url), ws.close()))
        try:
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=min(LOAD_TIMEOUT_MS, seconds * 1000))
            yield AuditPage(page, blocked)
        except Error as exc:
            if self.stopping:
                raise SystemExit(128 + self.stopping) from None
            if self.killed:
                raise OutOfTime from None
            message = str(exc).splitlines()[0]
            if "Timeout" in message:  # a page stuck in a script: end it all
                self.kill()
                raise OutOfTime from None
            raise InputError.single(
                path, f"the browser could not audit this page: {message}"
            ) from None
        finally:
            if not self.killed:
                with suppress(Error):
                    context.close()


class _Gate:
    """The route handler: the page's own file once, nothing else, ever."""

    def __init__(self, url: str, blocked: list[str]) -> None:
        self.url, self.blocked, self.opened = url, blocked, False

    def __call__(self, route) -> None:
        request = route.request
        navigation = request.is_navigation_request()
        if navigation and not self.opened and request.url == self.url:
            self.opened = True
            route.continue_()
            return
        self.blocked.append(request.url)
        if navigation:  # stay on the page: no error page, no new document
            route.fulfill(status=204)
        else:
            route.abort("blockedbyclient")


class AuditPage:
    """A loaded page; our scripts run in an isolated world beside its own."""

    def __init__(self, page, blocked: list[str]) -> None:
        self.page = page
        self.blocked = blocked
        self.keyboard = page.keyboard
        self._cdp = page.context.new_cdp_session(page)
        frame = self._cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self._world = self._cdp.send(
            "Page.createIsolatedWorld", {"frameId": frame, "worldName": WORLD}
        )["executionContextId"]

    def emulate_media(self, **preferences: str) -> None:
        self.page.emulate_media(**preferences)

    def run(self, source: str) -> object:
        """Run the script ``source`` in our world; its last value, as JSON data."""
        reply = self._cdp.send(
            "Runtime.evaluate",
            {
                "expression": source,
                "contextId": self._world,
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        return _value(reply)

    def evaluate(self, script: str, arg: object = None) -> object:
        """As Playwright's ``evaluate``, in our world: ``script`` is an
        expression, or a function called with ``arg``."""
        reply = self._cdp.send(
            "Runtime.callFunctionOn",
            {
                "functionDeclaration": _EVALUATE,
                "executionContextId": self._world,
                "arguments": [{"value": script}, {"value": arg}],
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        return _value(reply)

    def add_style_tag(self, content: str) -> None:
        """Add a stylesheet to the page (from our world: the DOM is shared)."""
        self.evaluate(
            """(css) => { const style = document.createElement("style");
                style.textContent = css;
                (document.head || document.documentElement).append(style); }""",
            content,
        )


_EVALUATE = """async function (script, arg) {
  const value = (0, eval)("(" + script + "\\n)");
  return typeof value === "function" ? await value(arg) : await value;
}"""


class ScriptFailed(Exception):
    """One of our scripts threw in the page."""


def _value(reply: dict) -> object:
    if "exceptionDetails" in reply:
        details = reply["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text", "")
        raise ScriptFailed(text.splitlines()[0] if text else "a script failed")
    return reply["result"].get("value")


@contextmanager
def time_budget(browser: Browser | None, seconds: float) -> Iterator[None]:
    """Kill ``browser`` if the block is still running after ``seconds``."""
    if browser is None:
        yield
        return
    timer = threading.Timer(seconds, browser.kill)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _short_temp() -> str:
    """TMPDIR, or /tmp if TMPDIR is too long a name: Chromium makes a socket in
    it, and a socket's path may be at most 107 bytes long."""
    told = tempfile.gettempdir()
    return told if len(os.fsencode(told)) <= MAX_TEMP_NAME else "/tmp"


def browser_groups() -> set[int]:
    """The process groups of the Chromium browsers started below this process
    (Playwright starts each in a group of its own, led by the browser)."""
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            commands[int(entry.name)] = Path(entry.path, "cmdline").read_bytes()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    mine = {os.getpid()}
    found = set()
    for pid in sorted(parents):  # a child's pid is not always above its parent's
        if _descends(pid, parents, mine) and b"--remote-debugging-pipe" in commands[pid]:
            try:
                if os.getpgid(pid) == pid:
                    found.add(pid)
            except OSError:
                pass
    return found


def _descends(pid: int, parents: dict[int, int], mine: set[int]) -> bool:
    seen = set()
    while pid in parents and pid not in seen:
        seen.add(pid)
        pid = parents[pid]
        if pid in mine:
            return True
    return False
