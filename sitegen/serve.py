"""`serve`: build, serve public/ on localhost under the base path, rebuild and reload on change.

A background thread watches seeds/, content/, themes/ and pyproject.toml (watchfiles) and
rebuilds; open pages hold a Server-Sent Events connection and reload when a build lands.
A failed build is printed in the terminal and shown on the page; the server keeps running
and keeps serving the last good site. The live-reload script is added to responses only,
never written into public/.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from watchfiles import Change, watch

from sitegen.build import build
from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.urls import Urls

EVENTS = "/__sitegen/events"
RELOAD = "/__sitegen/reload.js"
RELOAD_JS = b"""(function () {
  var source = new EventSource("/__sitegen/events");
  source.addEventListener("build", function (event) {
    var data = JSON.parse(event.data);
    if (!data.error) { location.reload(); return; }
    var box = document.getElementById("sitegen-error") || document.createElement("pre");
    box.id = "sitegen-error";
    box.className = "sitegen-build-error";
    box.textContent = "Build failed:\\n" + data.error;
    document.body.appendChild(box);
  });
})();
"""


@dataclasses.dataclass
class State:
    """What the server shares between the watcher thread and request handlers."""

    version: int = 0
    error: str = ""
    changed: threading.Condition = dataclasses.field(default_factory=threading.Condition)

    def wait(self, seen: int, timeout: float) -> int:
        """Block until a build newer than `seen` lands (or the timeout); the current version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version

    def publish(self, error: str) -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()


def rebuild(build: Callable[[], list[str]], state: State) -> None:
    """Run one build; report its errors in the terminal and to open pages."""
    started = time.perf_counter()
    try:
        errors = build()
    except SitegenError as exc:
        errors = [str(exc)]
    for error in errors:
        print(f"error: {error}", file=sys.stderr, flush=True)
    print(f"rebuilt in {time.perf_counter() - started:.1f}s", flush=True)
    state.publish("\n".join(errors))


def watch_and_rebuild(
    paths: list[Path], build: Callable[[], list[str]], state: State, stop: threading.Event
) -> None:
    existing = [p for p in paths if p.exists()]
    for _changes in watch(*existing, watch_filter=_visible, stop_event=stop, debounce=300):
        rebuild(build, state)


def _visible(_change: Change, path: str) -> bool:
    """Changes worth a rebuild: not hidden files (the ingest ledger, editors' swap files)."""
    return not Path(path).name.startswith(".") and not path.endswith("~")


def make_handler(
    out: Path, base_path: str, state: State
) -> type[http.server.BaseHTTPRequestHandler]:
    """A handler serving `out` under `base_path`, with the reload script and event stream."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(out), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS:
                self._events()
            elif path == RELOAD:
                self._send(200, "text/javascript", RELOAD_JS)
            elif not path.startswith(base_path):
                self.send_error(404, "outside the site's base path")
            else:
                self._file(unquote(path[len(base_path) :]))

        def _file(self, relative: str) -> None:
            target = (out / relative).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(out.resolve()) or not target.is_file():
                target = out / "404.html"
                status = 404
            else:
                status = 200
            data = target.read_bytes()
            if target.suffix == ".html":
                tag = f'<script src="{RELOAD}"></script></body>'.encode()
                data = data.replace(b"</body>", tag, 1)
            self._send(status, self.guess_type(str(target)), data)

        def _send(self, status: int, content_type: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = state.version
            try:
                while True:
                    version = state.wait(seen, timeout=15)
                    if version == seen:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        seen = version
                        payload = json.dumps({"version": seen, "error": state.error})
                        self.wfile.write(f"event: build\ndata: {payload}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def serve(config: SiteConfig, root: Path, host: str, port: int) -> None:
    """Build, then serve and rebuild until interrupted."""
    local = dataclasses.replace(
        config, base_url=f"http://{host}:{port}{Urls(config.base_url).base_path}"
    )

    def run_build() -> list[str]:
        return build(local, root).errors

    state = State()
    rebuild(run_build, state)
    stop = threading.Event()
    watched = [config.seeds, config.content, root / "themes", root / "pyproject.toml"]
    watcher = threading.Thread(
        target=watch_and_rebuild, args=(watched, run_build, state, stop), daemon=True
    )
    watcher.start()
    base_path = Urls(local.base_url).base_path
    server = http.server.ThreadingHTTPServer(
        (host, port), make_handler(config.out, base_path, state)
    )
    server.daemon_threads = True
    print(f"serving {config.out} at http://{host}:{port}{base_path} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
