"""Exceptions raised by the Lastmile SDK."""

from __future__ import annotations

from typing import Optional


class LastmileError(Exception):
    """Base class of every error the SDK raises."""


class APIError(LastmileError):
    """The server answered with an error status.

    Carries the HTTP ``status``, the server's error ``code`` (such as ``"not_found"``) and its
    ``message``, which says what was wrong and how to fix it.
    """

    def __init__(self, status: int, code: str, message: str, retry_after: Optional[float] = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after


class BadRequest(APIError):
    """400: the request was malformed or refused as invalid."""


class Unauthorized(APIError):
    """401: no token, or the token is not valid."""


class Forbidden(APIError):
    """403: the token's user lacks the role the call needs."""


class NotFound(APIError):
    """404: the workspace, model, pipeline or assay does not exist."""


class Conflict(APIError):
    """409: the call conflicts with the current state (for example, a name already taken)."""


class Unavailable(APIError):
    """503: the server is overloaded or the pipeline is not ready; ``retry_after`` says when to retry."""


class ConversionError(LastmileError):
    """A model could not be converted to ONNX, or the converted model disagrees with the original.

    ``max_difference`` is the largest absolute difference found on the sample when the
    conversion ran but disagreed, otherwise None.
    """

    def __init__(self, message: str, max_difference: Optional[float] = None) -> None:
        super().__init__(message)
        self.message = message
        self.max_difference = max_difference


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict, 503: Unavailable}


def error_for(status: int, code: str, message: str, retry_after: Optional[float] = None) -> APIError:
    """The most specific :class:`APIError` subclass for ``status``."""
    cls = _BY_STATUS.get(status, APIError)
    return cls(status, code, message, retry_after)
