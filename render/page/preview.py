"""The live preview behind ``easyread serve``: a small web server on 127.0.0.1.

Starlette (the web app) on uvicorn (the server), and watchfiles for the
files: when a watched file changes, every inspection is built again and
each open page hears of it through server-sent events (``/events``), then
fetches its new state and reloads the page. Server-sent events rather than
a websocket: the page only ever listens, and an ``EventSource`` is plain
HTTP, reconnects by itself and needs no other library.

The build itself is given (``Builder``): this stage does not know the
pipeline. Every answer carries a Content-Security-Policy that lets the
page load and connect to this server only, and a request that names
another host is refused (a web page elsewhere cannot reach the preview
through a name that points at 127.0.0.1).

    /                   the one inspection, or a list of them (a folder)
    /view/NAME          the page, with what ``check`` found beside it
    /page/NAME          the page as built (shown in a frame)
    /state/NAME         its findings and scores, or why it cannot be built (JSON)
    /events             "build" events, one for each rebuild
    /_preview/FILE      the viewer's script and styles
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..resources import resource

HOST = "127.0.0.1"
POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        # the built page has style attributes; no script of its own
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
_ASSETS = {
    "preview.js": "text/javascript",
    "preview.css": "text/css",
    "preview-marks.css": "text/css",
}
_KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream
# A change to any other file (a log, an editor's backup) builds nothing.
WATCHED = frozenset(
    {".yaml", ".yml", ".json", ".png", ".jpg", ".jpeg", ".svg"}  # data and pictures
    | {".html", ".css", ".toml", ".woff", ".woff2", ".ttf", ".otf"}  # layouts
)


@dataclass
class Built:
    """What one build of one file gave: the page, or why there is none."""

    html: str | None = None
    errors: list[str] = field(default_factory=list)
    report: dict[str, Any] | None = None
    summary: str = ""  # one line for the terminal


Builder = Callable[[Path], Built]


@dataclass
class Preview:
    """The files shown, their latest builds, and who is listening."""

    files: Callable[[], list[Path]]
    build: Builder
    watch: Sequence[Path]
    say: Callable[[str], None] = print
    version: int = 0
    built: dict[str, tuple[Path, Built]] = field(default_factory=dict)
    built_at: str = ""
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _listeners: set[asyncio.Queue[int]] = field(default_factory=set)

    def rebuild(self) -> None:
        """Build every file again (in a worker thread: it takes a moment)."""
        built = {}
        for path in self.files():
            result = self.build(path)
            built[path.name] = (path, result)
            self.say(result.summary)
        self.built = built
        self.built_at = dt.datetime.now().strftime("%H:%M:%S")
        self.version += 1

    def announce(self) -> None:
        for queue in self._listeners:
            queue.put_nowait(self.version)

    async def watch_files(self) -> None:
        from watchfiles import DefaultFilter, awatch

        ignored = DefaultFilter()  # .git, __pycache__, editors' swap files

        def wanted(change: Any, path: str) -> bool:
            return Path(path).suffix.lower() in WATCHED and ignored(change, path)

        changes = awatch(*self.watch, watch_filter=wanted, stop_event=self.stopping, step=50)
        async for _changes in changes:
            await asyncio.to_thread(self.rebuild)
            self.announce()

    def state(self, name: str) -> dict[str, Any] | None:
        if name not in self.built:
            return None
        path, result = self.built[name]
        return {
            "version": self.version,
            "name": name,
            "file": str(path),
            "built_at": self.built_at,
            "ok": result.html is not None,
            "errors": result.errors,
            "report": result.report,
        }


def make_app(preview: Preview) -> Any:
    """The Starlette app that serves ``preview``."""
    from starlette.applications import Starlette
    from starlette.datastructures import MutableHeaders
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    class Secure:
        """Adds the policy headers to every answer (plain ASGI: it streams)."""

        def __init__(self, app):
            self.app = app

        async def __call__(self, scope, receive, send):
            async def send_secured(message):
                if message["type"] == "http.response.start":
                    headers = MutableHeaders(scope=message)
                    headers["Content-Security-Policy"] = POLICY
                    headers["X-Content-Type-Options"] = "nosniff"
                    headers["Referrer-Policy"] = "no-referrer"
                    headers["Cache-Control"] = "no-store"
                await send(message)

            await self.app(scope, receive, send_secured)

    def not_found(what: str) -> Response:
        return HTMLResponse(_page("Not found", f"<p>{html.escape(what)}</p>"), status_code=404)

    async def index(request):
        names = sorted(preview.built)
        if len(names) == 1:
            return HTMLResponse(_viewer(names[0]))
        items = "".join(
            f'<li><a href="/view/{html.escape(n)}">{html.escape(n)}</a></li>' for n in names
        )
        listing = f"<ul>{items}</ul>" if items else "<p>No inspection files here yet.</p>"
        return HTMLResponse(_page("easyread preview", listing))

    async def view(request):
        name = request.path_params["name"]
        return HTMLResponse(_viewer(name)) if name in preview.built else not_found(name)

    async def page(request):
        name = request.path_params["name"]
        built = preview.built.get(name)
        if built is None:
            return not_found(name)
        shown = built[1].html
        if shown is None:
            return HTMLResponse(_page("Cannot build", "<p>See the errors beside.</p>"))
        return HTMLResponse(shown)

    async def state(request):
        found = preview.state(request.path_params["name"])
        return JSONResponse(found) if found else JSONResponse({"error": "no such file"}, 404)

    async def asset(request):
        name = request.path_params["file"]
        if name not in _ASSETS:
            return not_found(name)
        return Response(resource(name).read_bytes(), media_type=_ASSETS[name])

    async def events(request):
        queue: asyncio.Queue[int] = asyncio.Queue()
        preview._listeners.add(queue)

        async def stream():
            try:
                yield _event(preview.version)
                quiet = 0.0
                while not preview.stopping.is_set():
                    try:
                        version = await asyncio.wait_for(queue.get(), timeout=0.5)
                    except TimeoutError:
                        quiet += 0.5
                        if quiet >= _KEEP_ALIVE:
                            quiet = 0.0
                            yield ": still here\n\n"
                        continue
                    yield _event(version)
            finally:
                preview._listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/", index),
            Route("/view/{name}", view),
            Route("/page/{name}", page),
            Route("/state/{name}", state),
            Route("/events", events),
            Route("/_preview/{file}", asset),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=[HOST, "localhost"]),
            Middleware(Secure),
        ],
    )


def _event(version: int) -> str:
    return f"event: build\ndata: {json.dumps({'version': version})}\n\n"


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<link rel="stylesheet" href="/_preview/preview.css"></head>'
        f'<body><main class="plain"><h1>{html.escape(title)}</h1>{body}</main></body></html>\n'
    )


def _viewer(name: str) -> str:
    shown = html.escape(name)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {shown}</title>
<link rel="stylesheet" href="/_preview/preview.css">
<script src="/_preview/preview.js" defer></script>
</head>
<body data-name="{shown}">
<header><strong>easyread preview</strong> <span>{shown}</span>
<span id="status" role="status">building…</span></header>
<div class="panes">
<iframe id="page" title="The page as built"></iframe>
<section id="errors" hidden aria-labelledby="errors-title">
<h2 id="errors-title">This file cannot be built</h2>
<p>Fix these, save, and the page comes back by itself.</p><ul></ul></section>
<aside id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">What check found</h2><div id="scores"></div><ol id="list"></ol>
</aside>
</div>
</body></html>
"""


def open_socket(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 only; port 0 takes a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


async def serve_preview(preview: Preview, sock: socket.socket) -> None:
    """Build once, then serve and watch until Ctrl-C (or SIGTERM)."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame):
            preview.stopping.set()  # ends the event streams, so shutdown does not wait
            super().handle_exit(sig, frame)

    await asyncio.to_thread(preview.rebuild)
    config = uvicorn.Config(
        make_app(preview),
        log_level="warning",
        access_log=False,
        lifespan="off",
        ws="none",
        http="h11",
        timeout_graceful_shutdown=2,
    )
    server = Server(config)
    watcher = asyncio.create_task(preview.watch_files())
    try:
        await server.serve(sockets=[sock])
    finally:
        preview.stopping.set()
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
