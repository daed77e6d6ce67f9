//! Link options of the C shared library.
//!
//! Identical code folding (`--icf=all`) merges the many byte-identical
//! functions that generic code leaves behind (drop glue, trait shims): about
//! 90 KB less of `libcognito_sync.so`. Only LLD (Rust's default linker on
//! x86_64 Linux since 1.90), gold and mold understand the flag, so it is
//! added only where LLD is known to be the linker: that target, no linker
//! configured by the user, a recent enough compiler, release profile. The
//! library behaves the same either way; only its size differs.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    // Release builds only: the shipped library; debug builds stay plain.
    if env::var("PROFILE").as_deref() == Ok("release") && lld_is_the_linker() {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--icf=all");
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
