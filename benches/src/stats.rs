//! Measurements: process CPU time and peak memory (getrusage), latency percentiles, and the
//! one-line JSON result every driver (Rust, C, Python) prints for the harness to collect.

use serde::{Deserialize, Serialize};

/// CPU time of the whole process (all threads), in microseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpuTimes {
    /// User time.
    pub user_us: u64,
    /// System (kernel) time.
    pub sys_us: u64,
}

impl CpuTimes {
    /// The process's CPU time so far.
    pub fn now() -> Self {
        let usage = rusage();
        CpuTimes {
            user_us: timeval_us(usage.ru_utime),
            sys_us: timeval_us(usage.ru_stime),
        }
    }

    /// User plus system time.
    pub fn total_us(&self) -> u64 {
        self.user_us + self.sys_us
    }
}

fn timeval_us(tv: libc::timeval) -> u64 {
    (tv.tv_sec as u64) * 1_000_000 + tv.tv_usec as u64
}

fn rusage() -> libc::rusage {
    // SAFETY: `rusage` is a C struct of integers: all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `getrusage` only writes into the struct we pass; RUSAGE_SELF always exists.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage
}

/// Peak resident memory of the process so far, in KiB.
pub fn max_rss_kib() -> u64 {
    rusage().ru_maxrss as u64
}

/// The `p`-th percentile (0..=100) of sorted samples, nearest-rank.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Median of a list of numbers (mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 0 {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// What one measured run reports, printed as one JSON line by every driver.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunResult {
    /// Calls completed in the measured window.
    pub calls: u64,
    /// Wall-clock length of the measured window, seconds.
    pub wall_s: f64,
    /// Client process CPU time (user + system) in the window, microseconds.
    pub cpu_us: f64,
    /// Median call latency, microseconds.
    pub p50_us: f64,
    /// 99th percentile call latency, microseconds.
    pub p99_us: f64,
    /// Peak resident memory of the client process, KiB.
    #[serde(default)]
    pub max_rss_kib: u64,
}

impl RunResult {
    /// Builds a result from the window's figures and the per-call latencies in nanoseconds.
    pub fn from_window(wall: std::time::Duration, cpu_us: u64, latencies_ns: &mut [u64]) -> Self {
        latencies_ns.sort_unstable();
        RunResult {
            calls: latencies_ns.len() as u64,
            wall_s: wall.as_secs_f64(),
            cpu_us: cpu_us as f64,
            p50_us: percentile(latencies_ns, 50.0) as f64 / 1000.0,
            p99_us: percentile(latencies_ns, 99.0) as f64 / 1000.0,
            max_rss_kib: max_rss_kib(),
        }
    }

    /// Calls per second.
    pub fn rate(&self) -> f64 {
        if self.wall_s > 0.0 {
            self.calls as f64 / self.wall_s
        } else {
            0.0
        }
    }

    /// Client CPU microseconds per call.
    pub fn cpu_per_call_us(&self) -> f64 {
        if self.calls > 0 {
            self.cpu_us / self.calls as f64
        } else {
            f64::NAN
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[f64::NAN]), None);
    }

    #[test]
    fn cpu_time_grows_with_work() {
        let before = CpuTimes::now();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        assert!(CpuTimes::now().total_us() > before.total_us());
    }
}
