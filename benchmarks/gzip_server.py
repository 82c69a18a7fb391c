"""A small local static server that gzips text responses, as a static host would, and logs bytes."""

import gzip
import http.server
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

# What static hosts compress (GitHub Pages, Netlify, nginx with gzip_types): text, not images.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)
LEVEL = 6  # the usual default of gzip and of most hosts


@dataclass
class Sent:
    """One response the server sent: path, status, body bytes on the wire and before gzip."""

    path: str
    status: int
    wire: int
    raw: int
    gzipped: bool


@dataclass
class Log:
    """Every response sent since the last reset, shared by the handler threads."""

    entries: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: Sent) -> None:
        """Record one response."""
        with self.lock:
            self.entries.append(entry)

    def take(self) -> list[Sent]:
        """Return the responses logged so far and start a new log."""
        with self.lock:
            entries, self.entries = self.entries, []
        return entries


def free_port() -> int:
    """Ask the system for a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def handler_for(root: Path, log: Log) -> type[http.server.SimpleHTTPRequestHandler]:
    """Make a request handler class that serves `root`, gzips text and records each response."""
    cache: dict[Path, tuple[float, bytes]] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        """Serve files from the built site; gzip text when the client accepts it."""

        protocol_version = "HTTP/1.1"
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".js": "application/javascript",
            ".mjs": "application/javascript",
            ".json": "application/json",
            ".svg": "image/svg+xml",
            ".webmanifest": "application/manifest+json",
            ".xml": "application/xml",
        }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format, *args):
            """Keep the benchmark's output clean."""

        def send_head(self):
            """Serve a file, gzipped when it is text and the client says it accepts gzip."""
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?", 1)[0].endswith("/"):
                    return super().send_head()
                path = path / "index.html"
            ctype = self.guess_type(str(path))
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not path.is_file():
                return self.not_found()
            if not (accepts and ctype.startswith(COMPRESSIBLE)):
                raw = path.stat().st_size
                log.add(Sent(self.path, 200, raw, raw, False))
                return super().send_head()
            mtime = path.stat().st_mtime
            if path not in cache or cache[path][0] != mtime:
                cache[path] = (mtime, gzip.compress(path.read_bytes(), LEVEL, mtime=0))
            body = cache[path][1]
            self.send_response(200)
            self.send_header(
                "Content-Type", ctype + ("; charset=utf-8" if "text/" in ctype else "")
            )
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            log.add(Sent(self.path, 200, len(body), path.stat().st_size, True))
            if self.command == "HEAD":
                return None
            self.wfile.write(body)
            return None

        def not_found(self):
            """Answer 404 with the site's own 404 page, as static hosts do."""
            page = root / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            log.add(Sent(self.path, 404, len(body), len(body), False))
            if self.command != "HEAD":
                self.wfile.write(body)
            return None

    return Handler


class GzipServer:
    """Serve a built site on 127.0.0.1 in a background thread; use it as a context manager."""

    def __init__(self, root: Path, port: int | None = None):
        self.root = root
        self.port = port or free_port()
        self.log = Log()
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", self.port), handler_for(root, self.log)
        )
        self.httpd.daemon_threads = True
        self.httpd.handle_error = self.handle_error
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def handle_error(self, request, client_address) -> None:
        """Ignore a browser that hangs up early; report anything else."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            http.server.ThreadingHTTPServer.handle_error(self.httpd, request, client_address)

    @property
    def url(self) -> str:
        """The site's address."""
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> "GzipServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
