//! The library version, at run time (the header has the same as macros).

use std::ffi::c_char;

/// NUL-terminated version of the crate, e.g. "0.1.0".
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of the library actually loaded, e.g. "0.1.0". Compare it with
/// `COGNITO_SYNC_VERSION` from the header to detect a mismatch between the
/// header you compiled against and the library found at run time.
///
/// Ownership: static string, never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn cognito_sync_version() -> *const c_char {
    crate::ffi_guard_value!(VERSION.as_ptr().cast(), { VERSION.as_ptr().cast() })
}

#[cfg(test)]
mod tests {
    /// The header's version macros, the runtime string and Cargo.toml agree.
    #[test]
    fn header_macros_match_the_crate_version() {
        let header = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../include/cognito_sync.h"
        ))
        .unwrap();
        let expect = [
            (
                "COGNITO_SYNC_VERSION_MAJOR",
                env!("CARGO_PKG_VERSION_MAJOR"),
            ),
            (
                "COGNITO_SYNC_VERSION_MINOR",
                env!("CARGO_PKG_VERSION_MINOR"),
            ),
            (
                "COGNITO_SYNC_VERSION_PATCH",
                env!("CARGO_PKG_VERSION_PATCH"),
            ),
        ];
        for (name, value) in expect {
            let line = format!("#define {name} {value}\n");
            assert!(header.contains(&line), "header lacks `{}`", line.trim());
        }
        let line = format!(
            "#define COGNITO_SYNC_VERSION \"{}\"\n",
            env!("CARGO_PKG_VERSION")
        );
        assert!(header.contains(&line), "header lacks `{}`", line.trim());
        // SAFETY: cognito_sync_version returns a static NUL-terminated string.
        let runtime = unsafe { std::ffi::CStr::from_ptr(super::cognito_sync_version()) };
        assert_eq!(runtime.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
