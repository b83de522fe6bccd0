"""A local HTTP server's handler that records every request: the fetcher tests and the
hostile-render tests use it to prove that nothing is fetched."""

from __future__ import annotations

import http.server

PIXEL_PNG = (  # a 1x1 PNG, so a test can see whether an image reached the PDF
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a few bytes and records its path in ``requests`` (set on a
    subclass per server)."""

    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b"hostile"
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None
