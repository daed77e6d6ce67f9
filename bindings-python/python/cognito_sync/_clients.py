"""The public clients: the native ones plus pagination helpers written in Python."""

from __future__ import annotations

from . import _native

# `typing` costs milliseconds to import: only type checkers read these names.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Optional

    from ._native import (
        Dataset,
        IdentityPoolUsage,
        ListDatasetsOutput,
        ListIdentityPoolUsageOutput,
        ListRecordsOutput,
        Record,
    )

__all__ = ["Client", "AsyncClient"]


class Client(_native.Client):
    """Blocking client of Amazon Cognito Sync.

    One method per operation, named like boto3's ``cognito-sync`` client, taking the
    model's members as snake_case keyword arguments and returning typed results whose
    ``to_dict()`` is boto3's dict. Configuration is keyword-only::

        client = cognito_sync.Client(
            region="us-east-1",
            endpoint_url="http://127.0.0.1:8080",   # e.g. cognito-sync-local
            aws_access_key_id="...", aws_secret_access_key="...",
        )

    Without keys the default chain is used (environment, shared files); ``profile=``
    takes one named profile of the shared files; with ``cognito_identity_pool_id=`` (and
    optional ``logins=``, ``cognito_identity_endpoint_url=``) temporary credentials come
    from Cognito Identity. ``max_attempts``, ``connect_timeout`` and ``call_timeout``
    tune retries and timeouts; ``app_name`` is appended to the ``User-Agent``. The I/O
    runtime's thread count is process-wide: :func:`cognito_sync.set_worker_threads`.

    Thread-safe: share one client between threads. Calls release the GIL while waiting,
    Ctrl-C interrupts them, and the client keeps working in a forked child.
    """

    def iter_list_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> Iterator[ListRecordsOutput]:
        """Every page of ``list_records``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = self.list_records(
                identity_pool_id=identity_pool_id,
                identity_id=identity_id,
                dataset_name=dataset_name,
                last_sync_count=last_sync_count,
                next_token=token,
                max_results=max_results,
                sync_session_token=sync_session_token,
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    def iter_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> Iterator[Record]:
        """Every record changed after ``last_sync_count``, across all pages."""
        for page in self.iter_list_records(
            identity_pool_id=identity_pool_id,
            identity_id=identity_id,
            dataset_name=dataset_name,
            last_sync_count=last_sync_count,
            max_results=max_results,
            sync_session_token=sync_session_token,
        ):
            yield from page.records

    def iter_list_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        max_results: Optional[int] = None,
    ) -> Iterator[ListDatasetsOutput]:
        """Every page of ``list_datasets``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = self.list_datasets(
                identity_pool_id=identity_pool_id,
                identity_id=identity_id,
                next_token=token,
                max_results=max_results,
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    def iter_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        max_results: Optional[int] = None,
    ) -> Iterator[Dataset]:
        """Every dataset of an identity, across all pages."""
        for page in self.iter_list_datasets(
            identity_pool_id=identity_pool_id,
            identity_id=identity_id,
            max_results=max_results,
        ):
            yield from page.datasets

    def iter_list_identity_pool_usage(
        self, *, max_results: Optional[int] = None
    ) -> Iterator[ListIdentityPoolUsageOutput]:
        """Every page of ``list_identity_pool_usage``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = self.list_identity_pool_usage(
                next_token=token, max_results=max_results
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    def iter_identity_pool_usages(
        self, *, max_results: Optional[int] = None
    ) -> Iterator[IdentityPoolUsage]:
        """Every identity pool's usage, across all pages."""
        for page in self.iter_list_identity_pool_usage(max_results=max_results):
            yield from page.identity_pool_usages

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None


class AsyncClient(_native.AsyncClient):
    """asyncio client of Amazon Cognito Sync: the methods of :class:`Client`, as
    coroutines, with the same configuration keywords.

    Requests run on the library's own I/O threads: awaiting never blocks the event loop,
    many calls can be in flight at once (``asyncio.gather``), and cancelling the awaiting
    task cancels the request.
    """

    async def iter_list_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> AsyncIterator[ListRecordsOutput]:
        """Every page of ``list_records``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = await self.list_records(
                identity_pool_id=identity_pool_id,
                identity_id=identity_id,
                dataset_name=dataset_name,
                last_sync_count=last_sync_count,
                next_token=token,
                max_results=max_results,
                sync_session_token=sync_session_token,
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    async def iter_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> AsyncIterator[Record]:
        """Every record changed after ``last_sync_count``, across all pages."""
        async for page in self.iter_list_records(
            identity_pool_id=identity_pool_id,
            identity_id=identity_id,
            dataset_name=dataset_name,
            last_sync_count=last_sync_count,
            max_results=max_results,
            sync_session_token=sync_session_token,
        ):
            for record in page.records:
                yield record

    async def iter_list_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        max_results: Optional[int] = None,
    ) -> AsyncIterator[ListDatasetsOutput]:
        """Every page of ``list_datasets``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = await self.list_datasets(
                identity_pool_id=identity_pool_id,
                identity_id=identity_id,
                next_token=token,
                max_results=max_results,
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    async def iter_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        max_results: Optional[int] = None,
    ) -> AsyncIterator[Dataset]:
        """Every dataset of an identity, across all pages."""
        async for page in self.iter_list_datasets(
            identity_pool_id=identity_pool_id,
            identity_id=identity_id,
            max_results=max_results,
        ):
            for dataset in page.datasets:
                yield dataset

    async def iter_list_identity_pool_usage(
        self, *, max_results: Optional[int] = None
    ) -> AsyncIterator[ListIdentityPoolUsageOutput]:
        """Every page of ``list_identity_pool_usage``, following ``next_token``."""
        token: Optional[str] = None
        while True:
            page = await self.list_identity_pool_usage(
                next_token=token, max_results=max_results
            )
            yield page
            if not page.next_token or page.next_token == token:
                return
            token = page.next_token

    async def iter_identity_pool_usages(
        self, *, max_results: Optional[int] = None
    ) -> AsyncIterator[IdentityPoolUsage]:
        """Every identity pool's usage, across all pages."""
        async for page in self.iter_list_identity_pool_usage(max_results=max_results):
            for usage in page.identity_pool_usages:
                yield usage

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None
