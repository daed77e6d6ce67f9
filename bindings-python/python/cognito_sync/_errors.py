"""The exception hierarchy of :mod:`cognito_sync`.

Every error the library raises derives from :class:`CognitoSyncError`, which carries the
AWS error ``code``, the ``message``, the ``request_id`` and the HTTP ``status_code`` of the
failing response (``None`` when there was no response). Service errors of the Cognito Sync
model have one subclass each, named like boto3's (``client.exceptions.ResourceConflictException``
in boto3 is ``cognito_sync.ResourceConflictException`` here). Client-side failures have their
own classes: :class:`ValidationError` (also a :class:`ValueError`), :class:`CredentialsError`,
:class:`TransportError` and :class:`RequestTimeoutError`.

The native module raises these classes; they are plain Python so they pickle, subclass and
type-check like any other exception.
"""

from __future__ import annotations

import builtins

# `typing` costs milliseconds to import: only type checkers read these names.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional

__all__ = [
    "CognitoSyncError",
    "ServiceError",
    "InvalidParameterException",
    "NotAuthorizedException",
    "ResourceNotFoundException",
    "ResourceConflictException",
    "LimitExceededException",
    "TooManyRequestsException",
    "InternalErrorException",
    "InvalidConfigurationException",
    "InvalidLambdaFunctionOutputException",
    "LambdaThrottledException",
    "DuplicateRequestException",
    "AlreadyStreamedException",
    "ConcurrentModificationException",
    "ValidationError",
    "CredentialsError",
    "TransportError",
    "RequestTimeoutError",
    "ClientRuntimeError",
    "SyncError",
    "SyncConflictError",
    "SyncCancelledError",
    "SyncIdentityError",
    "StorageError",
]


class CognitoSyncError(Exception):
    """Base class of every error raised by :mod:`cognito_sync`.

    Attributes:
        code: the AWS error code (``"ResourceConflictException"``...), or ``None`` for
            client-side errors.
        message: the human-readable message.
        request_id: the ``x-amzn-RequestId`` of the failing response, if any.
        status_code: the HTTP status of the failing response, if any.
        retryable: whether trying again later may succeed.
    """

    code: Optional[str]
    message: str
    request_id: Optional[str]
    status_code: Optional[int]
    retryable: bool
    kind: Optional[str] = None

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        request_id: Optional[str] = None,
        status_code: Optional[int] = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id
        self.status_code = status_code
        self.retryable = retryable

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}" if self.code else self.message
        if self.status_code is not None:
            extra = f"HTTP {self.status_code}"
            if self.request_id:
                extra += f", request id {self.request_id}"
            text += f" ({extra})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code!r}, "
            f"request_id={self.request_id!r}, status_code={self.status_code!r})"
        )

    def __reduce__(self) -> Any:
        # Keyword-only attributes would be lost by the default exception pickling.
        return (
            _rebuild,
            (
                type(self),
                self.message,
                self.code,
                self.request_id,
                self.status_code,
                self.retryable,
            ),
        )


def _rebuild(
    cls: type[CognitoSyncError],
    message: str,
    code: Optional[str],
    request_id: Optional[str],
    status_code: Optional[int],
    retryable: bool,
) -> CognitoSyncError:
    return cls(
        message,
        code=code,
        request_id=request_id,
        status_code=status_code,
        retryable=retryable,
    )


class ServiceError(CognitoSyncError):
    """An error response of the service. Codes outside the model (``AccessDeniedException``,
    ``InvalidSignatureException``, or the bare HTTP status when the response named no
    code) are raised as this class itself, with the code kept verbatim."""


class InvalidParameterException(ServiceError):
    """A parameter was rejected by the service (HTTP 400)."""


class NotAuthorizedException(ServiceError):
    """The caller may not access the resource (HTTP 403)."""


class ResourceNotFoundException(ServiceError):
    """The identity pool, identity, dataset or device does not exist (HTTP 404)."""


class ResourceConflictException(ServiceError):
    """A record patch was based on a stale sync count (HTTP 409): list the records
    again, merge, and retry."""


class LimitExceededException(ServiceError):
    """Too many datasets, records or bytes for this identity (HTTP 400)."""


class TooManyRequestsException(ServiceError):
    """Throttled (HTTP 429); retried automatically up to ``max_attempts``."""


class InternalErrorException(ServiceError):
    """The service failed (HTTP 500); retried automatically up to ``max_attempts``."""


class InvalidConfigurationException(ServiceError):
    """Push sync is not configured for the identity pool (HTTP 400)."""


class InvalidLambdaFunctionOutputException(ServiceError):
    """The Cognito sync trigger returned an invalid result (HTTP 400)."""


class LambdaThrottledException(ServiceError):
    """The Cognito sync trigger was throttled (HTTP 429); retried automatically."""


class DuplicateRequestException(ServiceError):
    """A bulk publish is already in progress (HTTP 400)."""


class AlreadyStreamedException(ServiceError):
    """A bulk publish already completed within the last 24 hours (HTTP 400)."""


class ConcurrentModificationException(ServiceError):
    """The configuration was changed concurrently (HTTP 400)."""


class ValidationError(CognitoSyncError, ValueError):
    """A parameter broke a rule of the service model (length, pattern, range, enum);
    nothing was sent. Also a :class:`ValueError`."""


class CredentialsError(CognitoSyncError):
    """No credentials could be found or obtained (including Cognito Identity failures)."""


class TransportError(CognitoSyncError):
    """The request could not be sent or its response not read (connection refused or
    reset, TLS, malformed response)."""


class RequestTimeoutError(TransportError, builtins.TimeoutError):
    """A call took longer than ``call_timeout`` (or a connection longer than
    ``connect_timeout``). Also a :class:`TimeoutError`."""


class ClientRuntimeError(CognitoSyncError, RuntimeError):
    """The client was used where it cannot work (e.g. a blocking call from a thread of
    the library's own runtime). Also a :class:`RuntimeError`."""


class SyncError(CognitoSyncError):
    """A failure specific to the sync manager (see the subclasses). Sync failures that
    are ordinary client errors keep their usual class (``ValidationError`` for an
    invalid key, ``TransportError`` when offline, ``NotAuthorizedException``...); every
    exception raised by the sync manager has a ``kind`` attribute naming the core's
    sync error kind (``"Network"``, ``"Cancelled"``...)."""


class SyncConflictError(SyncError):
    """The service kept reporting conflicting writes after every allowed attempt."""


class SyncCancelledError(SyncError):
    """The conflict resolver returned ``Resolution.abort()``: nothing was applied."""


class SyncIdentityError(SyncError):
    """The dataset handle or the synchronize belongs to another identity than the
    store's active one (or an identity switch would merge colliding datasets)."""


class StorageError(SyncError):
    """The local database failed (I/O error, full disk, corrupt or newer file)."""


# Kind name (as the native module reports it) -> class.
_BY_KIND: dict[str, type[CognitoSyncError]] = {
    "InvalidParameter": InvalidParameterException,
    "NotAuthorized": NotAuthorizedException,
    "ResourceNotFound": ResourceNotFoundException,
    "ResourceConflict": ResourceConflictException,
    "LimitExceeded": LimitExceededException,
    "TooManyRequests": TooManyRequestsException,
    "InternalError": InternalErrorException,
    "InvalidConfiguration": InvalidConfigurationException,
    "InvalidLambdaFunctionOutput": InvalidLambdaFunctionOutputException,
    "LambdaThrottled": LambdaThrottledException,
    "DuplicateRequest": DuplicateRequestException,
    "AlreadyStreamed": AlreadyStreamedException,
    "ConcurrentModification": ConcurrentModificationException,
    "Validation": ValidationError,
    "Credentials": CredentialsError,
    "Transport": TransportError,
    "Timeout": RequestTimeoutError,
    "Runtime": ClientRuntimeError,
    "Service": ServiceError,
}


def _make(
    kind: str,
    message: str,
    code: Optional[str],
    request_id: Optional[str],
    status_code: Optional[int],
    retryable: bool,
) -> CognitoSyncError:
    """Called by the native module to build the exception of a core error."""
    cls = _BY_KIND.get(kind, CognitoSyncError)
    return cls(
        message,
        code=code,
        request_id=request_id,
        status_code=status_code,
        retryable=retryable,
    )


_BY_CODE: dict[str, type[CognitoSyncError]] = {
    cls.__name__: cls for cls in ServiceError.__subclasses__()
}

_BY_SYNC_KIND: dict[str, type[CognitoSyncError]] = {
    "InvalidArgument": ValidationError,
    "LimitExceeded": LimitExceededException,
    "Storage": StorageError,
    "Network": TransportError,
    "NotAuthorized": NotAuthorizedException,
    "ConflictRetriesExhausted": SyncConflictError,
    "Cancelled": SyncCancelledError,
    "IdentityChanged": SyncIdentityError,
    "IdentityCollision": SyncIdentityError,
    "Identity": CredentialsError,
    "Runtime": ClientRuntimeError,
}


def _make_sync(
    kind: str,
    message: str,
    code: Optional[str],
    request_id: Optional[str],
    status_code: Optional[int],
    retryable: bool,
) -> CognitoSyncError:
    """Called by the native module to build the exception of a sync manager error."""
    if kind == "Service":
        cls = _BY_CODE.get(code or "", ServiceError)
    else:
        cls = _BY_SYNC_KIND.get(kind, SyncError)
    err = cls(
        message,
        code=code,
        request_id=request_id,
        status_code=status_code,
        retryable=retryable,
    )
    err.kind = kind
    return err
