//! Timestamps on the wire: epoch seconds as a JSON number.
//!
//! The service wrote fractional seconds in exponent form (`1.413231134115E9`), other
//! implementations write integers or plain decimals; all of them are accepted, and so
//! are numeric strings and RFC 3339 strings (botocore accepts those too). Times are
//! written back as integers when they have no sub-second part, else as decimals with
//! millisecond precision, which every known implementation reads.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// The earliest and latest instants accepted, in epoch seconds: 0001-01-01T00:00:00Z and
/// 9999-12-31T23:59:59Z (and its fraction), what every SDK's date type holds (Python's
/// `datetime`, .NET's `DateTime`). Decided here, at parse time, so a server's out-of-range
/// timestamp is the same typed error (an invalid response) in Rust, C and Python, never a
/// value that one layer can hold and the next cannot.
const MIN_EPOCH_SECS: i64 = -62_135_596_800;
const MAX_EPOCH_SECS: i64 = 253_402_300_799;

/// Converts epoch seconds (possibly fractional or negative) to a `SystemTime`,
/// rounded to the microsecond. `None` for values that are not finite or out of range.
pub(crate) fn from_epoch_f64(secs: f64) -> Option<SystemTime> {
    if !secs.is_finite() || secs < MIN_EPOCH_SECS as f64 || secs >= (MAX_EPOCH_SECS + 1) as f64 {
        return None;
    }
    let micros = (secs * 1_000_000.0).round();
    // Rounding may carry the last microsecond of year 9999 into year 10000.
    if micros >= (MAX_EPOCH_SECS + 1) as f64 * 1_000_000.0 {
        return None;
    }
    let micros = micros as i64;
    let magnitude = Duration::from_micros(micros.unsigned_abs());
    if micros >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    }
}

/// Converts whole epoch seconds to a `SystemTime`; `None` outside years 1 to 9999.
pub(crate) fn from_epoch_i64(secs: i64) -> Option<SystemTime> {
    if !(MIN_EPOCH_SECS..=MAX_EPOCH_SECS).contains(&secs) {
        return None;
    }
    let magnitude = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    }
}

/// Epoch seconds of `t`, with sub-second precision rounded to the nearest millisecond
/// (within years 1 to 9999). Rounding, not truncating: a time read from a wire decimal
/// such as `191007403934.115` is a few microseconds off it (binary floating point), and
/// truncating would write it back a millisecond earlier on every round trip.
/// Returns `(whole_seconds, milliseconds)`, milliseconds in `0..1000`.
pub(crate) fn to_epoch_parts(t: SystemTime) -> (i64, u32) {
    let (secs, millis) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => {
            let millis = (d.subsec_nanos() + 500_000) / 1_000_000;
            (d.as_secs() as i64, millis)
        }
        Err(e) => {
            // Before the epoch: floor to the second below, fraction counted upwards.
            let d = e.duration();
            let millis = (d.subsec_nanos() + 500_000) / 1_000_000;
            if millis == 0 {
                (-(d.as_secs() as i64), 0)
            } else {
                (-(d.as_secs() as i64) - 1, 1000 - millis)
            }
        }
    };
    if millis < 1000 {
        (secs, millis)
    } else if secs >= MAX_EPOCH_SECS {
        (MAX_EPOCH_SECS, 999) // never round past 9999-12-31T23:59:59.999
    } else {
        (secs + 1, 0)
    }
}

/// Parses an RFC 3339 / ISO 8601 UTC or offset timestamp such as
/// `2020-01-02T03:04:05.678Z` or `2020-01-02T03:04:05+01:00`.
pub(crate) fn parse_rfc3339(s: &str) -> Option<SystemTime> {
    let b = s.trim().as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: u64 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = (i - start).min(9);
        if digits == 0 {
            return None;
        }
        nanos *= 10u64.pow(9 - digits as u32);
    }
    let offset_secs: i64 = match b.get(i) {
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let h = num(i + 1..i + 3)?;
            let m = num(i + 4..i + 6)?;
            let v = h * 3600 + m * 60;
            if *sign == b'+' {
                v
            } else {
                -v
            }
        }
        None => 0,
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    from_epoch_i64(secs)?.checked_add(Duration::from_nanos(nanos))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct EpochVisitor;

impl<'de> Visitor<'de> for EpochVisitor {
    type Value = Option<SystemTime>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp in epoch seconds")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        from_epoch_i64(v)
            .map(Some)
            .ok_or_else(|| E::custom("timestamp out of range"))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let v = i64::try_from(v).map_err(|_| E::custom("timestamp out of range"))?;
        self.visit_i64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        from_epoch_f64(v)
            .map(Some)
            .ok_or_else(|| E::custom("timestamp out of range"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if let Ok(n) = v.trim().parse::<f64>() {
            return self.visit_f64(n);
        }
        parse_rfc3339(v)
            .map(Some)
            .ok_or_else(|| E::custom("invalid timestamp"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(EpochVisitor)
    }
}

/// A timestamp as the service writes it: epoch seconds, an integer, or a float when there
/// are milliseconds.
pub(crate) struct EpochSeconds(pub(crate) SystemTime);

impl serde::Serialize for EpochSeconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (secs, millis) = to_epoch_parts(self.0);
        if millis == 0 {
            s.serialize_i64(secs)
        } else {
            s.serialize_f64(secs as f64 + f64::from(millis) / 1000.0)
        }
    }
}

/// `#[serde(with = "...")]` helpers for `Option<SystemTime>` members.
pub(crate) mod option_epoch_seconds {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        t: &Option<SystemTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            None => s.serialize_none(),
            Some(t) => serde::Serialize::serialize(&EpochSeconds(*t), s),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        d.deserialize_any(EpochVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct T {
        #[serde(
            default,
            with = "option_epoch_seconds",
            skip_serializing_if = "Option::is_none"
        )]
        t: Option<SystemTime>,
    }

    fn parse(json: &str) -> Option<SystemTime> {
        serde_json::from_str::<T>(json).unwrap().t
    }

    fn at(secs: u64, millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(secs * 1000 + millis)
    }

    #[test]
    fn refuses_what_sdks_cannot_represent() {
        let err = |json: &str| serde_json::from_str::<T>(json).is_err();
        // Year 10000 and beyond, milliseconds sent as seconds, absurd magnitudes.
        for bad in [
            "253402300800",
            "2.534023008E11",
            "1.7e12",
            "1e20",
            "1e300",
            "-62135596801",
        ] {
            assert!(err(&format!(r#"{{"t": {bad}}}"#)), "{bad} was accepted");
        }
        assert!(err(r#"{"t": "10000-01-01T00:00:00Z"}"#));
        assert!(err(r#"{"t": "0000-12-31T23:59:59Z"}"#));
        // The last second of year 9999 and the first of year 1 are fine.
        assert_eq!(
            parse(r#"{"t": 253402300799}"#),
            Some(at(253_402_300_799, 0))
        );
        assert!(parse(r#"{"t": 253402300799.999}"#).is_some());
        assert!(parse(r#"{"t": -62135596800}"#).is_some());
        assert!(parse(r#"{"t": "9999-12-31T23:59:59Z"}"#).is_some());
    }

    #[test]
    fn accepts_integer_decimal_and_exponent_forms() {
        assert_eq!(parse(r#"{"t":1413231134}"#), Some(at(1413231134, 0)));
        assert_eq!(parse(r#"{"t":1413231134.115}"#), Some(at(1413231134, 115)));
        assert_eq!(
            parse(r#"{"t":1.413231134115E9}"#),
            Some(at(1413231134, 115))
        );
        assert_eq!(
            parse(r#"{"t":1.412974057151e9}"#),
            Some(at(1412974057, 151))
        );
        assert_eq!(parse(r#"{"t":"1413231134.5"}"#), Some(at(1413231134, 500)));
        assert_eq!(parse(r#"{"t":null}"#), None);
        assert_eq!(parse(r#"{}"#), None);
    }

    #[test]
    fn accepts_rfc3339_strings() {
        assert_eq!(
            parse(r#"{"t":"2020-01-02T03:04:05.678Z"}"#),
            Some(at(1577934245, 678))
        );
        assert_eq!(
            parse(r#"{"t":"2020-01-02T04:04:05+01:00"}"#),
            Some(at(1577934245, 0))
        );
        assert!(serde_json::from_str::<T>(r#"{"t":"yesterday"}"#).is_err());
    }

    #[test]
    fn negative_epochs_round_trip() {
        let t = UNIX_EPOCH - Duration::from_millis(1500);
        let json = serde_json::to_string(&T { t: Some(t) }).unwrap();
        assert_eq!(json, r#"{"t":-1.5}"#);
        assert_eq!(parse(&json), Some(t));
    }

    #[test]
    fn writes_integers_without_fraction_and_millis_otherwise() {
        let whole = serde_json::to_string(&T {
            t: Some(at(1577934245, 0)),
        })
        .unwrap();
        assert_eq!(whole, r#"{"t":1577934245}"#);
        let frac = serde_json::to_string(&T {
            t: Some(at(1577934245, 678)),
        })
        .unwrap();
        assert_eq!(frac, r#"{"t":1577934245.678}"#);
    }

    #[test]
    fn far_future_milliseconds_survive_round_trips() {
        // Found by the response_parsers fuzz target: 191007403934.115 (year 8022) read as
        // a few microseconds less and written back truncated drifted by 1 ms each time.
        let write = |t: SystemTime| serde_json::to_string(&T { t: Some(t) }).unwrap();
        let first = parse(r#"{"t": 191007403934.115}"#).unwrap();
        assert_eq!(write(first), r#"{"t":191007403934.115}"#);
        let again = parse(&write(first)).unwrap();
        assert_eq!(write(again), r#"{"t":191007403934.115}"#);
        // Rounding never carries past the last millisecond of year 9999.
        let last = UNIX_EPOCH + Duration::new(253_402_300_799, 999_700_000);
        assert_eq!(write(last), r#"{"t":253402300799.999}"#);
        assert_eq!(
            to_epoch_parts(UNIX_EPOCH - Duration::from_micros(999_600)),
            (-1, 0)
        );
    }
}
