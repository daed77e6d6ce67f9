//! The C ABI's input readers, through the exported `extern "C"` functions of
//! `cognito-sync-ffi` (linked as an rlib): the 17 operations' request structs, the client
//! configuration setters, and the sync manager's options and dataset reads and writes,
//! with arbitrary strings (invalid UTF-8, interior NULs, NULL pointers, misaligned
//! numbers). Requests that pass the readers and validation go to an emulator this
//! process runs on 127.0.0.1, and the output getters are read back.
//!
//! Input (text, so seeds are real requests): a first line naming the call
//! (`list_records`, ..., `config`, `manager`), then `field=value` lines; the value is the
//! raw bytes up to the end of the line (a NUL ends the C string there), a missing field
//! is NULL, `#N` is a number passed by pointer, `@` a misaligned number pointer.
//! Repeated groups: `patch.op=` starts a record patch (`patch.key`, `patch.value`,
//! `patch.sync_count`, `patch.device`), `event.type=` an event (`event.arn`),
//! `push.arn=` adds an application ARN. `{POOL}` in a value is the emulator's pool.
//!
//! Checks: no panic (none caught at the boundary either: status 900), every status one
//! the header defines, an error object for every failure, getters safe on outputs.
#![no_main]

use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

use cognito_sync_c::client::*;
use cognito_sync_c::error::*;
use cognito_sync_c::inputs::*;
use cognito_sync_c::operations::{
    bulk_publish::*, datasets::*, events::*, pool_config::*, push::*, records::*, usage::*,
};
use cognito_sync_c::status::cognito_sync_status;
use cognito_sync_c::strings::cognito_sync_string_free;
use cognito_sync_c::sync::dataset::*;
use cognito_sync_c::sync::lists::cognito_sync_key_values_free;
use cognito_sync_c::sync::manager::*;
use libfuzzer_sys::fuzz_target;

struct Shared {
    client: usize, // *mut cognito_sync_client, kept for the whole run
    pool: String,
}

/// One emulator (on its own runtime thread) and one client for the whole run.
fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let emu =
                    cognito_sync_local::Emulator::start(cognito_sync_local::Config::default())
                        .await
                        .expect("emulator starts");
                let pool = emu.create_identity_pool("fuzz", true).expect("pool");
                tx.send((emu.endpoint().to_owned(), pool)).expect("send");
                std::future::pending::<()>().await;
                drop(emu);
            });
        });
        let (endpoint, pool) = rx.recv().expect("emulator endpoint");
        let c = |s: &str| std::ffi::CString::new(s).expect("no NUL");
        unsafe {
            let config = cognito_sync_config_new();
            assert_eq!(
                cognito_sync_config_set_region(config, c("us-east-1").as_ptr(), null_mut()),
                cognito_sync_status::Ok
            );
            assert_eq!(
                cognito_sync_config_set_endpoint_url(config, c(&endpoint).as_ptr(), null_mut()),
                cognito_sync_status::Ok
            );
            assert_eq!(
                cognito_sync_config_set_static_credentials(
                    config,
                    c("test").as_ptr(),
                    c("test").as_ptr(),
                    null(),
                    null_mut()
                ),
                cognito_sync_status::Ok
            );
            assert_eq!(
                cognito_sync_config_set_max_attempts(config, 1, null_mut()),
                cognito_sync_status::Ok
            );
            assert_eq!(
                cognito_sync_config_set_call_timeout_ms(config, 5000, null_mut()),
                cognito_sync_status::Ok
            );
            let mut client = null_mut();
            assert_eq!(
                cognito_sync_client_new(config, &mut client, null_mut()),
                cognito_sync_status::Ok
            );
            cognito_sync_config_free(config);
            Shared {
                client: client as usize,
                pool,
            }
        }
    })
}

/// The parsed input: owned NUL-terminated strings the request structs point into.
struct Fields {
    op: Vec<u8>,
    fields: Vec<(String, Vec<u8>)>,
    numbers: Vec<Box<i64>>,
    misaligned: Box<[u8; 16]>,
}

impl Fields {
    fn parse(data: &[u8], pool: &str) -> Fields {
        let mut lines = data.split(|&b| b == b'\n');
        let op = lines.next().unwrap_or_default().to_vec();
        let fields = lines
            .filter_map(|l| {
                let i = l.iter().position(|&b| b == b'=')?;
                let name = String::from_utf8_lossy(&l[..i]).into_owned();
                let mut value = replace(&l[i + 1..], b"{POOL}", pool.as_bytes());
                value.push(0);
                Some((name, value))
            })
            .take(64)
            .collect();
        Fields {
            op,
            fields,
            numbers: Vec::new(),
            misaligned: Box::new([0; 16]),
        }
    }

    fn raw(&self, name: &str) -> Option<&[u8]> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    fn s(&self, name: &str) -> *const c_char {
        self.raw(name).map_or(null(), |v| v.as_ptr().cast())
    }

    /// A number field: `#N` a pointer to N, `@` a misaligned pointer, else NULL.
    fn n<T: TryFrom<i64> + Copy>(&mut self, name: &str) -> *const T {
        let Some(v) = self.raw(name) else {
            return null();
        };
        if v.first() == Some(&b'@') {
            return unsafe { self.misaligned.as_ptr().add(1) }.cast();
        }
        let text = String::from_utf8_lossy(v.strip_prefix(b"#").unwrap_or(v));
        let n: i64 = text.trim_end_matches('\0').trim().parse().unwrap_or(0);
        let Ok(t) = T::try_from(n) else { return null() };
        let mut b = Box::new(0i64);
        unsafe { (b.as_mut() as *mut i64).cast::<T>().write(t) };
        let p = (b.as_ref() as *const i64).cast::<T>();
        self.numbers.push(b);
        p
    }

    /// Every value of a repeated field, in order, with the index of its group.
    fn groups(&self, start: &str) -> Vec<usize> {
        self.fields
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| n == start)
            .map(|(i, _)| i)
            .collect()
    }

    /// Field `name` of the group starting at index `at` (before the next group).
    fn in_group(&self, at: usize, start: &str, name: &str) -> *const c_char {
        for (n, v) in self.fields[at..].iter().skip(1) {
            if n == start {
                break;
            }
            if n == name {
                return v.as_ptr().cast();
            }
        }
        null()
    }
}

fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// Checks a status and frees its error object.
unsafe fn settle(what: &[u8], status: cognito_sync_status, err: *mut cognito_sync_error) {
    let what = String::from_utf8_lossy(what);
    let code = status as u32;
    assert!(
        code != 900 && code != 901,
        "{what}: internal error at the C boundary: {}",
        unsafe { message(err) }
    );
    assert!(
        code == 0 || (100..500).contains(&code),
        "{what}: status {code} not in the header"
    );
    if code == 0 {
        assert!(err.is_null(), "{what}: error object on success");
    } else {
        assert!(
            !err.is_null(),
            "{what}: failure {code} without an error object"
        );
        assert_eq!(
            unsafe { cognito_sync_error_status(err) },
            status,
            "{what}: error object status"
        );
        assert!(
            !unsafe { message(err) }.is_empty(),
            "{what}: empty error message"
        );
        let _ = unsafe {
            (
                cognito_sync_error_code(err),
                cognito_sync_error_http_status(err),
            )
        };
        unsafe { cognito_sync_error_free(err) };
    }
}

unsafe fn message(err: *const cognito_sync_error) -> String {
    let m = unsafe { cognito_sync_error_message(err) };
    if m.is_null() {
        return String::new();
    }
    unsafe { CStr::from_ptr(m) }.to_string_lossy().into_owned()
}

/// Calls a blocking operation with an output, reads nothing but frees it.
macro_rules! call_out {
    ($f:ident, $free:ident, $client:expr, $req:expr, $name:expr) => {{
        let mut out = null_mut();
        let mut err = null_mut();
        let status = unsafe { $f($client, &$req, &mut out, &mut err) };
        if status == cognito_sync_status::Ok {
            assert!(!out.is_null());
        } else {
            assert!(out.is_null(), "output written on failure");
        }
        unsafe { settle($name, status, err) };
        unsafe { $free(out) };
    }};
}

macro_rules! call_unit {
    ($f:ident, $client:expr, $req:expr, $name:expr) => {{
        let mut err = null_mut();
        let status = unsafe { $f($client, &$req, &mut err) };
        unsafe { settle($name, status, err) };
    }};
}

fuzz_target!(|data: &[u8]| {
    let shared = shared();
    let client = shared.client as *const cognito_sync_client;
    let mut f = Fields::parse(data, &shared.pool);
    let op = f.op.clone();
    match op.as_slice() {
        b"bulk_publish" => {
            let r = cognito_sync_bulk_publish_request {
                identity_pool_id: f.s("identity_pool_id"),
            };
            call_out!(
                cognito_sync_bulk_publish,
                cognito_sync_bulk_publish_output_free,
                client,
                r,
                &op
            )
        }
        b"get_bulk_publish_details" => {
            let r = cognito_sync_get_bulk_publish_details_request {
                identity_pool_id: f.s("identity_pool_id"),
            };
            call_out!(
                cognito_sync_get_bulk_publish_details,
                cognito_sync_get_bulk_publish_details_output_free,
                client,
                r,
                &op
            )
        }
        b"delete_dataset" => {
            let r = cognito_sync_delete_dataset_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
            };
            call_out!(
                cognito_sync_delete_dataset,
                cognito_sync_delete_dataset_output_free,
                client,
                r,
                &op
            )
        }
        b"describe_dataset" => {
            let r = cognito_sync_describe_dataset_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
            };
            call_out!(
                cognito_sync_describe_dataset,
                cognito_sync_describe_dataset_output_free,
                client,
                r,
                &op
            )
        }
        b"list_datasets" => {
            let r = cognito_sync_list_datasets_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                next_token: f.s("next_token"),
                max_results: f.n("max_results"),
            };
            call_out!(
                cognito_sync_list_datasets,
                cognito_sync_list_datasets_output_free,
                client,
                r,
                &op
            )
        }
        b"get_cognito_events" => {
            let r = cognito_sync_get_cognito_events_request {
                identity_pool_id: f.s("identity_pool_id"),
            };
            call_out!(
                cognito_sync_get_cognito_events,
                cognito_sync_get_cognito_events_output_free,
                client,
                r,
                &op
            )
        }
        b"set_cognito_events" => {
            let events: Vec<cognito_sync_cognito_event> = f
                .groups("event.type")
                .into_iter()
                .map(|at| cognito_sync_cognito_event {
                    event_type: f.fields[at].1.as_ptr().cast(),
                    lambda_function_arn: f.in_group(at, "event.type", "event.arn"),
                })
                .collect();
            let r = cognito_sync_set_cognito_events_request {
                identity_pool_id: f.s("identity_pool_id"),
                events: if f.raw("events_null").is_some() {
                    null()
                } else {
                    events.as_ptr()
                },
                event_count: events.len(),
            };
            call_unit!(cognito_sync_set_cognito_events, client, r, &op)
        }
        b"get_identity_pool_configuration" => {
            let r = cognito_sync_get_identity_pool_configuration_request {
                identity_pool_id: f.s("identity_pool_id"),
            };
            call_out!(
                cognito_sync_get_identity_pool_configuration,
                cognito_sync_get_identity_pool_configuration_output_free,
                client,
                r,
                &op
            )
        }
        b"set_identity_pool_configuration" => {
            let arns: Vec<*const c_char> = f
                .groups("push.arn")
                .into_iter()
                .map(|at| f.fields[at].1.as_ptr().cast())
                .collect();
            let push = cognito_sync_push_sync_input {
                application_arns: if f.raw("push.arns_null").is_some() {
                    null()
                } else {
                    arns.as_ptr()
                },
                application_arn_count: arns.len(),
                role_arn: f.s("push.role"),
            };
            let streams = cognito_sync_cognito_streams_input {
                stream_name: f.s("streams.name"),
                role_arn: f.s("streams.role"),
                streaming_status: f.s("streams.status"),
            };
            let r = cognito_sync_set_identity_pool_configuration_request {
                identity_pool_id: f.s("identity_pool_id"),
                push_sync: if f.raw("push").is_some() {
                    &push
                } else {
                    null()
                },
                cognito_streams: if f.raw("streams").is_some() {
                    &streams
                } else {
                    null()
                },
            };
            call_out!(
                cognito_sync_set_identity_pool_configuration,
                cognito_sync_set_identity_pool_configuration_output_free,
                client,
                r,
                &op
            )
        }
        b"register_device" => {
            let r = cognito_sync_register_device_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                platform: f.s("platform"),
                token: f.s("token"),
            };
            call_out!(
                cognito_sync_register_device,
                cognito_sync_register_device_output_free,
                client,
                r,
                &op
            )
        }
        b"subscribe_to_dataset" => {
            let r = cognito_sync_subscribe_to_dataset_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
                device_id: f.s("device_id"),
            };
            call_unit!(cognito_sync_subscribe_to_dataset, client, r, &op)
        }
        b"unsubscribe_from_dataset" => {
            let r = cognito_sync_unsubscribe_from_dataset_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
                device_id: f.s("device_id"),
            };
            call_unit!(cognito_sync_unsubscribe_from_dataset, client, r, &op)
        }
        b"list_records" => {
            let r = cognito_sync_list_records_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
                last_sync_count: f.n("last_sync_count"),
                next_token: f.s("next_token"),
                max_results: f.n("max_results"),
                sync_session_token: f.s("sync_session_token"),
            };
            let mut out = null_mut();
            let mut err = null_mut();
            let status = unsafe { cognito_sync_list_records(client, &r, &mut out, &mut err) };
            unsafe { settle(&op, status, err) };
            if !out.is_null() {
                unsafe {
                    let n = cognito_sync_list_records_output_record_count(out);
                    for i in 0..=n {
                        let _ = cognito_sync_list_records_output_record(out, i);
                    }
                    let _ = cognito_sync_list_records_output_next_token(out);
                    cognito_sync_list_records_output_free(out);
                }
            }
        }
        b"update_records" => {
            let mut patches = Vec::new();
            for at in f.groups("patch.op") {
                let op_text = String::from_utf8_lossy(&f.fields[at].1)
                    .trim_end_matches('\0')
                    .to_owned();
                let sync = f.in_group(at, "patch.op", "patch.sync_count");
                let sync_count = if sync.is_null() {
                    0
                } else {
                    unsafe { CStr::from_ptr(sync) }
                        .to_string_lossy()
                        .trim_start_matches('#')
                        .parse()
                        .unwrap_or(0)
                };
                let device = f.in_group(at, "patch.op", "patch.device");
                let device_ms = if device.is_null() {
                    None
                } else {
                    Some(
                        unsafe { CStr::from_ptr(device) }
                            .to_string_lossy()
                            .trim_start_matches('#')
                            .parse::<i64>()
                            .unwrap_or(0),
                    )
                };
                patches.push((
                    op_text.parse::<u32>().unwrap_or(u32::MAX),
                    at,
                    sync_count,
                    device_ms.map(Box::new),
                ));
            }
            let structs: Vec<cognito_sync_record_patch> = patches
                .iter()
                .map(|(op, at, sync_count, device)| cognito_sync_record_patch {
                    op: *op,
                    key: f.in_group(*at, "patch.op", "patch.key"),
                    value: f.in_group(*at, "patch.op", "patch.value"),
                    sync_count: *sync_count,
                    device_last_modified_date: device
                        .as_ref()
                        .map_or(null(), |b| &**b as *const i64),
                })
                .collect();
            let r = cognito_sync_update_records_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                dataset_name: f.s("dataset_name"),
                device_id: f.s("device_id"),
                record_patches: if f.raw("patches_null").is_some() {
                    null()
                } else {
                    structs.as_ptr()
                },
                record_patch_count: structs.len(),
                sync_session_token: f.s("sync_session_token"),
                client_context: f.s("client_context"),
            };
            call_out!(
                cognito_sync_update_records,
                cognito_sync_update_records_output_free,
                client,
                r,
                &op
            )
        }
        b"describe_identity_pool_usage" => {
            let r = cognito_sync_describe_identity_pool_usage_request {
                identity_pool_id: f.s("identity_pool_id"),
            };
            call_out!(
                cognito_sync_describe_identity_pool_usage,
                cognito_sync_describe_identity_pool_usage_output_free,
                client,
                r,
                &op
            )
        }
        b"describe_identity_usage" => {
            let r = cognito_sync_describe_identity_usage_request {
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
            };
            call_out!(
                cognito_sync_describe_identity_usage,
                cognito_sync_describe_identity_usage_output_free,
                client,
                r,
                &op
            )
        }
        b"list_identity_pool_usage" => {
            let r = cognito_sync_list_identity_pool_usage_request {
                next_token: f.s("next_token"),
                max_results: f.n("max_results"),
            };
            call_out!(
                cognito_sync_list_identity_pool_usage,
                cognito_sync_list_identity_pool_usage_output_free,
                client,
                r,
                &op
            )
        }
        b"config" => unsafe {
            // Only readers and client creation: a client made here never sends anything.
            let config = cognito_sync_config_new();
            let mut err = null_mut();
            for (name, value) in &f.fields {
                let v = value.as_ptr().cast::<c_char>();
                let status = match name.as_str() {
                    "region" => cognito_sync_config_set_region(config, v, &mut err),
                    "endpoint_url" => cognito_sync_config_set_endpoint_url(config, v, &mut err),
                    "static" => {
                        cognito_sync_config_set_static_credentials(config, v, v, null(), &mut err)
                    }
                    "cognito_identity" => {
                        cognito_sync_config_set_cognito_identity(config, v, &mut err)
                    }
                    "cognito_login" => {
                        cognito_sync_config_add_cognito_login(config, v, v, &mut err)
                    }
                    "cognito_identity_id" => {
                        cognito_sync_config_set_cognito_identity_id(config, v, &mut err)
                    }
                    "cognito_endpoint_url" => {
                        cognito_sync_config_set_cognito_identity_endpoint_url(config, v, &mut err)
                    }
                    _ => continue,
                };
                settle(name.as_bytes(), status, err);
                err = null_mut();
            }
            let mut made = null_mut();
            let status = cognito_sync_client_new(config, &mut made, &mut err);
            settle(b"client_new", status, err);
            cognito_sync_client_free(made);
            cognito_sync_config_free(config);
        },
        b"manager" => unsafe {
            let options = cognito_sync_manager_options {
                client: if f.raw("no_client").is_some() {
                    null()
                } else {
                    client
                },
                identity_pool_id: f.s("identity_pool_id"),
                identity_id: f.s("identity_id"),
                store_path: null(), // in memory: the fuzzer never names files
                device_id: f.s("device_id"),
                conflict_policy: f.raw("conflict_policy").map_or(0, |v| u32::from(v[0] % 4)),
                conflict_resolver: None,
                conflict_resolver_user_data: null_mut(),
            };
            let mut manager = null_mut();
            let mut err = null_mut();
            let status = cognito_sync_manager_new(&options, &mut manager, &mut err);
            settle(b"manager_new", status, err);
            if manager.is_null() {
                return;
            }
            let mut dataset = null_mut();
            let mut err = null_mut();
            let status =
                cognito_sync_manager_open_dataset(manager, f.s("dataset"), &mut dataset, &mut err);
            settle(b"open_dataset", status, err);
            if !dataset.is_null() {
                for (name, value) in &f.fields {
                    let v = value.as_ptr().cast::<c_char>();
                    let mut err = null_mut();
                    let status = match name.as_str() {
                        "put" => cognito_sync_dataset_put(dataset, v, v, &mut err),
                        "put_null" => cognito_sync_dataset_put(dataset, v, null(), &mut err),
                        "remove" => cognito_sync_dataset_remove(dataset, v, &mut err),
                        "get" => {
                            let mut out = null_mut();
                            let s = cognito_sync_dataset_get(dataset, v, &mut out, &mut err);
                            cognito_sync_string_free(out);
                            s
                        }
                        _ => continue,
                    };
                    settle(name.as_bytes(), status, err);
                }
                let mut all = null_mut();
                let mut err = null_mut();
                let status = cognito_sync_dataset_get_all(dataset, &mut all, &mut err);
                settle(b"get_all", status, err);
                cognito_sync_key_values_free(all);
                cognito_sync_dataset_free(dataset);
            }
            cognito_sync_manager_free(manager);
        },
        _ => {}
    }
});
