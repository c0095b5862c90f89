"""The HTTP session under :class:`lastmile.Client`: JSON calls and error mapping."""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping, Optional
from urllib.parse import quote

import requests

from .errors import LastmileError, error_for


def segment(value: str) -> str:
    """``value`` percent-encoded as one URL path segment."""
    return quote(value, safe="")


class HTTP:
    """A ``requests`` session bound to one server URL and bearer token."""

    def __init__(self, url: str, token: Optional[str], timeout: float) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.headers["User-Agent"] = "lastmile-python"

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: Optional[bytes] = None,
        content_type: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        stream: bool = False,
    ) -> requests.Response:
        """Sends one request and returns the response, raising :class:`APIError` on 4xx/5xx."""
        headers = {}
        body: Optional[bytes] = data
        if json_body is not None:
            body = json.dumps(json_body, allow_nan=False).encode()
            headers["Content-Type"] = "application/json"
        elif content_type:
            headers["Content-Type"] = content_type
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = self.session.request(
                method, self.url + path, data=body, headers=headers, params=clean,
                timeout=self.timeout, stream=stream,
            )
        except requests.RequestException as error:
            raise LastmileError(f"could not reach the Lastmile server at {self.url}: {error}") from error
        if response.status_code >= 400:
            raise self._error(response)
        return response

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Sends one request and returns the decoded JSON reply (None for an empty body)."""
        response = self.request(method, path, **kwargs)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise LastmileError(f"{method} {path}: the server's reply is not JSON: {response.text[:200]!r}") from error

    def download(self, path: str, params: Mapping[str, Any], chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """Streams the body of a GET."""
        response = self.request("GET", path, params=params, stream=True)
        with response:
            yield from response.iter_content(chunk_size)

    @staticmethod
    def _error(response: requests.Response) -> Exception:
        code, message = "http_error", response.text[:500] or response.reason
        try:
            payload = response.json()
            error = payload.get("error", {}) if isinstance(payload, dict) else {}
            code = str(error.get("code", code))
            message = str(error.get("message", message))
        except ValueError:
            pass
        retry = response.headers.get("Retry-After")
        retry_after: Optional[float] = None
        if retry:
            try:
                retry_after = float(retry)
            except ValueError:
                retry_after = None
        return error_for(response.status_code, code, message, retry_after)
