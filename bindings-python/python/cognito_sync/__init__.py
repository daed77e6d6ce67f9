"""Fast, typed native client for Amazon Cognito Sync.

``cognito_sync.Client`` (blocking) and ``cognito_sync.AsyncClient`` (asyncio) have one
method per operation, named like boto3's ``cognito-sync`` client and taking the model's
members as snake_case keyword arguments::

    import cognito_sync

    client = cognito_sync.Client(region="us-east-1")
    page = client.list_records(
        identity_pool_id=pool, identity_id=identity, dataset_name="save"
    )
    for record in page.records:
        print(record.key, record.value, record.sync_count)

Results are typed objects (``to_dict()`` returns boto3's dict); errors are subclasses of
:class:`CognitoSyncError`. For boto3 code as it is, :func:`client` (and
``cognito_sync.aio.create_client`` for asyncio) is a drop-in for
``boto3.client("cognito-sync", ...)``: PascalCase arguments, boto3's dicts with
``ResponseMetadata``, botocore's exceptions. The work happens in a Rust core: calls release the GIL, and
the library logs to the ``cognito_sync`` logger of :mod:`logging`.
"""

from __future__ import annotations

import atexit as _atexit
import os as _os

from . import _native
from ._clients import AsyncClient, Client
from ._errors import (
    AlreadyStreamedException,
    ClientRuntimeError,
    CognitoSyncError,
    ConcurrentModificationException,
    CredentialsError,
    DuplicateRequestException,
    InternalErrorException,
    InvalidConfigurationException,
    InvalidLambdaFunctionOutputException,
    InvalidParameterException,
    LambdaThrottledException,
    LimitExceededException,
    NotAuthorizedException,
    RequestTimeoutError,
    ResourceConflictException,
    ResourceNotFoundException,
    ServiceError,
    StorageError,
    SyncCancelledError,
    SyncConflictError,
    SyncError,
    SyncIdentityError,
    TooManyRequestsException,
    TransportError,
    ValidationError,
)
from ._native import (
    BulkPublishOutput,
    CognitoStreams,
    Dataset,
    DeleteDatasetOutput,
    DescribeDatasetOutput,
    DescribeIdentityPoolUsageOutput,
    DescribeIdentityUsageOutput,
    GetBulkPublishDetailsOutput,
    GetCognitoEventsOutput,
    GetIdentityPoolConfigurationOutput,
    IdentityPoolUsage,
    IdentityUsage,
    ListDatasetsOutput,
    ListIdentityPoolUsageOutput,
    ListRecordsOutput,
    PushSync,
    Record,
    RecordPatch,
    RegisterDeviceOutput,
    SetCognitoEventsOutput,
    SetIdentityPoolConfigurationOutput,
    SubscribeToDatasetOutput,
    UnsubscribeFromDatasetOutput,
    UpdateRecordsOutput,
    set_worker_threads,
)
from .sync import (
    Conflict,
    DatasetInfo,
    IdentitySwitchReport,
    Resolution,
    SyncDataset,
    SyncEvent,
    SyncManager,
    SyncRecord,
    SyncReport,
)

__version__: str = _native.__version__

# `typing` costs milliseconds to import: only type checkers read these names.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional

    from ._boto import Client as BotoClient

__all__ = [
    "__version__",
    "Client",
    "AsyncClient",
    "client",
    "refresh_log_level",
    "set_worker_threads",
    # inputs
    "RecordPatch",
    "PushSync",
    "CognitoStreams",
    # results
    "Record",
    "Dataset",
    "IdentityUsage",
    "IdentityPoolUsage",
    "BulkPublishOutput",
    "DeleteDatasetOutput",
    "DescribeDatasetOutput",
    "DescribeIdentityPoolUsageOutput",
    "DescribeIdentityUsageOutput",
    "GetBulkPublishDetailsOutput",
    "GetCognitoEventsOutput",
    "GetIdentityPoolConfigurationOutput",
    "ListDatasetsOutput",
    "ListIdentityPoolUsageOutput",
    "ListRecordsOutput",
    "RegisterDeviceOutput",
    "SetCognitoEventsOutput",
    "SetIdentityPoolConfigurationOutput",
    "SubscribeToDatasetOutput",
    "UnsubscribeFromDatasetOutput",
    "UpdateRecordsOutput",
    # sync manager (also in cognito_sync.sync)
    "SyncManager",
    "SyncDataset",
    "SyncRecord",
    "SyncReport",
    "SyncEvent",
    "Conflict",
    "Resolution",
    "DatasetInfo",
    "IdentitySwitchReport",
    # errors
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
) -> BotoClient:
    """A client with boto3's interface: ``boto3.client("cognito-sync", ...)``'s
    arguments, methods taking boto3's PascalCase keyword arguments and returning
    boto3's dicts (``ResponseMetadata`` included), botocore's exceptions
    (``client.exceptions.ResourceConflictException``, ``e.response["Error"]["Code"]``)
    and paginators for ``list_records``, ``list_datasets`` and
    ``list_identity_pool_usage``. ``cognito_sync.aio.create_client`` is its asyncio
    twin. See :mod:`cognito_sync._boto`."""
    # Imported on first use: it imports botocore's exceptions when botocore is there.
    from ._boto import client as _client

    return _client(
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
    )


def refresh_log_level() -> None:
    """Re-read the level of the ``cognito_sync`` logger now.

    The library checks it when a client is created and then at most once a second;
    call this right after changing logging configuration to apply it immediately.
    """
    _native._refresh_log_level()


# tokio's I/O threads do not survive fork(): the child builds a fresh runtime and
# every client a fresh connection pool, lazily, on its next call.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_native._after_fork_in_child)

# At exit, before the interpreter starts finalizing, keep the I/O threads out of Python
# (a thread taking the GIL during finalization is killed, which aborts the process).
_atexit.register(_native._shutdown)
