"""Stubs of the compiled module ``cognito_sync._native`` (checked by mypy.stubtest)."""

import datetime
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, Literal, Optional, TypedDict, TypeVar, Union, final

from typing_extensions import disjoint_base

__version__: str
__all__ = [
    "SyncReport",
    "SyncRecord",
    "SyncManager",
    "SyncEvent",
    "SyncDataset",
    "Resolution",
    "DatasetInfo",
    "Conflict",
    "IdentitySwitchReport",
    "AsyncClient",
    "_AsyncBotoClient",
    "_BotoClient",
    "BulkPublishOutput",
    "Client",
    "CognitoStreams",
    "Dataset",
    "DeleteDatasetOutput",
    "DescribeDatasetOutput",
    "DescribeIdentityPoolUsageOutput",
    "DescribeIdentityUsageOutput",
    "GetBulkPublishDetailsOutput",
    "GetCognitoEventsOutput",
    "GetIdentityPoolConfigurationOutput",
    "IdentityPoolUsage",
    "IdentityUsage",
    "ListDatasetsOutput",
    "ListIdentityPoolUsageOutput",
    "ListRecordsOutput",
    "PushSync",
    "Record",
    "RecordPatch",
    "RegisterDeviceOutput",
    "SetCognitoEventsOutput",
    "SetIdentityPoolConfigurationOutput",
    "SubscribeToDatasetOutput",
    "UnsubscribeFromDatasetOutput",
    "UpdateRecordsOutput",
    "__version__",
    "_after_fork_in_child",
    "_refresh_log_level",
    "_setting_names",
    "_shutdown",
    "set_worker_threads",
]

_T = TypeVar("_T")
_Timestamp = Union[datetime.datetime, int, float]

class _RecordPatchDict(TypedDict, total=False):
    op: str
    Op: str
    key: str
    Key: str
    value: Optional[str]
    Value: Optional[str]
    sync_count: int
    SyncCount: int
    device_last_modified_date: _Timestamp
    DeviceLastModifiedDate: _Timestamp

class _PushSyncDict(TypedDict, total=False):
    application_arns: list[str]
    ApplicationArns: list[str]
    role_arn: str
    RoleArn: str

class _CognitoStreamsDict(TypedDict, total=False):
    stream_name: str
    StreamName: str
    role_arn: str
    RoleArn: str
    streaming_status: str
    StreamingStatus: str

@final
class Record:
    """A record of a dataset; ``value`` is ``None`` for a deleted record."""

    @property
    def key(self) -> Optional[str]: ...
    @property
    def value(self) -> Optional[str]: ...
    @property
    def sync_count(self) -> Optional[int]: ...
    @property
    def last_modified_date(self) -> Optional[datetime.datetime]: ...
    @property
    def last_modified_by(self) -> Optional[str]: ...
    @property
    def device_last_modified_date(self) -> Optional[datetime.datetime]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Dataset:
    """Metadata of a dataset."""

    @property
    def identity_id(self) -> Optional[str]: ...
    @property
    def dataset_name(self) -> Optional[str]: ...
    @property
    def creation_date(self) -> Optional[datetime.datetime]: ...
    @property
    def last_modified_date(self) -> Optional[datetime.datetime]: ...
    @property
    def last_modified_by(self) -> Optional[str]: ...
    @property
    def data_storage(self) -> Optional[int]: ...
    @property
    def num_records(self) -> Optional[int]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class IdentityUsage:
    """Usage statistics of one identity."""

    @property
    def identity_id(self) -> Optional[str]: ...
    @property
    def identity_pool_id(self) -> Optional[str]: ...
    @property
    def last_modified_date(self) -> Optional[datetime.datetime]: ...
    @property
    def dataset_count(self) -> Optional[int]: ...
    @property
    def data_storage(self) -> Optional[int]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class IdentityPoolUsage:
    """Usage statistics of one identity pool."""

    @property
    def identity_pool_id(self) -> Optional[str]: ...
    @property
    def sync_sessions_count(self) -> Optional[int]: ...
    @property
    def data_storage(self) -> Optional[int]: ...
    @property
    def last_modified_date(self) -> Optional[datetime.datetime]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PushSync:
    """Push sync configuration of an identity pool (input and output)."""

    def __new__(
        cls,
        *,
        application_arns: Optional[Iterable[str]] = None,
        role_arn: Optional[str] = None,
    ) -> PushSync: ...
    @property
    def application_arns(self) -> list[str]: ...
    @property
    def role_arn(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CognitoStreams:
    """Cognito Streams configuration of an identity pool (input and output)."""

    def __new__(
        cls,
        *,
        stream_name: Optional[str] = None,
        role_arn: Optional[str] = None,
        streaming_status: Optional[str] = None,
    ) -> CognitoStreams: ...
    @property
    def stream_name(self) -> Optional[str]: ...
    @property
    def role_arn(self) -> Optional[str]: ...
    @property
    def streaming_status(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RecordPatch:
    """One change of ``update_records``: ``replace`` a record's value or ``remove`` it."""

    def __new__(
        cls,
        *,
        op: str,
        key: str,
        sync_count: int,
        value: Optional[str] = None,
        device_last_modified_date: Optional[_Timestamp] = None,
    ) -> RecordPatch: ...
    @staticmethod
    def replace(key: str, value: str, sync_count: int = 0) -> RecordPatch:
        """A patch setting ``key`` to ``value``."""
    @staticmethod
    def remove(key: str, sync_count: int) -> RecordPatch:
        """A patch deleting ``key``."""

    @property
    def op(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def value(self) -> Optional[str]: ...
    @property
    def sync_count(self) -> int: ...
    @property
    def device_last_modified_date(self) -> Optional[datetime.datetime]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class BulkPublishOutput:
    """Result of ``bulk_publish``."""

    @property
    def identity_pool_id(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DeleteDatasetOutput:
    """Result of ``delete_dataset``."""

    @property
    def dataset(self) -> Optional[Dataset]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DescribeDatasetOutput:
    """Result of ``describe_dataset``."""

    @property
    def dataset(self) -> Optional[Dataset]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DescribeIdentityPoolUsageOutput:
    """Result of ``describe_identity_pool_usage``."""

    @property
    def identity_pool_usage(self) -> Optional[IdentityPoolUsage]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DescribeIdentityUsageOutput:
    """Result of ``describe_identity_usage``."""

    @property
    def identity_usage(self) -> Optional[IdentityUsage]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GetBulkPublishDetailsOutput:
    """Result of ``get_bulk_publish_details``."""

    @property
    def identity_pool_id(self) -> Optional[str]: ...
    @property
    def bulk_publish_start_time(self) -> Optional[datetime.datetime]: ...
    @property
    def bulk_publish_complete_time(self) -> Optional[datetime.datetime]: ...
    @property
    def bulk_publish_status(self) -> Optional[str]: ...
    @property
    def failure_message(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GetCognitoEventsOutput:
    """Result of ``get_cognito_events``."""

    @property
    def events(self) -> dict[str, str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GetIdentityPoolConfigurationOutput:
    """Result of ``get_identity_pool_configuration``."""

    @property
    def identity_pool_id(self) -> Optional[str]: ...
    @property
    def push_sync(self) -> Optional[PushSync]: ...
    @property
    def cognito_streams(self) -> Optional[CognitoStreams]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ListDatasetsOutput:
    """Result of ``list_datasets``."""

    @property
    def datasets(self) -> list[Dataset]: ...
    @property
    def count(self) -> Optional[int]: ...
    @property
    def next_token(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ListIdentityPoolUsageOutput:
    """Result of ``list_identity_pool_usage``."""

    @property
    def identity_pool_usages(self) -> list[IdentityPoolUsage]: ...
    @property
    def max_results(self) -> Optional[int]: ...
    @property
    def count(self) -> Optional[int]: ...
    @property
    def next_token(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ListRecordsOutput:
    """Result of ``list_records``."""

    @property
    def records(self) -> list[Record]: ...
    @property
    def next_token(self) -> Optional[str]: ...
    @property
    def count(self) -> Optional[int]: ...
    @property
    def dataset_sync_count(self) -> Optional[int]: ...
    @property
    def last_modified_by(self) -> Optional[str]: ...
    @property
    def merged_dataset_names(self) -> list[str]: ...
    @property
    def dataset_exists(self) -> Optional[bool]: ...
    @property
    def dataset_deleted_after_requested_sync_count(self) -> Optional[bool]: ...
    @property
    def sync_session_token(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RegisterDeviceOutput:
    """Result of ``register_device``."""

    @property
    def device_id(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SetCognitoEventsOutput:
    """Result of ``set_cognito_events``."""

    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SetIdentityPoolConfigurationOutput:
    """Result of ``set_identity_pool_configuration``."""

    @property
    def identity_pool_id(self) -> Optional[str]: ...
    @property
    def push_sync(self) -> Optional[PushSync]: ...
    @property
    def cognito_streams(self) -> Optional[CognitoStreams]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SubscribeToDatasetOutput:
    """Result of ``subscribe_to_dataset``."""

    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UnsubscribeFromDatasetOutput:
    """Result of ``unsubscribe_from_dataset``."""

    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UpdateRecordsOutput:
    """Result of ``update_records``."""

    @property
    def records(self) -> list[Record]: ...
    def to_dict(self) -> dict[str, Any]:
        """The value as boto3's dict (wire member names, absent members left out)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@disjoint_base
class Client:
    """Client of Amazon Cognito Sync (see ``cognito_sync.Client``)."""

    def __new__(
        cls,
        *,
        region: Optional[str] = None,
        endpoint_url: Optional[str] = None,
        aws_access_key_id: Optional[str] = None,
        aws_secret_access_key: Optional[str] = None,
        aws_session_token: Optional[str] = None,
        profile: Optional[str] = None,
        cognito_identity_pool_id: Optional[str] = None,
        cognito_identity_id: Optional[str] = None,
        logins: Optional[Mapping[str, str]] = None,
        cognito_identity_endpoint_url: Optional[str] = None,
        max_attempts: Optional[int] = None,
        connect_timeout: Optional[float] = None,
        call_timeout: Optional[float] = None,
        app_name: Optional[str] = None,
        region_name: Optional[str] = None,
    ) -> Client: ...
    @property
    def region(self) -> str: ...
    @property
    def endpoint_url(self) -> str: ...
    def identity_id(self) -> str:
        """The Cognito identity id (needs ``cognito_identity_pool_id``)."""

    def bulk_publish(self, *, identity_pool_id: str) -> BulkPublishOutput:
        """Start a bulk publish of every dataset of the identity pool to its Cognito Stream (developer credentials only)."""

    def delete_dataset(
        self, *, identity_pool_id: str, identity_id: str, dataset_name: str
    ) -> DeleteDatasetOutput:
        """Delete a dataset and its records; returns its last metadata."""

    def describe_dataset(
        self, *, identity_pool_id: str, identity_id: str, dataset_name: str
    ) -> DescribeDatasetOutput:
        """Metadata of a dataset (``ResourceNotFoundException`` if it does not exist)."""

    def describe_identity_pool_usage(
        self, *, identity_pool_id: str
    ) -> DescribeIdentityPoolUsageOutput:
        """Usage statistics of an identity pool (developer credentials only)."""

    def describe_identity_usage(
        self, *, identity_pool_id: str, identity_id: str
    ) -> DescribeIdentityUsageOutput:
        """Usage statistics of an identity."""

    def get_bulk_publish_details(
        self, *, identity_pool_id: str
    ) -> GetBulkPublishDetailsOutput:
        """State of the identity pool's last bulk publish (developer credentials only)."""

    def get_cognito_events(self, *, identity_pool_id: str) -> GetCognitoEventsOutput:
        """The identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``)."""

    def get_identity_pool_configuration(
        self, *, identity_pool_id: str
    ) -> GetIdentityPoolConfigurationOutput:
        """Push sync and Cognito Streams configuration of an identity pool."""

    def list_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        next_token: Optional[str] = None,
        max_results: Optional[int] = None,
    ) -> ListDatasetsOutput:
        """One page of an identity's datasets (see ``iter_datasets`` to follow pages)."""

    def list_identity_pool_usage(
        self, *, next_token: Optional[str] = None, max_results: Optional[int] = None
    ) -> ListIdentityPoolUsageOutput:
        """One page of the account's identity pools' usage (developer credentials only)."""

    def list_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        next_token: Optional[str] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> ListRecordsOutput:
        """One page of a dataset's records changed after ``last_sync_count`` (all records when omitted or 0), with the ``sync_session_token`` that ``update_records`` needs."""

    def register_device(
        self, *, identity_pool_id: str, identity_id: str, platform: str, token: str
    ) -> RegisterDeviceOutput:
        """Register a device for push sync; ``platform`` is ``"APNS"``, ``"APNS_SANDBOX"``, ``"GCM"`` or ``"ADM"``."""

    def set_cognito_events(
        self, *, identity_pool_id: str, events: Mapping[str, str]
    ) -> SetCognitoEventsOutput:
        """Set the identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``)."""

    def set_identity_pool_configuration(
        self,
        *,
        identity_pool_id: str,
        push_sync: Union[PushSync, _PushSyncDict, None] = None,
        cognito_streams: Union[CognitoStreams, _CognitoStreamsDict, None] = None,
    ) -> SetIdentityPoolConfigurationOutput:
        """Set push sync and/or Cognito Streams of an identity pool; each accepts the typed object (``PushSync``, ``CognitoStreams``) or a dict (snake_case or wire keys)."""

    def subscribe_to_dataset(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        device_id: str,
    ) -> SubscribeToDatasetOutput:
        """Subscribe a registered device to a dataset's change notifications."""

    def unsubscribe_from_dataset(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        device_id: str,
    ) -> UnsubscribeFromDatasetOutput:
        """Unsubscribe a device from a dataset's change notifications."""

    def update_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        sync_session_token: str,
        device_id: Optional[str] = None,
        record_patches: Optional[Iterable[Union[RecordPatch, _RecordPatchDict]]] = None,
        client_context: Optional[str] = None,
    ) -> UpdateRecordsOutput:
        """Apply ``record_patches`` (``RecordPatch`` objects or dicts) to a dataset, creating it if needed. ``sync_session_token`` comes from ``list_records``. A patch with a stale ``sync_count`` fails with ``ResourceConflictException`` and nothing is applied."""

@disjoint_base
class AsyncClient:
    """Client of Amazon Cognito Sync (see ``cognito_sync.AsyncClient``)."""

    def __new__(
        cls,
        *,
        region: Optional[str] = None,
        endpoint_url: Optional[str] = None,
        aws_access_key_id: Optional[str] = None,
        aws_secret_access_key: Optional[str] = None,
        aws_session_token: Optional[str] = None,
        profile: Optional[str] = None,
        cognito_identity_pool_id: Optional[str] = None,
        cognito_identity_id: Optional[str] = None,
        logins: Optional[Mapping[str, str]] = None,
        cognito_identity_endpoint_url: Optional[str] = None,
        max_attempts: Optional[int] = None,
        connect_timeout: Optional[float] = None,
        call_timeout: Optional[float] = None,
        app_name: Optional[str] = None,
        region_name: Optional[str] = None,
    ) -> AsyncClient: ...
    @property
    def region(self) -> str: ...
    @property
    def endpoint_url(self) -> str: ...
    async def identity_id(self) -> str:
        """The Cognito identity id (needs ``cognito_identity_pool_id``)."""

    async def bulk_publish(self, *, identity_pool_id: str) -> BulkPublishOutput:
        """Start a bulk publish of every dataset of the identity pool to its Cognito Stream (developer credentials only)."""

    async def delete_dataset(
        self, *, identity_pool_id: str, identity_id: str, dataset_name: str
    ) -> DeleteDatasetOutput:
        """Delete a dataset and its records; returns its last metadata."""

    async def describe_dataset(
        self, *, identity_pool_id: str, identity_id: str, dataset_name: str
    ) -> DescribeDatasetOutput:
        """Metadata of a dataset (``ResourceNotFoundException`` if it does not exist)."""

    async def describe_identity_pool_usage(
        self, *, identity_pool_id: str
    ) -> DescribeIdentityPoolUsageOutput:
        """Usage statistics of an identity pool (developer credentials only)."""

    async def describe_identity_usage(
        self, *, identity_pool_id: str, identity_id: str
    ) -> DescribeIdentityUsageOutput:
        """Usage statistics of an identity."""

    async def get_bulk_publish_details(
        self, *, identity_pool_id: str
    ) -> GetBulkPublishDetailsOutput:
        """State of the identity pool's last bulk publish (developer credentials only)."""

    async def get_cognito_events(
        self, *, identity_pool_id: str
    ) -> GetCognitoEventsOutput:
        """The identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``)."""

    async def get_identity_pool_configuration(
        self, *, identity_pool_id: str
    ) -> GetIdentityPoolConfigurationOutput:
        """Push sync and Cognito Streams configuration of an identity pool."""

    async def list_datasets(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        next_token: Optional[str] = None,
        max_results: Optional[int] = None,
    ) -> ListDatasetsOutput:
        """One page of an identity's datasets (see ``iter_datasets`` to follow pages)."""

    async def list_identity_pool_usage(
        self, *, next_token: Optional[str] = None, max_results: Optional[int] = None
    ) -> ListIdentityPoolUsageOutput:
        """One page of the account's identity pools' usage (developer credentials only)."""

    async def list_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        last_sync_count: Optional[int] = None,
        next_token: Optional[str] = None,
        max_results: Optional[int] = None,
        sync_session_token: Optional[str] = None,
    ) -> ListRecordsOutput:
        """One page of a dataset's records changed after ``last_sync_count`` (all records when omitted or 0), with the ``sync_session_token`` that ``update_records`` needs."""

    async def register_device(
        self, *, identity_pool_id: str, identity_id: str, platform: str, token: str
    ) -> RegisterDeviceOutput:
        """Register a device for push sync; ``platform`` is ``"APNS"``, ``"APNS_SANDBOX"``, ``"GCM"`` or ``"ADM"``."""

    async def set_cognito_events(
        self, *, identity_pool_id: str, events: Mapping[str, str]
    ) -> SetCognitoEventsOutput:
        """Set the identity pool's Cognito events (``{"SyncTrigger": lambda_arn}``)."""

    async def set_identity_pool_configuration(
        self,
        *,
        identity_pool_id: str,
        push_sync: Union[PushSync, _PushSyncDict, None] = None,
        cognito_streams: Union[CognitoStreams, _CognitoStreamsDict, None] = None,
    ) -> SetIdentityPoolConfigurationOutput:
        """Set push sync and/or Cognito Streams of an identity pool; each accepts the typed object (``PushSync``, ``CognitoStreams``) or a dict (snake_case or wire keys)."""

    async def subscribe_to_dataset(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        device_id: str,
    ) -> SubscribeToDatasetOutput:
        """Subscribe a registered device to a dataset's change notifications."""

    async def unsubscribe_from_dataset(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        device_id: str,
    ) -> UnsubscribeFromDatasetOutput:
        """Unsubscribe a device from a dataset's change notifications."""

    async def update_records(
        self,
        *,
        identity_pool_id: str,
        identity_id: str,
        dataset_name: str,
        sync_session_token: str,
        device_id: Optional[str] = None,
        record_patches: Optional[Iterable[Union[RecordPatch, _RecordPatchDict]]] = None,
        client_context: Optional[str] = None,
    ) -> UpdateRecordsOutput:
        """Apply ``record_patches`` (``RecordPatch`` objects or dicts) to a dataset, creating it if needed. ``sync_session_token`` comes from ``list_records``. A patch with a stale ``sync_count`` fails with ``ResourceConflictException`` and nothing is applied."""

@final
class SyncRecord:
    """One record of a local dataset, as stored on this device."""

    @property
    def key(self) -> str: ...
    @property
    def value(self) -> Optional[str]: ...
    @property
    def sync_count(self) -> int: ...
    @property
    def modified_locally(self) -> bool: ...
    @property
    def device_last_modified(self) -> Optional[datetime.datetime]: ...
    @property
    def last_modified(self) -> Optional[datetime.datetime]: ...
    @property
    def last_modified_by(self) -> Optional[str]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Conflict:
    """A record changed both here and on the service, with different values."""

    @property
    def identity_id(self) -> str: ...
    @property
    def dataset(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def local(self) -> SyncRecord: ...
    @property
    def remote(self) -> SyncRecord: ...

@final
class Resolution:
    """What a conflict resolver decides."""

    @staticmethod
    def keep_local() -> Resolution: ...
    @staticmethod
    def keep_remote() -> Resolution: ...
    @staticmethod
    def value(value: str) -> Resolution: ...
    @staticmethod
    def remove() -> Resolution: ...
    @staticmethod
    def abort() -> Resolution: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SyncReport:
    """What a successful synchronize did."""

    @property
    def identity_id(self) -> str: ...
    @property
    def dataset(self) -> str: ...
    @property
    def sync_id(self) -> int: ...
    @property
    def changed_keys(self) -> list[str]: ...
    @property
    def pushed(self) -> int: ...
    @property
    def conflicts(self) -> int: ...
    @property
    def attempts(self) -> int: ...
    @property
    def requests(self) -> int: ...
    @property
    def last_sync_count(self) -> int: ...
    @property
    def merged_datasets(self) -> list[str]: ...
    @property
    def deleted(self) -> bool: ...
    @property
    def deleted_remotely(self) -> bool: ...
    @property
    def coalesced(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DatasetInfo:
    """A local dataset and its sync state."""

    @property
    def name(self) -> str: ...
    @property
    def identity_id(self) -> str: ...
    @property
    def last_sync(self) -> Optional[datetime.datetime]: ...
    @property
    def last_sync_count(self) -> int: ...
    @property
    def record_count(self) -> int: ...
    @property
    def size_bytes(self) -> int: ...
    @property
    def unsynced_records(self) -> int: ...
    @property
    def pending_delete(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SyncEvent:
    """A notification of the sync manager; ``kind`` says which attributes apply."""

    @property
    def kind(self) -> str: ...
    @property
    def identity_id(self) -> Optional[str]: ...
    @property
    def dataset(self) -> Optional[str]: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def keys(self) -> Optional[list[str]]: ...
    @property
    def sync_id(self) -> Optional[int]: ...
    @property
    def phase(self) -> Optional[str]: ...
    @property
    def merged(self) -> Optional[list[str]]: ...
    @property
    def report(self) -> Optional[SyncReport]: ...
    @property
    def error(self) -> Optional[BaseException]: ...
    @property
    def from_identity(self) -> Optional[str]: ...
    @property
    def to_identity(self) -> Optional[str]: ...
    @property
    def count(self) -> Optional[int]: ...

_Resolver = Union[str, Callable[[Conflict], Union[Resolution, str]]]
_IdentitySwitchMode = Literal["keep_separate", "move_data", "discard_previous"]
_DatasetDeletedAction = Literal["delete_local", "keep_unsynced", "restore_from_local"]
_DatasetDeletedHandler = Callable[[str, str], _DatasetDeletedAction]
_DatasetsMergedHandler = Callable[[str, str, list[str]], object]

@final
class SyncManager:
    """Offline-first sync manager: local datasets synchronized on demand."""

    def __new__(
        cls,
        client: Union[Client, AsyncClient],
        *,
        identity_pool_id: str,
        identity_id: Optional[str] = None,
        path: Union[str, os.PathLike[str], None] = None,
        conflict_resolver: Optional[_Resolver] = None,
        device_id: Optional[str] = None,
        dataset_deleted_handler: Optional[_DatasetDeletedHandler] = None,
        datasets_merged_handler: Optional[_DatasetsMergedHandler] = None,
    ) -> SyncManager: ...
    @property
    def identity_id(self) -> str: ...
    def open_dataset(self, name: str) -> SyncDataset:
        """Opens (or creates, locally) a dataset of the active identity."""
    def list_datasets(self) -> list[DatasetInfo]:
        """The local datasets of the active identity."""
    def has_unsynced_changes(self) -> bool:
        """Whether any dataset has local changes the service has not acknowledged."""
    def synchronize(self, name: str) -> SyncReport:
        """Synchronizes the dataset ``name`` (blocking)."""
    async def synchronize_async(self, name: str) -> SyncReport:
        """Synchronizes the dataset ``name``."""
    def poll_event(self) -> Optional[SyncEvent]:
        """The next event, or ``None`` (never blocks)."""
    def wait_event(self, timeout: float) -> Optional[SyncEvent]:
        """The next event, waiting up to ``timeout`` seconds."""
    def drain_events(self) -> list[SyncEvent]:
        """Every queued event, oldest first."""
    def switch_identity(self, identity_id: str, mode: Optional[_IdentitySwitchMode] = None) -> IdentitySwitchReport:
        """Makes ``identity_id`` the active identity; ``mode`` says what happens to the previous one's data."""
    def synchronize_all(self) -> dict[str, Union[SyncReport, Exception]]:
        """Synchronizes every dataset of the active identity (blocking)."""
    async def synchronize_all_async(self) -> dict[str, Union[SyncReport, Exception]]:
        """Synchronizes every dataset of the active identity."""
    def refresh_datasets(self) -> list[DatasetInfo]:
        """Fetches the service's dataset list into the store; returns the local datasets."""
    async def refresh_datasets_async(self) -> list[DatasetInfo]:
        """Fetches the service's dataset list into the store; returns the local datasets."""
    def set_dataset_deleted_handler(self, handler: Optional[_DatasetDeletedHandler]) -> None:
        """Sets (``None``: removes) the handler of a dataset deleted on the service."""
    def set_datasets_merged_handler(self, handler: Optional[_DatasetsMergedHandler]) -> None:
        """Sets (``None``: removes) the handler of datasets merged into a dataset."""

@final
class IdentitySwitchReport:
    """What :meth:`SyncManager.switch_identity` did."""

    @property
    def from_identity(self) -> Optional[str]: ...
    @property
    def to_identity(self) -> str: ...
    @property
    def moved(self) -> list[str]: ...
    @property
    def left_behind(self) -> list[str]: ...

@final
class SyncDataset:
    """A local dataset: a mutable mapping of ``str`` to ``str`` that works offline."""

    @property
    def name(self) -> str: ...
    def __getitem__(self, key: str, /) -> str: ...
    def __setitem__(self, key: str, value: str, /) -> None: ...
    def __delitem__(self, key: str, /) -> None: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def get(self, key: str, default: Optional[_T] = None) -> Union[str, _T, None]:
        """The value of ``key``, or ``default``."""
    def keys(self) -> list[str]:
        """The keys with a value."""
    def values(self) -> list[str]:
        """The values, in key order."""
    def items(self) -> list[tuple[str, str]]:
        """``(key, value)`` pairs, in key order."""
    def to_dict(self) -> dict[str, str]:
        """Every key and value."""
    def update(
        self,
        values: Union[Mapping[str, Optional[str]], Iterable[tuple[str, Optional[str]]]],
    ) -> None:
        """Writes several keys in one transaction; ``None`` removes."""
    def pop(self, key: str, *default: _T) -> Union[str, _T]:
        """Removes ``key`` and returns its value (or ``default``; ``KeyError`` without one)."""
    def popitem(self) -> tuple[str, str]:
        """Removes and returns some ``(key, value)`` pair."""
    def setdefault(self, key: str, default: str) -> str:
        """The value of ``key``, setting it to ``default`` first if absent."""
    def clear(self) -> None:
        """Removes every key."""
    def records(self) -> list[SyncRecord]:
        """Every stored record, removed ones included."""
    def has_unsynced_changes(self) -> bool:
        """Whether the dataset has unacknowledged local changes."""
    def info(self) -> DatasetInfo:
        """The dataset's description and sync state."""
    def delete(self) -> None:
        """Deletes the dataset locally (and on the service at the next synchronize)."""
    def synchronize(self) -> SyncReport:
        """Pulls, settles conflicts, pushes (blocking)."""
    async def synchronize_async(self) -> SyncReport:
        """``synchronize()`` as a coroutine."""

@disjoint_base
class _BotoClient:
    """The native half of ``cognito_sync.client(...)`` (see ``cognito_sync._boto``)."""

    def __new__(
        cls, client: Union[Client, AsyncClient], max_attempts: int, standard_mode: bool
    ) -> _BotoClient: ...
    def bulk_publish(self, **kwargs: Any) -> dict[str, Any]: ...
    def delete_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    def describe_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    def describe_identity_pool_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    def describe_identity_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    def get_bulk_publish_details(self, **kwargs: Any) -> dict[str, Any]: ...
    def get_cognito_events(self, **kwargs: Any) -> dict[str, Any]: ...
    def get_identity_pool_configuration(self, **kwargs: Any) -> dict[str, Any]: ...
    def list_datasets(self, **kwargs: Any) -> dict[str, Any]: ...
    def list_identity_pool_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    def list_records(self, **kwargs: Any) -> dict[str, Any]: ...
    def register_device(self, **kwargs: Any) -> dict[str, Any]: ...
    def set_cognito_events(self, **kwargs: Any) -> dict[str, Any]: ...
    def set_identity_pool_configuration(self, **kwargs: Any) -> dict[str, Any]: ...
    def subscribe_to_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    def unsubscribe_from_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    def update_records(self, **kwargs: Any) -> dict[str, Any]: ...

@disjoint_base
class _AsyncBotoClient:
    """The native half of ``cognito_sync.aio.create_client(...)``."""

    def __new__(
        cls, client: Union[Client, AsyncClient], max_attempts: int, standard_mode: bool
    ) -> _AsyncBotoClient: ...
    async def bulk_publish(self, **kwargs: Any) -> dict[str, Any]: ...
    async def delete_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    async def describe_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    async def describe_identity_pool_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    async def describe_identity_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    async def get_bulk_publish_details(self, **kwargs: Any) -> dict[str, Any]: ...
    async def get_cognito_events(self, **kwargs: Any) -> dict[str, Any]: ...
    async def get_identity_pool_configuration(self, **kwargs: Any) -> dict[str, Any]: ...
    async def list_datasets(self, **kwargs: Any) -> dict[str, Any]: ...
    async def list_identity_pool_usage(self, **kwargs: Any) -> dict[str, Any]: ...
    async def list_records(self, **kwargs: Any) -> dict[str, Any]: ...
    async def register_device(self, **kwargs: Any) -> dict[str, Any]: ...
    async def set_cognito_events(self, **kwargs: Any) -> dict[str, Any]: ...
    async def set_identity_pool_configuration(self, **kwargs: Any) -> dict[str, Any]: ...
    async def subscribe_to_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    async def unsubscribe_from_dataset(self, **kwargs: Any) -> dict[str, Any]: ...
    async def update_records(self, **kwargs: Any) -> dict[str, Any]: ...

def set_worker_threads(threads: int) -> None:
    """Sets how many worker threads the library's I/O runtime runs (1 to 64; default 1),
    before it starts."""

def _after_fork_in_child() -> None: ...
def _refresh_log_level() -> None: ...
def _setting_names() -> list[str]: ...
def _shutdown() -> None: ...
