"""The boto3-compatible client: ``cognito_sync.client("cognito-sync", ...)``.

Its 17 methods are native (``_native._BotoClient``): they take boto3's PascalCase keyword
arguments and return boto3's dict, ``ResponseMetadata`` included, without running any
Python code of this module when the call succeeds. This module holds the rest: the
factory (boto3's arguments, a ``botocore.config.Config``), the exceptions (botocore's
``ClientError`` and ``ParamValidationError`` when botocore is importable), paginators,
``meta``, ``close()`` and the context manager.
"""

from __future__ import annotations

import base64
import json
import os

from . import _boto_model, _errors, _native
from ._clients import Client as _NativeClient

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, Optional

class _OwnClientError(Exception):
    """botocore's ``ClientError``, for installs without botocore."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} "
        "operation{retry_info}: {error_message}"
    )

    def __init__(self, error_response: dict[str, Any], operation_name: str) -> None:
        error = error_response.get("Error", {})
        metadata = error_response.get("ResponseMetadata", {})
        retry_info = ""
        if metadata.get("MaxAttemptsReached") and "RetryAttempts" in metadata:
            retry_info = f" (reached max retries: {metadata['RetryAttempts']})"
        super().__init__(
            self.MSG_TEMPLATE.format(
                error_code=error.get("Code", "Unknown"),
                error_message=error.get("Message", "Unknown"),
                operation_name=operation_name,
                retry_info=retry_info,
            )
        )
        self.response = error_response
        self.operation_name = operation_name


class _OwnParamValidationError(Exception):
    """botocore's ``ParamValidationError``, for installs without botocore."""

    fmt = "Parameter validation failed:\n{report}"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(self.fmt.format(**kwargs))
        self.kwargs = kwargs


# botocore's classes when it is there, so that `except ClientError` code keeps working.
if TYPE_CHECKING:
    _ClientErrorBase = _OwnClientError
    _ParamValidationBase = _OwnParamValidationError
    HAS_BOTOCORE: bool
else:
    try:
        from botocore.exceptions import ClientError as _ClientErrorBase
        from botocore.exceptions import ParamValidationError as _ParamValidationBase

        HAS_BOTOCORE = True
    except ImportError:
        _ClientErrorBase = _OwnClientError
        _ParamValidationBase = _OwnParamValidationError
        HAS_BOTOCORE = False


__all__ = ["client", "Client", "ClientError", "ParamValidationError", "Paginator"]


class ClientError(_ClientErrorBase):
    """An error response of the service, as botocore raises it: ``e.response["Error"]
    ["Code"]``, ``["Message"]``, ``e.response["ResponseMetadata"]``,
    ``e.operation_name``. A subclass of ``botocore.exceptions.ClientError`` when
    botocore is installed."""

    def __reduce__(self) -> Any:
        return (type(self), (self.response, self.operation_name))


class ParamValidationError(_ParamValidationBase, ValueError):
    """The arguments of a call are wrong (unknown, missing, of the wrong type, or
    breaking a rule of the model); nothing was sent. botocore's
    ``ParamValidationError`` when botocore is installed, and always a ``ValueError``.
    ``str(e)`` is botocore's report; ``e.kwargs["report"]`` its lines."""


def _modeled(name: str) -> type[ClientError]:
    return type(name, (ClientError,), {"__module__": __name__, "__qualname__": name})


#: One class per modeled error, shared by every client (``client.exceptions.X``).
_CLASSES: dict[str, type[ClientError]] = {n: _modeled(n) for n in _boto_model.ERRORS}
globals().update(_CLASSES)


_ClientErrorClass = ClientError


class Exceptions:
    """``client.exceptions``: ``ClientError`` and one class per modeled error."""

    ClientError = _ClientErrorClass

    def __init__(self) -> None:
        for name, cls in _CLASSES.items():
            setattr(self, name, cls)

    def from_code(self, error_code: str) -> type[_ClientErrorClass]:
        """The class of an error code (``ClientError`` for codes outside the model)."""
        return _CLASSES.get(error_code, ClientError)

    def __getattr__(self, name: str) -> type[_ClientErrorClass]:
        # Only reached for names that are no modeled error.
        raise AttributeError(f"Cognito Sync has no modeled error {name!r}")


EXCEPTIONS = Exceptions()


def _param_error(op: str, kwargs: dict[str, Any], hint: Optional[str]) -> ParamValidationError:
    """Called by the native methods when their arguments are wrong."""
    report = _boto_model.validation_report(op, kwargs) or hint or "invalid parameters"
    return ParamValidationError(report=report)


def _error(op: str, native: BaseException, metadata: Optional[dict[str, Any]]) -> BaseException:
    """Called by the native methods when a call failed: a service error becomes the
    ``ClientError`` of its code; other failures (connection, timeout, credentials)
    keep the library's class (``TransportError``, ``RequestTimeoutError``...)."""
    if not isinstance(native, _errors.ServiceError) or metadata is None:
        return native
    code = native.code or str(native.status_code)
    response: dict[str, Any] = {
        "Error": {"Message": native.message, "Code": code},
        "ResponseMetadata": metadata,
    }
    cls = _CLASSES.get(code)
    if cls is not None:
        # botocore adds the error shape's members: each modeled error has `message`.
        response["message"] = native.message
        return cls(response, op)
    return ClientError(response, op)


# ---------------------------------------------------------------- configuration


def _config_value(config: Any, name: str) -> Any:
    return getattr(config, name, None) if config is not None else None


def _retry_settings(config: Any) -> tuple[int, bool]:
    """(total attempts, standard mode?) as botocore reads them: the config's
    ``retries`` (``total_max_attempts``, else ``max_attempts`` + 1, and ``mode``), else
    ``AWS_MAX_ATTEMPTS`` / ``AWS_RETRY_MODE``; by default legacy mode's 5 attempts."""
    retries = _config_value(config, "retries") or {}
    mode = retries.get("mode") or os.environ.get("AWS_RETRY_MODE") or "legacy"
    if mode not in ("legacy", "standard", "adaptive"):
        raise ValueError(f"retries mode must be legacy, standard or adaptive, not {mode!r}")
    if retries.get("total_max_attempts") is not None:
        total = int(retries["total_max_attempts"])
    elif retries.get("max_attempts") is not None:
        total = int(retries["max_attempts"]) + 1
    elif os.environ.get("AWS_MAX_ATTEMPTS", "").strip().isdigit():
        total = int(os.environ["AWS_MAX_ATTEMPTS"])
    else:
        total = 5 if mode == "legacy" else 3
    return max(1, total), mode != "legacy"


def _native_kwargs(
    service_name: str,
    region_name: Optional[str],
    api_version: Optional[str],
    use_ssl: bool,
    verify: Any,
    endpoint_url: Optional[str],
    aws_access_key_id: Optional[str],
    aws_secret_access_key: Optional[str],
    aws_session_token: Optional[str],
    config: Any,
) -> tuple[dict[str, Any], int, bool]:
    if service_name != "cognito-sync":
        raise ValueError(
            f"cognito_sync.client() makes Cognito Sync clients only, not {service_name!r}"
        )
    if api_version not in (None, "2014-06-30"):
        raise ValueError(f"api_version {api_version!r}: only 2014-06-30 exists")
    if verify not in (None, True) or not use_ssl:
        raise ValueError(
            "use_ssl=False and verify=False/CA bundle are not supported: TLS is always "
            "verified against the Mozilla roots (use an http:// endpoint_url for a "
            "local emulator)"
        )
    max_attempts, standard = _retry_settings(config)
    kwargs: dict[str, Any] = {
        "region": region_name or _config_value(config, "region_name"),
        "endpoint_url": endpoint_url,
        "aws_access_key_id": aws_access_key_id,
        "aws_secret_access_key": aws_secret_access_key,
        "aws_session_token": aws_session_token,
        "max_attempts": max_attempts,
        "connect_timeout": _config_value(config, "connect_timeout"),
        # The core bounds a whole call, not each socket read.
        "call_timeout": _config_value(config, "read_timeout"),
    }
    return kwargs, max_attempts, standard


class ClientMeta:
    """``client.meta``: what botocore's ``ClientMeta`` holds that applies here."""

    service_name = "cognito-sync"
    partition = "aws"

    def __init__(self, region_name: str, endpoint_url: str, config: Any) -> None:
        self.region_name = region_name
        self.endpoint_url = endpoint_url
        self.config = config
        self.method_to_api_mapping = dict(_boto_model.METHODS)


# ---------------------------------------------------------------- pagination


def _decode_token(token: str) -> dict[str, Any]:
    """A ``StartingToken``: botocore's encoded resume token, or a raw ``NextToken``."""
    try:
        data = json.loads(base64.b64decode(token.encode(), validate=True))
        if isinstance(data, dict) and "NextToken" in data:
            return data
    except ValueError:
        pass
    return {"NextToken": token}


def _encode_token(token: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(token).encode()).decode()


class _PageState:
    """The bookkeeping of botocore's ``PageIterator``, shared by the async twin."""

    def __init__(self, method: str, kwargs: dict[str, Any]) -> None:
        if method not in _boto_model.PAGINATED:
            raise ValueError(f"Operation cannot be paginated: {method}")
        kwargs = dict(kwargs)
        config = dict(kwargs.pop("PaginationConfig", None) or {})
        self.result_key = _boto_model.PAGINATED[method]
        self.max_items: Optional[int] = config.get("MaxItems")
        if config.get("PageSize") is not None:
            kwargs["MaxResults"] = config["PageSize"]
        self.truncate = 0
        if config.get("StartingToken"):
            start = _decode_token(config["StartingToken"])
            kwargs["NextToken"] = start["NextToken"]
            self.truncate = int(start.get("boto_truncate_amount", 0))
        self.kwargs = kwargs
        self.items = 0
        self.resume_token: Optional[str] = None
        self.done = False

    def take(self, page: dict[str, Any]) -> dict[str, Any]:
        """Applies truncation to a fetched page and prepares the next request."""
        sent_token = self.kwargs.get("NextToken")
        items = page.get(self.result_key, [])
        skipped = self.truncate
        if skipped:
            page[self.result_key] = items = items[skipped:]
            self.truncate = 0
        next_token = page.get("NextToken")
        if self.max_items is not None and self.items + len(items) >= self.max_items:
            keep = self.max_items - self.items
            self.done = True
            if keep < len(items):
                page[self.result_key] = items[:keep]
                token: dict[str, Any] = {"boto_truncate_amount": skipped + keep}
                if sent_token:
                    token["NextToken"] = sent_token
                else:
                    token["NextToken"] = None
                self.resume_token = _encode_token(token)
                self.items += keep
                return page
            if next_token:
                self.resume_token = _encode_token({"NextToken": next_token})
        self.items += len(page[self.result_key]) if self.result_key in page else 0
        if not next_token or next_token == sent_token:
            self.done = True
        else:
            self.kwargs["NextToken"] = next_token
        return page

    def full_result(self, pages: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {self.result_key: []}
        for page in pages:
            out[self.result_key].extend(page.get(self.result_key, []))
        if self.resume_token is not None:
            out["NextToken"] = self.resume_token
        return out


def _search(pages: Any, expression: str) -> Iterator[Any]:
    import jmespath  # type: ignore[import-untyped]  # botocore's, there whenever it is

    compiled = jmespath.compile(expression)
    for page in pages:
        result = compiled.search(page)
        if isinstance(result, list):
            yield from result
        else:
            yield result


class PageIterator:
    """The pages of one paginated listing, as botocore's ``PageIterator``."""

    def __init__(self, method: Any, name: str, kwargs: dict[str, Any]) -> None:
        self._method = method
        self._state = _PageState(name, kwargs)

    @property
    def resume_token(self) -> Optional[str]:
        return self._state.resume_token

    def __iter__(self) -> Iterator[dict[str, Any]]:
        state = self._state
        while not state.done:
            yield state.take(self._method(**state.kwargs))

    def build_full_result(self) -> dict[str, Any]:
        return self._state.full_result(list(self))

    def search(self, expression: str) -> Iterator[Any]:
        return _search(self, expression)


class Paginator:
    """``client.get_paginator(name)``: ``paginate(**kwargs)`` yields pages (dicts with
    ``ResponseMetadata``); ``PaginationConfig`` takes ``MaxItems``, ``PageSize`` and
    ``StartingToken``."""

    def __init__(self, method: Any, name: str) -> None:
        self._method = method
        self._name = name

    def paginate(self, **kwargs: Any) -> PageIterator:
        return PageIterator(self._method, self._name, kwargs)


# ---------------------------------------------------------------- the client


class Client(_native._BotoClient):
    """A Cognito Sync client with boto3's interface; create it with
    :func:`cognito_sync.client`."""

    exceptions = EXCEPTIONS
    meta: ClientMeta
    _native_client: _NativeClient
    waiter_names: list[str] = []

    def can_paginate(self, operation_name: str) -> bool:
        return operation_name in _boto_model.PAGINATED

    def get_paginator(self, operation_name: str) -> Paginator:
        if operation_name not in _boto_model.PAGINATED:
            raise ValueError(f"Operation cannot be paginated: {operation_name}")
        return Paginator(getattr(self, operation_name), operation_name)

    def get_waiter(self, waiter_name: str) -> Any:
        raise ValueError(f"Waiter does not exist: {waiter_name}")

    def close(self) -> None:
        """Kept for boto3's interface: connections close when the client is freed."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<cognito_sync boto3-compatible client of {self._native_client!r}>"


def _build(cls: Any, native_cls: Any, args: tuple[Any, ...]) -> Any:
    kwargs, max_attempts, standard = _native_kwargs(*args)
    native = native_cls(**kwargs)
    out = cls(native, max_attempts, standard)
    out._native_client = native
    config = args[-1]
    if config is None and HAS_BOTOCORE:
        from botocore.config import Config  # type: ignore[import-untyped]

        config = Config()  # what botocore's client.meta.config is without one
    out.meta = ClientMeta(native.region, native.endpoint_url, config)
    return out


def client(
    service_name: str = "cognito-sync",
    region_name: Optional[str] = None,
    api_version: Optional[str] = None,
    use_ssl: bool = True,
    verify: Any = None,
    endpoint_url: Optional[str] = None,
    aws_access_key_id: Optional[str] = None,
    aws_secret_access_key: Optional[str] = None,
    aws_session_token: Optional[str] = None,
    config: Any = None,
) -> Client:
    """``boto3.client("cognito-sync", ...)``, natively: the same arguments, methods,
    result dicts and exceptions. ``config`` is a ``botocore.config.Config`` (or any
    object with its attributes): ``region_name``, ``retries`` (``total_max_attempts``
    / ``max_attempts``, ``mode``), ``connect_timeout`` and ``read_timeout`` (which
    bounds a whole call here) are honoured. Without keys, credentials come from the
    environment and the shared files, as boto3's default chain."""
    return _build(  # type: ignore[no-any-return]
        Client,
        _NativeClient,
        (
            service_name,
            region_name,
            api_version,
            use_ssl,
            verify,
            endpoint_url,
            aws_access_key_id,
            aws_secret_access_key,
            aws_session_token,
            config,
        ),
    )

