"""`journeymap serve`: the workshop page. Every journey's views and the handbook, redrawn in
the browser as soon as a file is saved; an invalid edit shows its errors (file:line) on the
page while the last good diagrams stay up.

The server is the standard library's (one thread a request, loopback only unless asked); the
page learns of a new version through server-sent events (`/events`), which browsers reconnect
by themselves, and fetches the drawing it shows. Drawings are made when asked, once a
version, so a save redraws only what is on screen. Nothing is loaded from the network.

It answers only requests addressed to it: a Host header naming anything but an IP address,
`localhost` or the name it was asked to listen on is refused (a page on another site that
rebinds its own name to 127.0.0.1 cannot read the workspace). Connections are bounded in
number, a request that breaks off or cannot be served is logged in one line, and drawing
happens outside the lock that `/state.json` takes, so a slow layout never holds the page.
"""

from __future__ import annotations

import gc
import ipaddress
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from journeymap.errors import ContentError, JourneymapError
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace

#: what a rebuild loads: the workspace and, with actuals, the statuses
Loader = Callable[[], tuple[Workspace, Statuses | None]]
VIEWS = ("map", "blueprint", "lifecycle", "chain")
#: connections served at once; one more is closed at once (a page holds two or three)
MAX_CONNECTIONS = 64


@dataclass
class Live:
    """The last good workspace and what the page shows of it; `rebuild` on every save."""

    load: Loader
    version: int = 0
    errors: list[str] = field(default_factory=list)
    checked: str = ""  # when the files were last read
    _ws: Workspace | None = None
    _statuses: Statuses | None = None
    _good: int = 0  # good builds so far: the drawings and handbook are of the last one
    _drawn: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _handbook: tuple[int, Path] | None = None
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        try:
            ws, statuses = self.load()
        except ContentError as exc:
            errors = [f"{f.location}: {f.code} {f.message}" for f in exc.findings
                      if f.severity == "error"] or [str(exc)]
            ws = statuses = None
        except (JourneymapError, OSError) as exc:
            errors, ws, statuses = [str(exc)], None, None
        else:
            errors = []
        _release()
        with self._lock:
            if ws is not None:  # an invalid edit keeps the last good workspace
                self._ws, self._statuses = ws, statuses
                self._good += 1
                self._drawn.clear()
            self.errors = errors
            self.checked = time.strftime("%H:%M:%S")
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version, once it is newer than `seen` (or after `timeout`)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def state(self) -> dict[str, Any]:
        with self._lock:
            journeys = [{"id": e.item.id, "title": e.item.title}
                        for e in self._ws.journeys] if self._ws else []
            return {"version": self.version, "errors": self.errors, "checked": self.checked,
                    "journeys": journeys}

    def drawing(self, journey: str, view: str) -> bytes | None:
        """The SVG of a view of a journey (the chain: of that journey), drawn once a build;
        or for `slides`, the map laid out for a projector, its pages as JSON (the presenter
        steps through them, the overview first). Drawn outside the lock: `/state.json` and
        the other views stay answered meanwhile."""
        from journeymap.diagrams import Drawing, diagram_jobs, draw, draw_parts

        key = (journey, view)
        with self._lock:
            ws, statuses, good = self._ws, self._statuses, self._good
            known = ws is not None and any(e.item.id == journey for e in ws.journeys)
            if ws is None or not known or view not in (*VIEWS, "slides"):
                return None
            if key in self._drawn:
                return self._drawn[key]
        [job] = diagram_jobs(ws, [journey], ["map" if view == "slides" else view])
        try:
            pages = draw_parts(ws, job, Drawing("svg", statuses=statuses, page="16:9")) \
                if view == "slides" else [draw(ws, job, "svg", "auto", statuses)]
        except JourneymapError as exc:
            pages = [_message_svg(str(exc))]
        drawn = json.dumps({"slides": [p.decode("utf-8") for p in pages]}).encode() \
            if view == "slides" else pages[0]
        with self._lock:
            if good == self._good:  # not a drawing of a workspace replaced meanwhile
                self._drawn[key] = drawn
        return drawn

    def handbook(self, folder: Path) -> Path | None:
        """The handbook of the last good workspace, built into `folder` once a build."""
        from journeymap.handbook import Publish, Shown, build_handbook

        with self._lock:
            if self._ws is None:
                return None
            if self._handbook is None or self._handbook[0] != self._good:
                site = folder / f"build-{self._good}"
                build_handbook(self._ws, Shown(self._statuses), Publish(site))
                _release()
                if self._handbook is not None:
                    shutil.rmtree(self._handbook[1], ignore_errors=True)
                self._handbook = (self._good, site)
            return self._handbook[1]


def _release() -> None:
    """Let the collector have what the last build left. Loading and building pause it and
    freeze what they made (journeymap.memory), right for a one-shot run; a server replaces
    each build with the next, so it unfreezes and collects once per build (RSS on the example:
    flat over 40 builds, where it grew by 29 MB)."""
    gc.unfreeze()
    gc.collect()


def _message_svg(text: str) -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="60">'
            f'<text x="10" y="35" font-family="sans-serif" font-size="16">{escape(text)}</text>'
            "</svg>").encode()


def host_names(host: str) -> frozenset[str]:
    """The names a Host header may give besides an IP address: `localhost`, the name the
    server listens on and, listening on every address, this machine's own names."""
    names = {"localhost", host.lower().strip("[]")}
    if host in ("", "0.0.0.0", "::"):
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def addressed_to_us(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request's Host header (`name`, `name:port`, `[v6]:port`) names this server.
    A DNS rebinding attack sends its own domain name; an IP address cannot be rebound."""
    if not header:
        return False
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1:host.find("]")] if "]" in host else ""
    elif host.count(":") == 1:
        host = host.split(":")[0]
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return host.rstrip(".") in names


class _Handler(BaseHTTPRequestHandler):
    live: Live
    handbook_folder: Path
    page: bytes
    stopping: threading.Event
    names: frozenset[str]
    timeout = 60  # seconds a connection may sit without sending its request

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI says what matters
        pass

    def do_GET(self) -> None:
        if not addressed_to_us(self.headers.get("Host"), self.names):
            self.send_error(HTTPStatus.FORBIDDEN, "this server answers only requests "
                            "addressed to it (Host)")
            return
        path = unquote(urlsplit(self.path).path)
        if "\x00" in path:
            self._send(None, "")
        elif path == "/":
            self._send(self.page, "text/html; charset=utf-8")
        elif path == "/state.json":
            self._send(json.dumps(self.live.state()).encode("utf-8"), "application/json")
        elif path == "/events":
            self._events()
        elif path.startswith("/view/") and path.endswith(".svg"):
            parts = path[len("/view/"):-len(".svg")].split("/")
            drawn = self.live.drawing(*parts) if len(parts) == 2 and parts[1] in VIEWS \
                else None
            self._send(drawn, "image/svg+xml")
        elif path.startswith("/slides/") and path.endswith(".json"):
            self._send(self.live.drawing(path[len("/slides/"):-len(".json")], "slides"),
                       "application/json")
        elif path == "/handbook" or path.startswith("/handbook/"):
            self._handbook(path[len("/handbook"):].lstrip("/") or "index.html")
        else:
            self._send(None, "")

    def _handbook(self, name: str) -> None:
        try:
            site = self.live.handbook(self.handbook_folder)
        except JourneymapError as exc:
            self._send(escape(str(exc)).encode("utf-8"), "text/plain; charset=utf-8")
            return
        target = (site / name).resolve() if site else None
        inside = site is not None and target is not None and target.is_relative_to(
            site.resolve()) and target.is_file()
        kind = {".html": "text/html; charset=utf-8", ".css": "text/css",
                ".js": "text/javascript"}.get(target.suffix if target else "", "text/plain")
        self._send(target.read_bytes() if inside and target else None, kind)

    def _events(self) -> None:
        """Server-sent events: the version now, then each new one, until the client leaves."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while not self.stopping.is_set():
                version = self.live.wait(seen, timeout=15)
                message = f"data: {version}\n\n" if version != seen else ": still here\n\n"
                self.wfile.write(message.encode("ascii"))
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, body: bytes | None, kind: str) -> None:
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """At most MAX_CONNECTIONS at once; a failed request is one line on stderr."""

    daemon_threads = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return  # the browser went away or never asked: nothing to say
        from journeymap.textsafe import terminal

        sys.stderr.write(f"journeymap serve: a request from {client_address[0]} failed: "
                         f"{terminal(type(error).__name__)}: {terminal(error)}\n")


def serve(live: Live, folders: list[Path], host: str, port: int,
          ready: Callable[[str], None], stop: threading.Event | None = None) -> None:
    """Serve the workshop page on host:port (0: any free port) until Ctrl-C or `stop`;
    `ready(url)` once listening."""
    from journeymap.diagrams.watch import watch
    from journeymap.templating import package_templates

    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():  # `kill` stops it cleanly too
        import signal

        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with tempfile.TemporaryDirectory(prefix="journeymap-serve-") as scratch:
        handler = type("Handler", (_Handler,), {
            "live": live, "handbook_folder": Path(scratch), "stopping": stop,
            "names": host_names(host),
            "page": (package_templates() / "serve.html").read_bytes()})
        server = _Server((host, port), handler)
        watcher = threading.Thread(target=watch, args=(folders, live.rebuild, stop),
                                   daemon=True)
        watcher.start()
        live.wait(0, timeout=60)  # the first build
        ready(f"http://{host if ':' not in host else f'[{host}]'}:{server.server_port}/")
        serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                   daemon=True)
        serving.start()
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.shutdown()
            server.server_close()
            live.wake()  # the event streams see `stop` and end
