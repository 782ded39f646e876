"""`easyread serve`: a live preview on 127.0.0.1, driven over HTTP and in Chromium."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

from render.page.preview import POLICY

NEW_SENTENCE = "Staff now meet each child every week."
HARD = (
    "The multi-agency safeguarding arrangements demonstrated considerable "
    "organisational effectiveness notwithstanding substantial operational difficulties."
)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Served:
    """`python -m render serve PATH` in its own process."""

    def __init__(self, path: Path, *args: str):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "render", "serve", str(path), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        first = self.process.stdout.readline()
        assert " at http://127.0.0.1:" in first, first + self.process.stderr.read()
        self.base = first.split(" at ", 1)[1].split()[0].rstrip("/")
        self.port = int(self.base.rsplit(":", 1)[1])

    def get(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with _OPENER.open(request, timeout=10) as answer:
                return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode()

    def state(self, name: str) -> dict:
        return json.loads(self.get(f"/state/{name}")[2])

    def wait_for(self, name: str, after: int, ok: bool = True, timeout: float = 15.0) -> dict:
        """The state of the first rebuild after version ``after`` that is ``ok`` (or not)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            state = self.state(name)
            if state["version"] > after and state["ok"] == ok:
                return state
            time.sleep(0.05)
        raise AssertionError(f"no rebuild of {name} (ok={ok}) within {timeout} s")

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=15)
        return self.process.returncode, out


@pytest.fixture
def starter(tmp_path) -> Path:
    from click.testing import CliRunner

    from render.cli import main

    path = tmp_path / "mine.yaml"
    assert CliRunner().invoke(main, ["new", str(path)]).exit_code == 0
    return path


@pytest.fixture
def served(starter):
    server = Served(starter)
    yield server
    server.stop()


def _replace(path: Path, old: str, new: str) -> None:
    """Save as an editor does: the whole new text at once (no half-written file)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def _events(served: Served, seen: list[str], stop: threading.Event) -> None:
    request = urllib.request.Request(served.base + "/events")
    with _OPENER.open(request, timeout=20) as stream:
        for raw in stream:
            seen.append(raw.decode())
            if stop.is_set():
                return


def test_it_rebuilds_shows_errors_and_recovers(served, starter):
    status, headers, body = served.get("/")
    assert status == 200
    assert headers["Content-Security-Policy"] == POLICY
    assert 'src="/_preview/preview.js"' in body
    first = served.state("mine.yaml")
    assert first["ok"] and first["report"]["passed"]
    assert served.get("/page/mine.yaml")[1]["Content-Security-Policy"] == POLICY

    seen: list[str] = []
    stop = threading.Event()
    listener = threading.Thread(target=_events, args=(served, seen, stop), daemon=True)
    listener.start()
    time.sleep(0.3)
    _replace(starter, "Social workers get to know children well.", NEW_SENTENCE)
    changed = served.wait_for("mine.yaml", first["version"])
    assert changed["ok"]
    assert NEW_SENTENCE in served.get("/page/mine.yaml")[2]
    stop.set()
    deadline = time.monotonic() + 5
    while not any(f'"version": {changed["version"]}' in line for line in seen):
        assert time.monotonic() < deadline, seen
        time.sleep(0.05)
    assert "event: build\n" in seen

    _replace(starter, "  min_age: 8", "  min_age: two")
    broken = served.wait_for("mine.yaml", changed["version"], ok=False)
    assert not broken["ok"]
    (error,) = broken["errors"]
    assert error.startswith(f"{starter}:")
    assert "audience.min_age" in error and ": error: " in error
    assert "Cannot build" in served.get("/page/mine.yaml")[2]

    _replace(starter, "  min_age: two", "  min_age: 8")
    mended = served.wait_for("mine.yaml", broken["version"])
    assert mended["ok"] and not mended["errors"]
    assert NEW_SENTENCE in served.get("/page/mine.yaml")[2]

    code, out = served.stop()
    assert code == 0
    assert out.rstrip().endswith("stopped")


def test_a_hard_sentence_is_a_finding_with_its_suggestion(served, starter):
    first = served.state("mine.yaml")
    _replace(starter, "Social workers get to know children well.", HARD)
    state = served.wait_for("mine.yaml", first["version"])
    found = [f for f in state["report"]["findings"] if f["text"] == HARD]
    assert {"hard-sentence", "hard-word", "plain-words"} <= {f["rule"] for f in found}
    assert all(f["suggestion"] and f["line"] > 0 for f in found)
    # the scores against the target: this one sentence takes the whole text over it
    measures = {m["id"]: m for m in state["report"]["measures"]}
    assert measures["flesch_kincaid_grade"]["met"] is False
    assert measures["flesch_kincaid_grade"]["limit"] == 4
    assert not state["report"]["passed"]


def test_only_the_loopback_address_and_its_names_are_served(served):
    status, _, _ = served.get("/", headers={"Host": f"attacker.example:{served.port}"})
    assert status == 400
    outside = _an_address_that_is_not_loopback()
    if outside is None:
        pytest.skip("this machine has no address but the loopback one")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((outside, served.port), timeout=5)


def _an_address_that_is_not_loopback() -> str | None:
    names = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    found = {info[4][0] for info in names}
    try:  # the address this machine would use to reach another (no packet is sent)
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("192.0.2.1", 9))
        found.add(probe.getsockname()[0])
        probe.close()
    except OSError:
        pass
    return next((a for a in sorted(found) if not a.startswith("127.")), None)


def test_a_folder_lists_its_files(tmp_path, starter):
    other = tmp_path / "other.yaml"
    other.write_text(starter.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an inspection\n", encoding="utf-8")
    server = Served(tmp_path)
    try:
        body = server.get("/")[2]
        assert 'href="/view/mine.yaml"' in body and 'href="/view/other.yaml"' in body
        assert "notes.txt" not in body
        assert server.get("/view/other.yaml")[0] == 200
        assert server.get("/view/nothing.yaml")[0] == 404
        assert server.get("/_preview/../../pyproject.toml")[0] == 404
    finally:
        server.stop()


def test_a_port_in_use_is_one_line_and_exit_2(starter):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "render",
                "serve",
                str(starter),
                "--port",
                str(taken.getsockname()[1]),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=30,
        )
    finally:
        taken.close()
    assert done.returncode == 2
    assert done.stderr.startswith("error: --port ") and len(done.stderr.splitlines()) == 1


@pytest.fixture(scope="module")
def preview_browser(browser):
    """A Chromium that may reach the preview on 127.0.0.1: the audit's own
    browser is sandboxed with a proxy that reaches nothing, loopback included.
    Launched by the session's Playwright (only one may run in a thread)."""
    running = browser._playwright.chromium.launch(executable_path=browser.executable, headless=True)
    yield running
    running.close()


def test_in_a_browser_the_page_follows_the_file(preview_browser, served, starter):
    """Chromium: the page, a hard sentence marked with its rule and suggestion,
    an edit shown within 2 seconds, an error and the page back after it."""
    context = preview_browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    context.on(
        "request",
        lambda r: None if r.url.startswith(served.base + "/") else elsewhere.append(r.url),
    )
    page = context.new_page()
    try:
        first = served.state("mine.yaml")["version"]
        _replace(starter, "Social workers get to know children well.", HARD)
        served.wait_for("mine.yaml", first)
        page.goto(served.base + "/", wait_until="load")
        frame = page.frame_locator("#page")
        mark = frame.locator(".er-marked", has_text=HARD).first
        mark.wait_for(timeout=10_000)
        notes = " ".join(mark.locator(".er-note").all_inner_texts())
        assert "hard-sentence: reads at about age" in notes
        assert "Try: use shorter words than 'multi-agency'" in notes
        assert page.locator("#findings .finding", has_text=HARD).count() >= 1
        assert page.locator("#scores tr.missed").count() >= 1

        # an edit is on the page within 2 seconds of saving: the median of
        # three edits, so that one stall of a busy machine does not decide
        took, before = [], HARD
        for n in (2, 3, 4):
            after = f"Staff meet each child {n} times a week."
            _replace(starter, before, after)
            saved = time.monotonic()
            frame.locator("p", has_text=after).wait_for(timeout=10_000)
            took.append(time.monotonic() - saved)
            before = after
        assert sorted(took)[1] < 2.0, took
        _replace(starter, before, NEW_SENTENCE)
        frame.locator("p", has_text=NEW_SENTENCE).wait_for(timeout=10_000)

        _replace(starter, "  min_age: 8", "  min_age: two")
        errors = page.locator("#errors li")
        errors.first.wait_for(timeout=5_000)
        assert f"{starter}:" in errors.first.inner_text()
        assert "audience.min_age" in errors.first.inner_text()
        assert page.locator("#page").is_hidden()

        _replace(starter, "  min_age: two", "  min_age: 8")
        page.locator("#page").wait_for(state="visible", timeout=5_000)
        frame.locator("p", has_text=NEW_SENTENCE).wait_for(timeout=5_000)
        assert page.locator("#errors").is_hidden()
    finally:
        context.close()
    assert not elsewhere, elsewhere


def test_a_change_to_its_framework_or_layout_rebuilds(tmp_path):
    from click.testing import CliRunner

    from render.cli import main
    from render.resources import bundled

    (tmp_path / "frameworks").mkdir()
    own = (bundled("frameworks") / "ilacs.yaml").read_text(encoding="utf-8")
    own = own.replace("id: ilacs", "id: our-own")
    framework = tmp_path / "frameworks" / "our-own.yaml"
    framework.write_text(own, encoding="utf-8")
    layout = tmp_path / "my-layout"
    shutil.copytree(bundled("layouts") / "booklet", layout)
    path = tmp_path / "mine.yaml"
    assert CliRunner().invoke(main, ["new", str(path), "--framework", "our-own"]).exit_code == 0
    server = Served(path, "--layout", str(layout))
    try:
        first = server.state("mine.yaml")["version"]
        meaning = "Much better than good at helping children and keeping them safe."
        _replace(framework, meaning, "The very best there is.")
        second = server.wait_for("mine.yaml", first)["version"]
        assert "The very best there is." in server.get("/page/mine.yaml")[2]
        css = layout / "layout.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.my-own-rule { color: #123456; }\n")
        third = server.wait_for("mine.yaml", second)["version"]
        assert "#123456" in server.get("/page/mine.yaml")[2]
        # a picture of its own: changing the file changes the page
        pictures = tmp_path / "pictures"
        pictures.mkdir()
        picture = pictures / "hub.svg"
        picture.write_text(_svg("#aa0000"), encoding="utf-8")
        _replace(
            path,
            "#pictures:\n#  - file: pictures/hub.png\n#    alt:",
            "pictures:\n  - file: pictures/hub.svg\n    alt:",
        )
        fourth = server.wait_for("mine.yaml", third)
        assert fourth["ok"], fourth["errors"]
        before = server.get("/page/mine.yaml")[2]
        picture.write_text(_svg("#00aa00"), encoding="utf-8")
        server.wait_for("mine.yaml", fourth["version"])
        after = server.get("/page/mine.yaml")[2]
        assert before != after
    finally:
        server.stop()


def _svg(colour: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        f'<rect width="10" height="10" fill="{colour}"/></svg>\n'
    )


def test_sigterm_stops_it_as_the_other_commands_stop(served):
    served.process.send_signal(signal.SIGTERM)
    code, _ = served.stop()
    assert code == 128 + signal.SIGTERM


def test_the_preview_takes_a_layout_and_themes_and_follows_the_theme(tmp_path_factory, starter):
    theme = tmp_path_factory.mktemp("elsewhere") / "ours"  # not in the data's folder
    theme.mkdir()
    (theme / "theme.toml").write_text('description = "Ours"\n', encoding="utf-8")
    (theme / "theme.css").write_text(".kicker { letter-spacing: 0.3em; }\n", encoding="utf-8")
    server = Served(starter, "--layout", "easy-read", "--theme", str(theme))
    try:
        first = server.state("mine.yaml")
        assert first["ok"]
        assert ".kicker { letter-spacing: 0.3em; }" in server.get("/page/mine.yaml")[2]
        # the theme's folder is watched: a change to it rebuilds the page
        (theme / "theme.css").write_text(".kicker { letter-spacing: 0.4em; }\n", encoding="utf-8")
        server.wait_for("mine.yaml", first["version"])
        assert ".kicker { letter-spacing: 0.4em; }" in server.get("/page/mine.yaml")[2]
    finally:
        server.stop()
