"""HTML and other text compressed in the app, so that no proxy rule is needed for it.

Django's GZipMiddleware with two limits: only text (pages, CSV, JSON, XML, SVG; PDFs, office
files and videos are compressed already), and only whole answers (200), never a part of a file
(206, where the byte range counts the file's own bytes). BREACH: Django masks the CSRF token
afresh for every response and GZipMiddleware pads every body with up to 100 random bytes, so a
secret cannot be guessed from the compressed length; the cached public pages hold no secret.
"""

from __future__ import annotations

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = {
    "application/json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
}


def compressible(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in TEXT_TYPES or kind.endswith(("+json", "+xml"))


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.status_code != 200 or not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
