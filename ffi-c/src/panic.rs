//! The panic boundary: every exported function runs its body through one of
//! the two macros below, so no Rust panic ever unwinds into C.
//!
//! A test (`tests::every_export_is_guarded`) reads the sources and fails if an
//! `extern "C"` function does not start with one of them.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{cognito_sync_error, FfiError};
use crate::status::cognito_sync_status;

/// Runs a fallible export body: `Ok` becomes `COGNITO_SYNC_STATUS_OK`; an error
/// or a caught panic becomes its status, and an owned error object is written
/// to `*err_out` when `err_out` is not NULL.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_guard {
    ($err_out:expr, $body:block) => {{
        let err_out: *mut *mut $crate::error::cognito_sync_error = $err_out;
        $crate::panic::run(
            err_out,
            move || -> ::std::result::Result<(), $crate::error::FfiError> { $body },
        )
    }};
}

/// Runs an infallible export body (getters, free functions): a caught panic
/// returns the documented default value instead.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_guard_value {
    ($default:expr, $body:block) => {{
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(move || $body)) {
            Ok(value) => value,
            Err(_) => $default,
        }
    }};
}

/// The body of [`ffi_guard!`].
pub(crate) fn run(
    err_out: *mut *mut cognito_sync_error,
    body: impl FnOnce() -> Result<(), FfiError>,
) -> cognito_sync_status {
    let outcome = catch_unwind(AssertUnwindSafe(body));
    let error = match outcome {
        Ok(Ok(())) => return cognito_sync_status::Ok,
        Ok(Err(error)) => error,
        Err(payload) => FfiError::new(cognito_sync_status::Panic, panic_message(&*payload)),
    };
    let status = error.status();
    if status == cognito_sync_status::Pending {
        // Not a failure: the caller polls again; no error object.
        return status;
    }
    // Building and writing the error object cannot reasonably panic, but a
    // guard costs nothing here and keeps the promise absolute.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: err_out is either NULL or a caller-provided out-parameter.
        unsafe { crate::ffi::write_error(err_out, error) }
    }));
    status
}

/// The text of a panic payload, for the error message.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_owned());
    format!("internal error (panic caught at the C boundary): {detail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::cognito_sync_error_free;

    #[test]
    #[allow(clippy::panic)]
    fn a_panic_becomes_the_panic_status_and_an_error_object() {
        let mut err: *mut cognito_sync_error = std::ptr::null_mut();
        let status = run(&mut err, || panic!("boom"));
        assert_eq!(status, cognito_sync_status::Panic);
        assert!(!err.is_null());
        // SAFETY: err was just written by run().
        let e = unsafe { &*err };
        assert_eq!(e.status(), cognito_sync_status::Panic);
        assert!(e.message().contains("boom"), "{}", e.message());
        // SAFETY: err is the error object run() wrote, freed once.
        unsafe { cognito_sync_error_free(err) };
    }

    #[test]
    #[allow(clippy::panic)]
    fn a_panicking_getter_returns_its_default() {
        let value: i32 = ffi_guard_value!(-1, { panic!("boom") });
        assert_eq!(value, -1);
    }

    #[test]
    fn no_error_object_when_err_out_is_null() {
        let status = run(std::ptr::null_mut(), || {
            Err(FfiError::new(cognito_sync_status::InvalidArgument, "x"))
        });
        assert_eq!(status, cognito_sync_status::InvalidArgument);
    }

    /// Every `extern "C"` function in the crate starts with a guard macro.
    #[test]
    fn every_export_is_guarded() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut files = Vec::new();
        collect_rs(std::path::Path::new(root), &mut files);
        let mut checked = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("extern \"C\" fn ") {
                let after = &rest[at..];
                // The body starts after the first "{\n" that ends the signature.
                let open = after.find("{\n").unwrap();
                let body = after[open + 2..].trim_start();
                assert!(
                    body.starts_with("ffi_guard") || body.starts_with("crate::ffi_guard"),
                    "unguarded export in {}: {}",
                    file.display(),
                    &after[..after.find('(').unwrap_or(40)]
                );
                checked += 1;
                rest = &after[open..];
            }
        }
        assert!(checked > 50, "only {checked} exports found");
    }

    fn collect_rs(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_rs(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
}
