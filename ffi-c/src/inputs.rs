//! Request members that are more than a string or a number: record patches,
//! events, push sync and Cognito streams settings. Plain C structs the caller
//! fills; read (copied) during the call that receives them.

use std::collections::HashMap;
use std::ffi::c_char;

use cognito_sync_core::model;

use crate::error::{FfiError, FfiResult};
use crate::ffi;

/// What a record patch does (values of `cognito_sync_record_patch.op`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum cognito_sync_operation {
    /// Set the record to `value` (the zero value, so a zeroed patch replaces).
    Replace = 0,
    /// Delete the record (`value` must be NULL).
    Remove = 1,
}

/// One change of an UpdateRecords request.
#[repr(C)]
pub struct cognito_sync_record_patch {
    /// A `cognito_sync_operation` value: `COGNITO_SYNC_OPERATION_REPLACE` or
    /// `COGNITO_SYNC_OPERATION_REMOVE`; anything else is
    /// `COGNITO_SYNC_STATUS_INVALID_ARGUMENT`.
    pub op: u32,
    /// Required. The record key (1-1024 bytes).
    pub key: *const c_char,
    /// The new value for a replace (NUL-terminated, up to 1 MB); NULL for a remove.
    pub value: *const c_char,
    /// The last sync count this client saw for the record (0 for a new key).
    pub sync_count: i64,
    /// Optional (NULL = absent): the device clock of the change, in
    /// milliseconds since the Unix epoch.
    pub device_last_modified_date: *const i64,
}

/// One entry of a SetCognitoEvents request: event type -> Lambda function.
#[repr(C)]
pub struct cognito_sync_cognito_event {
    /// Required. The event type, e.g. "SyncTrigger".
    pub event_type: *const c_char,
    /// Required. The Lambda function ARN; "" removes the event.
    pub lambda_function_arn: *const c_char,
}

/// Push sync settings of a SetIdentityPoolConfiguration request.
#[repr(C)]
pub struct cognito_sync_push_sync_input {
    /// Optional: array of `application_arn_count` SNS platform application
    /// ARNs. NULL = leave absent; non-NULL with a count of 0 = empty list.
    pub application_arns: *const *const c_char,
    /// Number of items in `application_arns`.
    pub application_arn_count: usize,
    /// Optional (NULL = absent): IAM role ARN Cognito assumes to publish.
    pub role_arn: *const c_char,
}

/// Cognito streams settings of a SetIdentityPoolConfiguration request.
#[repr(C)]
pub struct cognito_sync_cognito_streams_input {
    /// Optional (NULL = absent): the Kinesis stream name.
    pub stream_name: *const c_char,
    /// Optional (NULL = absent): IAM role ARN Cognito assumes to write.
    pub role_arn: *const c_char,
    /// Optional (NULL = absent): "ENABLED" or "DISABLED".
    pub streaming_status: *const c_char,
}

/// The name of a member of an array item (`list[index].field`), formatted
/// only when an error message needs it: reading a request allocates nothing
/// for names.
#[derive(Clone, Copy)]
struct ItemName {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl ItemName {
    fn new(list: &'static str, index: usize, field: &'static str) -> Self {
        Self { list, index, field }
    }
}

impl std::fmt::Display for ItemName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.list, self.index)?;
        if !self.field.is_empty() {
            write!(f, ".{}", self.field)?;
        }
        Ok(())
    }
}

pub(crate) unsafe fn record_patches(
    items: *const cognito_sync_record_patch,
    count: usize,
) -> FfiResult<Option<Vec<model::RecordPatch>>> {
    if items.is_null() && count == 0 {
        return Ok(None);
    }
    const LIST: &str = "record_patches";
    // SAFETY: `items` is NULL or points to `count` patches, per the header.
    let items = unsafe { ffi::try_slice(items, count, LIST) }?;
    let mut patches = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let op = match item.op {
            0 => model::Operation::Replace,
            1 => model::Operation::Remove,
            other => {
                return Err(FfiError::invalid_argument(format!(
                    "{}.op is {other}, not a cognito_sync_operation",
                    ItemName::new(LIST, i, "")
                )))
            }
        };
        patches.push(model::RecordPatch {
            op,
            // SAFETY: `item.key` is NULL or a NUL-terminated string, per the header.
            key: unsafe { ffi::try_str(item.key, ItemName::new(LIST, i, "key")) }?.to_owned(),
            // SAFETY: `item.value` is NULL or a NUL-terminated string, per the header.
            value: unsafe { ffi::opt_str(item.value, ItemName::new(LIST, i, "value")) }?
                .map(str::to_owned),
            sync_count: item.sync_count,
            // SAFETY: `item.device_last_modified_date` is NULL or points to a readable value, per
            // the header.
            device_last_modified_date: unsafe {
                ffi::opt_value(
                    item.device_last_modified_date,
                    ItemName::new(LIST, i, "device_last_modified_date"),
                )
            }?
            .map(crate::time::from_millis),
        });
    }
    Ok(Some(patches))
}

pub(crate) unsafe fn events(
    items: *const cognito_sync_cognito_event,
    count: usize,
) -> FfiResult<HashMap<String, String>> {
    // SAFETY: `items` is NULL or points to `count` events, per the header.
    let items = unsafe { ffi::try_slice(items, count, "events") }?;
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let name = ItemName::new("events", i, "event_type");
        // SAFETY: `item.event_type` is NULL or a NUL-terminated string, per the header.
        let key = unsafe { ffi::try_str(item.event_type, name) }?;
        // SAFETY: `item.lambda_function_arn` is NULL or a NUL-terminated string, per the header.
        let value = unsafe {
            ffi::try_str(
                item.lambda_function_arn,
                ItemName::new("events", i, "lambda_function_arn"),
            )
        }?;
        map.insert(key.to_owned(), value.to_owned());
    }
    Ok(map)
}

pub(crate) unsafe fn push_sync(
    input: *const cognito_sync_push_sync_input,
) -> FfiResult<Option<model::PushSync>> {
    // SAFETY: `input` is NULL or points to a struct the caller filled, per the header.
    let Some(input) = (unsafe { ffi::opt_ref(input) }) else {
        return Ok(None);
    };
    let application_arns = if input.application_arns.is_null() {
        None
    } else {
        // SAFETY: `application_arns` (not NULL here) points to `application_arn_count`
        // strings, per the header.
        let arns = unsafe {
            ffi::try_slice(
                input.application_arns,
                input.application_arn_count,
                "push_sync.application_arns",
            )
        }?;
        let mut owned = Vec::with_capacity(arns.len());
        for (i, arn) in arns.iter().enumerate() {
            // SAFETY: `*arn` is NULL or a NUL-terminated string, per the header.
            owned.push(
                unsafe { ffi::try_str(*arn, ItemName::new("push_sync.application_arns", i, "")) }?
                    .to_owned(),
            );
        }
        Some(owned)
    };
    Ok(Some(model::PushSync {
        application_arns,
        // SAFETY: `input.role_arn` is NULL or a NUL-terminated string, per the header.
        role_arn: unsafe { ffi::opt_str(input.role_arn, "push_sync.role_arn") }?.map(str::to_owned),
    }))
}

pub(crate) unsafe fn cognito_streams(
    input: *const cognito_sync_cognito_streams_input,
) -> FfiResult<Option<model::CognitoStreams>> {
    // SAFETY: `input` is NULL or points to a struct the caller filled, per the header.
    let Some(input) = (unsafe { ffi::opt_ref(input) }) else {
        return Ok(None);
    };
    Ok(Some(model::CognitoStreams {
        // SAFETY: `input.stream_name` is NULL or a NUL-terminated string, per the header.
        stream_name: unsafe { ffi::opt_str(input.stream_name, "cognito_streams.stream_name") }?
            .map(str::to_owned),
        // SAFETY: `input.role_arn` is NULL or a NUL-terminated string, per the header.
        role_arn: unsafe { ffi::opt_str(input.role_arn, "cognito_streams.role_arn") }?
            .map(str::to_owned),
        // SAFETY: `input.streaming_status` is NULL or a NUL-terminated string, per the header.
        streaming_status: unsafe {
            ffi::opt_str(input.streaming_status, "cognito_streams.streaming_status")
        }?
        .map(model::StreamingStatus::from),
    }))
}
