//! Link options of the C shared library.
//!
//! Identical code folding (`--icf=all`) merges the many byte-identical
//! functions that generic code leaves behind (drop glue, trait shims): about
//! 90 KB less of `libcognito_sync.so`. Only LLD (Rust's default linker on
//! x86_64 Linux since 1.90), gold and mold understand the flag, so it is
//! added only where LLD is known to be the linker: that target, no linker
//! configured by the user, a recent enough compiler, release profile. The
//! library behaves the same either way; only its size differs.
//!
//! A game ships the library beside its executable, so the library carries its
//! ABI name: SONAME `libcognito_sync.so.0` on Linux (the `0` is the ABI major
//! version; install.sh adds the symlinks) and the install name
//! `@rpath/libcognito_sync.dylib` on Apple targets, so an executable records a
//! name its rpath (`$ORIGIN`, `@executable_path`) resolves, never a build path.
//! Only `cognito_sync_*` symbols are exported: rustc's own version script for a
//! cdylib already hides everything else (Rust and the bundled SQLite), which
//! scripts/test-c.sh checks with nm.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match target_os.as_str() {
        "linux" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcognito_sync.so.0");
            soname_link_in_target_dir();
        }
        "macos" | "ios" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libcognito_sync.dylib")
        }
        _ => {}
    }
    // Release builds only: the shipped library; debug builds stay plain.
    if env::var("PROFILE").as_deref() == Ok("release") && lld_is_the_linker() {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
    }
}

/// Programs linked against `target/<profile>/libcognito_sync.so` record its
/// SONAME, so the build directory gets the `libcognito_sync.so.0` symlink too
/// (the in-tree tests, benches and README commands load from there). OUT_DIR is
/// `target/[<triple>/]<profile>/build/<crate>-<hash>/out`.
fn soname_link_in_target_dir() {
    #[cfg(unix)]
    {
        let Some(out) = env::var_os("OUT_DIR") else {
            return;
        };
        let Some(dir) = std::path::Path::new(&out).ancestors().nth(3) else {
            return;
        };
        let link = dir.join("libcognito_sync.so.0");
        if std::fs::symlink_metadata(&link).is_err() {
            // Best effort: failing only costs the in-tree convenience.
            let _ = std::os::unix::fs::symlink("libcognito_sync.so", &link);
        }
    }
}

fn lld_is_the_linker() -> bool {
    let target = env::var("TARGET").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu" {
        return false;
    }
    // A linker or linker flavour chosen by the user may not know the flag.
    if env::var_os("RUSTC_LINKER").is_some() {
        return false;
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.contains("linker")
        || flags.contains("fuse-ld")
        || flags.contains("link-self-contained")
    {
        return false;
    }
    rustc_minor().is_some_and(|minor| minor >= 90)
}

/// The minor version of the compiler (`rustc 1.MINOR.PATCH ...`).
fn rustc_minor() -> Option<u32> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    let mut parts = version.split('.');
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}
