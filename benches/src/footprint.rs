//! Footprint figures: crates in the dependency graph, stripped size of the C library and of a
//! minimal program making one call, peak memory of a process making 1,000 calls, clean release
//! build time (ours against aws-sdk-cognitosync), and Python import/creation time and memory
//! (from the Python driver). Kept in `target/bench/footprint.json` so a run without
//! `--footprint` still reports the last slow measurements, with their date.

use crate::run::TargetKind;
use crate::servers::ServerChild;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One side (ours or the peer) of the Python footprint.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PyFootprint {
    /// `import` time, ms.
    pub import_ms: f64,
    /// Client creation time, ms.
    pub create_ms: f64,
    /// Resident memory of the interpreter after creating a client, MiB.
    pub rss_mib: f64,
}

/// Every footprint figure; `None` where not measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Footprint {
    /// When the slow figures (build times, minimal programs) were measured.
    pub slow_measured_at: Option<String>,
    /// Clean release build of `cognito-sync`, seconds.
    pub core_build_s: Option<f64>,
    /// Clean release build of `aws-sdk-cognitosync`, seconds.
    pub aws_build_s: Option<f64>,
    /// Crates built for `cognito-sync` (itself included).
    pub core_crates: Option<usize>,
    /// Crates built for `aws-sdk-cognitosync` (itself included).
    pub aws_crates: Option<usize>,
    /// Stripped size of the C shared library, bytes.
    pub c_lib_bytes: Option<u64>,
    /// Stripped size of the minimal program, ours, bytes.
    pub min_ours_bytes: Option<u64>,
    /// Stripped size of the minimal program, aws-sdk-cognitosync, bytes.
    pub min_aws_bytes: Option<u64>,
    /// Peak RSS of 1,000 calls, ours, KiB.
    pub rss_ours_kib: Option<u64>,
    /// Peak RSS of 1,000 calls, aws-sdk-cognitosync, KiB.
    pub rss_aws_kib: Option<u64>,
    /// Python, ours.
    pub py_ours: Option<PyFootprint>,
    /// Python, boto3.
    pub py_boto3: Option<PyFootprint>,
    /// A bare interpreter (`pass`), for reference.
    #[serde(default)]
    pub py_bare: Option<PyFootprint>,
}

/// Where the last figures are kept.
pub fn cache_path(root: &Path) -> PathBuf {
    root.join("target").join("bench").join("footprint.json")
}

/// The last saved figures, or none.
pub fn load(root: &Path) -> Footprint {
    std::fs::read_to_string(cache_path(root))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Saves the figures for the next run.
pub fn save(root: &Path, f: &Footprint) -> Result<(), String> {
    let path = cache_path(root);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let text = serde_json::to_string_pretty(f).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Number of distinct crates (normal and build dependencies, host target) `package` builds.
pub fn crate_count(manifest: &Path, package: &str) -> Result<usize, String> {
    let out = Command::new("cargo")
        .args([
            "tree",
            "--offline",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .args(["-p", package])
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree -p {package}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut crates: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some(format!("{} {}", parts.next()?, parts.next()?))
        })
        .collect();
    crates.sort();
    crates.dedup();
    Ok(crates.len())
}

/// Size in bytes of `file` once stripped of every symbol (a stripped copy is measured).
pub fn stripped_size(file: &Path, scratch: &Path) -> Result<u64, String> {
    let copy = scratch.join(format!(
        "stripped-{}",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("file")
    ));
    std::fs::create_dir_all(scratch).map_err(|e| e.to_string())?;
    std::fs::copy(file, &copy).map_err(|e| format!("{}: {e}", file.display()))?;
    let stripped = Command::new("strip")
        .arg("--strip-all")
        .arg(&copy)
        .status()
        .is_ok_and(|s| s.success());
    let size = std::fs::metadata(if stripped { &copy } else { file })
        .map_err(|e| e.to_string())?
        .len();
    let _ = std::fs::remove_file(&copy);
    Ok(size)
}

/// Runs `cargo build --release` for `package` of `manifest` in `target_dir`; returns seconds.
fn cargo_build(manifest: &Path, package: &str, target_dir: &Path) -> Result<f64, String> {
    let start = Instant::now();
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "-p", package])
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", target_dir)
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build -p {package} failed"));
    }
    Ok(start.elapsed().as_secs_f64())
}

/// The minimal programs and the clean build times (several minutes on 2 cores).
pub fn measure_slow(root: &Path, f: &mut Footprint) -> Result<(), String> {
    let base = root.join("target").join("bench-footprint");
    let server = ServerChild::start(TargetKind::Canned)?;
    for (name, lib, is_ours) in [
        ("min-ours", "cognito-sync", true),
        ("min-aws", "aws-sdk-cognitosync", false),
    ] {
        let manifest = root.join("benches/footprint").join(name).join("Cargo.toml");
        let target_dir = base.join(name);
        // Clean: a fresh target directory, so every dependency is compiled.
        let _ = std::fs::remove_dir_all(&target_dir);
        eprintln!("  clean release build of {lib} (minutes on 2 cores)...");
        let secs = cargo_build(&manifest, lib, &target_dir)?;
        cargo_build(&manifest, name, &target_dir)?;
        let exe = target_dir.join("release").join(name);
        let size = stripped_size(&exe, &base)?;
        let out = Command::new(&exe)
            .arg(&server.target.endpoint)
            .arg("1000")
            .output()
            .map_err(|e| format!("{name}: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).map_err(|e| format!("{name} output: {e}"))?;
        let rss = v["max_rss_kib"].as_u64();
        if is_ours {
            f.core_build_s = Some(secs);
            f.min_ours_bytes = Some(size);
            f.rss_ours_kib = rss;
        } else {
            f.aws_build_s = Some(secs);
            f.min_aws_bytes = Some(size);
            f.rss_aws_kib = rss;
        }
    }
    f.slow_measured_at = Some(crate::report::now_utc());
    Ok(())
}

/// The quick figures: crate counts, the C library's size, Python import/creation/memory.
pub fn measure_quick(root: &Path, python: Option<&(PathBuf, PathBuf)>, f: &mut Footprint) {
    let fp = root.join("benches/footprint");
    match crate_count(&fp.join("min-ours/Cargo.toml"), "cognito-sync") {
        Ok(n) => f.core_crates = Some(n),
        Err(e) => eprintln!("  crate count (ours): {e}"),
    }
    match crate_count(&fp.join("min-aws/Cargo.toml"), "aws-sdk-cognitosync") {
        Ok(n) => f.aws_crates = Some(n),
        Err(e) => eprintln!("  crate count (aws): {e}"),
    }
    let lib = root.join("target/release/libcognito_sync.so");
    if lib.exists() {
        match stripped_size(&lib, &root.join("target/bench")) {
            Ok(n) => f.c_lib_bytes = Some(n),
            Err(e) => eprintln!("  C library size: {e}"),
        }
    }
    if let Some((python, script)) = python {
        match Command::new(python).arg(script).arg("footprint").output() {
            Ok(out) if out.status.success() => {
                let v: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
                match v {
                    Ok(v) => {
                        f.py_ours = serde_json::from_value(v["ours"].clone()).ok();
                        f.py_boto3 = serde_json::from_value(v["boto3"].clone()).ok();
                        f.py_bare = serde_json::from_value(v["python"].clone()).ok();
                    }
                    Err(e) => eprintln!("  Python footprint output: {e}"),
                }
            }
            Ok(out) => eprintln!(
                "  Python footprint: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => eprintln!("  Python footprint: {e}"),
        }
    }
}
