"""The asyncio twin of :func:`cognito_sync.client`, for aiobotocore users::

    import cognito_sync.aio

    async with cognito_sync.aio.create_client("cognito-sync", region_name="us-east-1") as client:
        page = await client.list_records(IdentityPoolId=..., IdentityId=..., DatasetName="save")

The methods are coroutines taking boto3's arguments and returning boto3's dicts; the
exceptions are those of :func:`cognito_sync.client` (``client.exceptions``); paginators
are async iterators (``async for page in client.get_paginator(...).paginate(...)``).
"""

from __future__ import annotations

from . import _boto, _boto_model, _native
from ._clients import AsyncClient as _NativeAsyncClient

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from typing import Any, Optional

__all__ = ["create_client", "get_session", "AioClient", "AioPaginator"]


class AioPageIterator:
    """The pages of one listing, as aiobotocore's ``AioPageIterator``."""

    def __init__(self, method: Any, name: str, kwargs: dict[str, Any]) -> None:
        self._method = method
        self._state = _boto._PageState(name, kwargs)

    @property
    def resume_token(self) -> Optional[str]:
        return self._state.resume_token

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        state = self._state
        while not state.done:
            yield state.take(await self._method(**state.kwargs))

    async def build_full_result(self) -> dict[str, Any]:
        return self._state.full_result([page async for page in self])


class AioPaginator:
    """``client.get_paginator(name)`` of :class:`AioClient`."""

    def __init__(self, method: Any, name: str) -> None:
        self._method = method
        self._name = name

    def paginate(self, **kwargs: Any) -> AioPageIterator:
        return AioPageIterator(self._method, self._name, kwargs)


class AioClient(_native._AsyncBotoClient):
    """A Cognito Sync client with aiobotocore's interface (coroutine methods)."""

    exceptions = _boto.EXCEPTIONS
    meta: _boto.ClientMeta
    _native_client: _NativeAsyncClient
    waiter_names: list[str] = []

    def can_paginate(self, operation_name: str) -> bool:
        return operation_name in _boto_model.PAGINATED

    def get_paginator(self, operation_name: str) -> AioPaginator:
        if operation_name not in _boto_model.PAGINATED:
            raise ValueError(f"Operation cannot be paginated: {operation_name}")
        return AioPaginator(getattr(self, operation_name), operation_name)

    async def close(self) -> None:
        """Kept for aiobotocore's interface: connections close when the client is freed."""

    async def __aenter__(self) -> AioClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<cognito_sync aiobotocore-compatible client of {self._native_client!r}>"


def create_client(
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
) -> AioClient:
    """aiobotocore's ``session.create_client("cognito-sync", ...)``: the arguments of
    :func:`cognito_sync.client`; use the result with ``async with``."""
    return _boto._build(  # type: ignore[no-any-return]
        AioClient,
        _NativeAsyncClient,
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


class AioSession:
    """aiobotocore's ``AioSession``, reduced to ``create_client``."""

    def create_client(self, service_name: str, **kwargs: Any) -> AioClient:
        return create_client(service_name, **kwargs)


def get_session() -> AioSession:
    """``aiobotocore.session.get_session()``."""
    return AioSession()
