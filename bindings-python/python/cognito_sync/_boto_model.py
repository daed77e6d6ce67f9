"""The parts of the Cognito Sync service model the boto3-compatible client needs in
Python: each operation's input shape (for botocore's parameter validation report, built
only when a call's arguments are wrong), its method name, the modeled errors and the
paginated operations. Written from the model (``service-2.json``, 2014-06-30).

A shape is a tuple: ``("string", min)``, ``("integer", min)``, ``("timestamp",)``,
``("list", member, min)``, ``("map", key, value)``, or
``("structure", {member: shape}, (required...))``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_S: Any = ("string", None)
_ID: Any = ("string", 1)
_INT: Any = ("integer", None)

_RECORD_PATCH: Any = (
    "structure",
    {
        "Op": _S,
        "Key": _ID,
        "Value": _S,
        "SyncCount": _INT,
        "DeviceLastModifiedDate": ("timestamp",),
    },
    ("Op", "Key", "SyncCount"),
)
_PUSH_SYNC: Any = (
    "structure",
    {"ApplicationArns": ("list", _S, None), "RoleArn": ("string", 20)},
    (),
)
_COGNITO_STREAMS: Any = (
    "structure",
    {"StreamName": _ID, "RoleArn": ("string", 20), "StreamingStatus": _S},
    (),
)


def _op(required: tuple[str, ...], **members: Any) -> Any:
    return ("structure", members, required)


_POOL = {"IdentityPoolId": _ID}
_IDENTITY = {"IdentityPoolId": _ID, "IdentityId": _ID}
_DATASET = {"IdentityPoolId": _ID, "IdentityId": _ID, "DatasetName": _ID}
_DEVICE = {**_DATASET, "DeviceId": _ID}

#: Operation name -> its input shape.
INPUTS: dict[str, Any] = {
    "BulkPublish": _op(("IdentityPoolId",), **_POOL),
    "DeleteDataset": _op(("IdentityPoolId", "IdentityId", "DatasetName"), **_DATASET),
    "DescribeDataset": _op(("IdentityPoolId", "IdentityId", "DatasetName"), **_DATASET),
    "DescribeIdentityPoolUsage": _op(("IdentityPoolId",), **_POOL),
    "DescribeIdentityUsage": _op(("IdentityPoolId", "IdentityId"), **_IDENTITY),
    "GetBulkPublishDetails": _op(("IdentityPoolId",), **_POOL),
    "GetCognitoEvents": _op(("IdentityPoolId",), **_POOL),
    "GetIdentityPoolConfiguration": _op(("IdentityPoolId",), **_POOL),
    "ListDatasets": _op(
        ("IdentityId", "IdentityPoolId"), **_IDENTITY, NextToken=_S, MaxResults=_INT
    ),
    "ListIdentityPoolUsage": _op((), NextToken=_S, MaxResults=_INT),
    "ListRecords": _op(
        ("IdentityPoolId", "IdentityId", "DatasetName"),
        **_DATASET,
        LastSyncCount=_INT,
        NextToken=_S,
        MaxResults=_INT,
        SyncSessionToken=_S,
    ),
    "RegisterDevice": _op(
        ("IdentityPoolId", "IdentityId", "Platform", "Token"),
        **_IDENTITY,
        Platform=_S,
        Token=_S,
    ),
    "SetCognitoEvents": _op(
        ("IdentityPoolId", "Events"), **_POOL, Events=("map", _S, _S)
    ),
    "SetIdentityPoolConfiguration": _op(
        ("IdentityPoolId",), **_POOL, PushSync=_PUSH_SYNC, CognitoStreams=_COGNITO_STREAMS
    ),
    "SubscribeToDataset": _op(
        ("IdentityPoolId", "IdentityId", "DatasetName", "DeviceId"), **_DEVICE
    ),
    "UnsubscribeFromDataset": _op(
        ("IdentityPoolId", "IdentityId", "DatasetName", "DeviceId"), **_DEVICE
    ),
    "UpdateRecords": _op(
        ("IdentityPoolId", "IdentityId", "DatasetName", "SyncSessionToken"),
        **_DATASET,
        DeviceId=_ID,
        RecordPatches=("list", _RECORD_PATCH, None),
        SyncSessionToken=_S,
        ClientContext=_S,
    ),
}


def _snake(name: str) -> str:
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i:
            out.append("_")
        out.append(c.lower())
    return "".join(out)


#: Method name (``list_records``) -> operation name (``ListRecords``).
METHODS: dict[str, str] = {_snake(op): op for op in INPUTS}

#: The errors of the model, each the name of a ``client.exceptions`` class.
ERRORS: tuple[str, ...] = (
    "AlreadyStreamedException",
    "ConcurrentModificationException",
    "DuplicateRequestException",
    "InternalErrorException",
    "InvalidConfigurationException",
    "InvalidLambdaFunctionOutputException",
    "InvalidParameterException",
    "LambdaThrottledException",
    "LimitExceededException",
    "NotAuthorizedException",
    "ResourceConflictException",
    "ResourceNotFoundException",
    "TooManyRequestsException",
)

#: Paginated operations (method name) -> the list each page holds. They follow
#: ``NextToken`` and take ``MaxResults`` as the page size.
PAGINATED: dict[str, str] = {
    "list_records": "Records",
    "list_datasets": "Datasets",
    "list_identity_pool_usage": "IdentityPoolUsages",
}


def validation_report(op: str, params: dict[str, Any]) -> str:
    """botocore's report of what is wrong with ``params`` (empty when its checks pass:
    the library checks more of the model's rules than botocore does)."""
    errors: list[str] = []
    _validate(INPUTS[op], params, "", errors)
    return "\n".join(errors)


def _name(name: str) -> str:
    if not name:
        return "input"
    return name[1:] if name.startswith(".") else name


def _type_error(name: str, value: Any, valid: list[str], errors: list[str]) -> None:
    errors.append(
        f"Invalid type for parameter {_name(name)}, value: {value}, "
        f"type: {type(value)}, valid types: {', '.join(valid)}"
    )


def _validate(shape: Any, value: Any, name: str, errors: list[str]) -> None:
    kind = shape[0]
    if kind == "structure":
        if not isinstance(value, dict):
            _type_error(name, value, [str(dict)], errors)
            return
        members, required = shape[1], shape[2]
        for member in required:
            if member not in value:
                errors.append(f'Missing required parameter in {_name(name)}: "{member}"')
        known = []
        for key in value:
            if key not in members:
                errors.append(
                    f'Unknown parameter in {_name(name)}: "{key}", '
                    f"must be one of: {', '.join(members)}"
                )
            else:
                known.append(key)
        for key in known:
            _validate(members[key], value[key], f"{name}.{key}", errors)
    elif kind == "string":
        if not isinstance(value, str):
            _type_error(name, value, [str(str)], errors)
        elif shape[1] is not None and len(value) < shape[1]:
            errors.append(
                f"Invalid length for parameter {_name(name)}, value: {len(value)}, "
                f"valid min length: {shape[1]}"
            )
    elif kind == "integer":
        if not isinstance(value, int):
            _type_error(name, value, [str(int)], errors)
        elif shape[1] is not None and value < shape[1]:
            errors.append(
                f"Invalid value for parameter {_name(name)}, value: {value}, "
                f"valid min value: {shape[1]}"
            )
    elif kind == "timestamp":
        import datetime

        if not isinstance(value, (datetime.datetime, str, int, float)):
            _type_error(name, value, [str(datetime.datetime), "timestamp-string"], errors)
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            _type_error(name, value, [str(list), str(tuple)], errors)
            return
        for i, item in enumerate(value):
            _validate(shape[1], item, f"{name}[{i}]", errors)
    elif kind == "map":
        if not isinstance(value, dict):
            _type_error(name, value, [str(dict)], errors)
            return
        for key, item in value.items():
            _validate(shape[1], key, name, errors)
            _validate(shape[2], item, f"{name}.{key}", errors)
