"""The preview's HTTP server: the plan at ``/`` and build announcements at ``/events``.

Nothing else is served: no files, no folder listings. Every response forbids caching,
and the page runs under a Content-Security-Policy that allows only its own reload script
and inline styles. While bound to a loopback address, requests must name a local host in
their Host header, so that a web site cannot read the plan through DNS rebinding.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import socketserver
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ntsplan.errors import UsageError
from ntsplan.serve.live import LivePreview

# An event stream sends a comment this often (seconds), so that a closed tab is noticed.
KEEPALIVE_SECONDS = 15.0
# How soon (ms) a page reconnects when the server went away, for example after a restart.
RECONNECT_MS = 1000

_LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _policy(nonce: str) -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the preview it serves."""

    daemon_threads = True  # an open event stream must not keep the process alive

    def __init__(self, address: tuple[str, int], family: int, preview: LivePreview) -> None:
        self.address_family = family
        self.preview = preview
        self.loopback = is_loopback(address[0])
        self.local_names = _LOCAL_NAMES | {address[0].lower()}
        super().__init__(address, PreviewHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's full DNS name, which can hang for
        # seconds on a machine without DNS; the name is used for nothing here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-response is normal; anything else is a bug."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        """The address to open in a browser, with the port actually bound."""
        host, port = self.server_address[:2]
        assert isinstance(host, str)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's Host header fits this server (always, off loopback)."""
        if not self.loopback or header is None:
            return True
        name = header.strip().lower()
        if name.startswith("["):
            name = name[1 : name.find("]")]
        elif name.count(":") == 1:
            name = name.partition(":")[0]
        return name in self.local_names


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves ``/`` and ``/events``; everything else is 404. Only GET and HEAD."""

    server: PreviewServer
    server_version = "ntsplan-serve"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._dispatch(with_body=True)

    def do_HEAD(self) -> None:
        self._dispatch(with_body=False)

    def _dispatch(self, *, with_body: bool) -> None:
        if not self.server.host_allowed(self.headers.get("Host")):
            self._text(HTTPStatus.FORBIDDEN, "Forbidden: unknown Host header.\n", with_body)
            return
        path = urlsplit(self.path).path
        if path == "/":
            self._page(with_body)
        elif path == "/events" and with_body:
            self._events()
        else:
            self._text(HTTPStatus.NOT_FOUND, "Not found: the plan is at /.\n", with_body)

    def _page(self, with_body: bool) -> None:
        snapshot = self.server.preview.current()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(snapshot.page)))
        self.send_header("Content-Security-Policy", _policy(snapshot.nonce))
        self._common_headers()
        self.end_headers()
        if with_body:
            self.wfile.write(snapshot.page)

    def _events(self) -> None:
        """Announce the current build at once, then every new one, until the client leaves."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers()
        self.end_headers()
        seen: str | None = None
        try:
            self.wfile.write(f"retry: {RECONNECT_MS}\n\n".encode())
            while True:
                snapshot = self.server.preview.wait(seen, KEEPALIVE_SECONDS)
                if snapshot is None:  # the server is stopping
                    return
                if snapshot.token != seen:
                    seen = snapshot.token
                    self.wfile.write(f"event: build\ndata: {seen}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded

    def _text(self, status: HTTPStatus, text: str, with_body: bool) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for builds and problems, not for every request."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) is reachable from this machine only."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def make_server(host: str, port: int, preview: LivePreview) -> PreviewServer:
    """Bind the preview server to ``host``:``port`` (port 0: any free port).

    Raises ``UsageError`` (exit code 2) when the host is unknown or the port is taken.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UsageError(
            f"cannot serve on host '{host}': {error}",
            hint="give an address such as 127.0.0.1 with --host",
        ) from None
    family, _, _, _, address = infos[0]
    try:
        return PreviewServer((str(address[0]), int(address[1])), family, preview)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use",
                hint="stop the program that uses it, or choose another port with --port",
            ) from None
        if error.errno == errno.EACCES:
            raise UsageError(
                f"not allowed to serve on port {port} of {host}",
                hint="ports below 1024 need extra rights; choose another port with --port",
            ) from None
        raise UsageError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
