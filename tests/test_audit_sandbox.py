"""``easyread audit`` of hostile pages: the page cannot reach the network or
the machine, cannot move the audit off itself, cannot fool axe-core, cannot
hold the audit past its time budget, and the browser dies with easyread."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, require_tool

from render.audit.browser import find_chromium
from render.audit.html import check_html
from render.audit.run import audit

HEAD = '<!DOCTYPE html><html lang="en"><head><title>Hostile</title>'
# One fault axe-core always finds: a picture without a text alternative.
BODY = '<body><main><h1>Hostile</h1><p>Some text.</p><img src="data:,x"></main>'


def _page(tmp_path: Path, name: str, head: str = "", body: str = "") -> Path:
    path = tmp_path / name
    path.write_text(f"{HEAD}{head}</head>{BODY}{body}</body></html>")
    return path


@pytest.fixture
def listener():
    """A TCP port on this machine that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            connections.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def _blocked(findings) -> list[str]:
    return [f.message.rsplit(": ", 1)[1] for f in findings if f.rule == "html/blocked"]


def test_a_websocket_to_this_machine_is_refused(browser, tmp_path, listener):
    port, connections = listener
    page = _page(
        tmp_path,
        "ws.html",
        body=f'<script>new WebSocket("ws://127.0.0.1:{port}/x");'
        f'fetch("http://127.0.0.1:{port}/y").catch(() => 0);</script>',
    )
    findings, _, _ = check_html(browser, page)
    time.sleep(0.5)
    assert connections == []
    assert f"ws://127.0.0.1:{port}/x" in _blocked(findings)
    assert f"http://127.0.0.1:{port}/y" in _blocked(findings)


def test_webrtc_sends_nothing(browser, tmp_path):
    stun = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stun.bind(("127.0.0.1", 0))
    stun.settimeout(3)
    port = stun.getsockname()[1]
    page = _page(
        tmp_path,
        "rtc.html",
        body="<script>const pc = new RTCPeerConnection({iceServers: "
        f'[{{urls: "stun:127.0.0.1:{port}"}}, {{urls: "turn:127.0.0.1:{port}", '
        'username: "u", credential: "c"}]}); pc.createDataChannel("x");'
        "pc.createOffer().then((o) => pc.setLocalDescription(o));</script>",
    )
    try:
        check_html(browser, page)
        with pytest.raises(TimeoutError):
            stun.recvfrom(100)
    finally:
        stun.close()


def test_only_the_page_itself_is_loaded_from_disk(browser, tmp_path):
    (tmp_path / "secret.txt").write_text("not for the page")
    page = _page(
        tmp_path,
        "frames.html",
        body='<iframe src="secret.txt" title="s"></iframe><img src="/etc/hostname" alt="h">',
    )
    findings, _, _ = check_html(browser, page)
    assert set(_blocked(findings)) == {(tmp_path / "secret.txt").as_uri(), "file:///etc/hostname"}


@pytest.mark.parametrize(
    "head, body",
    [
        ('<meta http-equiv="refresh" content="0; url=https://example.org/">', ""),
        ('<meta http-equiv="refresh" content="0">', ""),
        ("", '<script>setTimeout(() => { location.href = "other.html"; }, 10)</script>'),
        ("", "<script>addEventListener('load', () => location.reload())</script>"),
    ],
    ids=["refresh-away", "refresh-itself", "location", "reload"],
)
def test_the_page_cannot_move_the_audit(browser, tmp_path, head, body):
    page = _page(tmp_path, "moving.html", head=head, body=body)
    findings, summary, _ = check_html(browser, page)
    assert "axe/image-alt" in {f.rule for f in findings}
    assert summary["rules checked"] > 50
    assert _blocked(findings)  # where it tried to go is told


def test_a_page_cannot_replace_or_fool_axe(browser, tmp_path):
    fake = (
        "<script>const none = {violations: [], passes: [], incomplete: [], "
        'inapplicable: [], testEngine: {version: "9.9.9"}};'
        'Object.defineProperty(window, "axe", {value: {run: async () => none, '
        "getRules: () => [], configure() {}}, writable: false, configurable: false});"
        "Array.prototype.map = function () { return []; };"
        "Array.prototype.filter = function () { return []; };"
        "Object.fromEntries = () => ({});"
        "document.querySelectorAll = () => [];</script>"
    )
    page = _page(tmp_path, "fake-axe.html", head=fake)
    findings, summary, _ = check_html(browser, page)
    assert "axe/image-alt" in {f.rule for f in findings}
    assert "axe-core 4." in summary["checkers"]
    assert summary["rules checked"] > 50


def test_a_changed_axe_script_is_refused(monkeypatch):
    from axe_playwright_python import base

    from render.audit import html
    from render.errors import ToolMissing

    html.axe_script.cache_clear()
    monkeypatch.setattr(base, "AXE_SCRIPT", base.AXE_SCRIPT + "\naxe.run = () => ({});")
    try:
        with pytest.raises(ToolMissing, match="not a copy easyread knows"):
            html.axe_script()
    finally:
        html.axe_script.cache_clear()


BUSY = '<script>addEventListener("load", () => setTimeout(() => { while (true) {} }, 50))</script>'


def test_a_page_that_never_settles_runs_out_of_time_and_the_next_goes_on(tmp_path):
    if find_chromium() is None:
        require_tool("chromium")
    busy = _page(tmp_path, "busy.html", body=BUSY)
    calm = _page(tmp_path, "calm.html")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "render", "audit", *map(str, [busy, calm, busy, calm])]
        + ["--timeout", "4", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - started
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()
        == [
            f"{busy}:1:1: error: could not audit: the page did not settle in 4 s; audit it "
            "alone with a longer --timeout, or look for a script that never ends"
        ]
        * 2
    )
    reports = json.loads(done.stdout)["files"]
    assert [Path(r["path"]).name for r in reports] == ["calm.html", "calm.html"]
    assert all("axe/image-alt" in {f["rule"] for f in r["findings"]} for r in reports)
    assert took < 60


def _descendants(pid: int) -> set[int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {p for p, pp in parents.items() if pp == parent}
        found |= children
        todo += children
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _chromium_of(process: subprocess.Popen, seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = {
            pid
            for pid in _descendants(process.pid)
            if b"chrom" in Path(f"/proc/{pid}/cmdline").read_bytes()
        }
        if any(b"--type=renderer" in Path(f"/proc/{p}/cmdline").read_bytes() for p in pids):
            time.sleep(1)  # the page is open and busy
            return _alive(pids | _descendants(process.pid))
        time.sleep(0.1)
    pytest.fail("the audit never opened the page")


@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM], ids=lambda s: s.name)
def test_the_browser_dies_with_the_audit(tmp_path, number):
    if find_chromium() is None:
        require_tool("chromium")
    busy = _page(tmp_path, "busy.html", body=BUSY)
    process = subprocess.Popen(
        [sys.executable, "-m", "render", "audit", str(busy), "--timeout", "120"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        chromium = _chromium_of(process)
        assert chromium
        process.send_signal(number)
        _, err = process.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while _alive(chromium) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive(chromium) == set()
    finally:
        process.kill()
    assert process.returncode == (128 + number if number != signal.SIGKILL else -number)
    assert "Traceback" not in err


def test_a_crashing_pdfua_rule_is_told_once_per_run(monkeypatch, tmp_path, built):
    import pdfua

    first = next(iter(pdfua.default_registry()))
    rule = type(first)

    def crash(self, document):
        raise KeyError("/Oops")

    monkeypatch.setattr(rule, "check", crash)
    pdfs = sorted(built.glob("*.pdf"))[:2]
    assert len(pdfs) == 2
    result = audit(pdfs)
    said = f"pdfua's rule {first.id} failed (KeyError: '/Oops'), so it was left out; "
    assert said + "the other checks ran" in result.faults
    assert len(result.faults) == len(set(result.faults))  # each once, not once a file
    for report in result.reports:
        assert not any("failed" in f.message or "raised" in f.message for f in report.findings)
