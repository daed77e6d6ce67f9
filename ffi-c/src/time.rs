//! Timestamps cross the C boundary as `int64_t` milliseconds since the Unix
//! epoch (UTC): exact for what the service sends (millisecond precision) and
//! free of `time_t`'s platform differences.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Milliseconds since the epoch, negative before it, saturating.
pub(crate) fn to_millis(at: SystemTime) -> i64 {
    match at.duration_since(UNIX_EPOCH) {
        // 64-bit arithmetic (as_millis is 128-bit): this runs for every timestamp of a result.
        Ok(after) => after
            .as_secs()
            .checked_mul(1000)
            .and_then(|ms| ms.checked_add(u64::from(after.subsec_millis())))
            .and_then(|ms| i64::try_from(ms).ok())
            .unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis())
            .map(|ms| -ms)
            .unwrap_or(i64::MIN),
    }
}

/// The instant `ms` milliseconds after (or before, if negative) the epoch.
pub(crate) fn from_millis(ms: i64) -> SystemTime {
    let magnitude = Duration::from_millis(ms.unsigned_abs());
    if ms >= 0 {
        UNIX_EPOCH.checked_add(magnitude).unwrap_or(UNIX_EPOCH)
    } else {
        UNIX_EPOCH.checked_sub(magnitude).unwrap_or(UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for ms in [0, 1, 999, 1_413_231_134_115, -5_000, i64::MAX / 2] {
            assert_eq!(to_millis(from_millis(ms)), ms);
        }
    }
}
