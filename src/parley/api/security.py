"""The fences around the app: response headers, a request size limit and the write token.

Pages show untrusted article text; escaping is the first fence and the Content-Security-Policy
the second (no scripts at all, nothing loaded from elsewhere, forms post only here).  Bodies
are counted as they arrive, so a client that lies about (or omits) its Content-Length is
stopped at the limit too.  Writes need ``Authorization: Bearer <token>``; a server started
without a token refuses every write.
"""

from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import TOKEN_VARIABLE, Settings

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

bearer = HTTPBearer(auto_error=False, description=f"The server's write token ({TOKEN_VARIABLE}).")


class SecurityHeaders:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the {limit}-byte limit")


def _too_large_body(limit: int) -> bytes:
    error = {"status": 413, "code": "payload_too_large", "message": f"the request body is over the {limit}-byte limit"}
    return json.dumps({"error": error}).encode()


class BodyLimit:
    """Refuses request bodies over ``max_bytes``: by Content-Length up front, else as read."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Send) -> None:
        body = _too_large_body(self.max_bytes)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def token_matches(settings: Settings, offered: str | None) -> bool:
    """Whether ``offered`` is the server's token (compared in constant time)."""
    if settings.token is None or not offered:
        return False
    return hmac.compare_digest(offered.encode("utf-8"), settings.token.encode("utf-8"))


def require_write(settings: Settings, offered: str | None) -> None:
    """403 on a read-only server, 401 without the right token; nothing when writes may go on."""
    if not settings.writable:
        raise HTTPException(403, f"this server is read-only: start it with {TOKEN_VARIABLE} set to allow writes")
    if not token_matches(settings, offered):
        raise HTTPException(401, "writes need the server's token: Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return credentials.credentials if credentials is not None else None


def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _host_name(value: str) -> str:
    """The host of a ``Host`` header without its port (IPv6 brackets removed)."""
    if value.startswith("["):
        return value[1:].split("]")[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """Answers 400 to requests whose ``Host`` is not one of ``hosts`` (against DNS rebinding)."""

    def __init__(self, app: ASGIApp, *, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if _host_name(header).lower() in self.hosts:
            await self.app(scope, receive, send)
            return
        error = {"status": 400, "code": "bad_request", "message": "this server does not answer to that host name"}
        body = json.dumps({"error": error}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
