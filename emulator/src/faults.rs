//! Fault injection for reliability tests: per operation or for all (`*`), an error rate with a
//! chosen error code, added latency and dropped connections, optionally for the next N matching
//! requests only. Set at start-up (`--fault`), through [`Faults`] or the admin route.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api_error::{sync_status_for, ApiError};

fn star() -> String {
    "*".to_owned()
}

fn internal_error() -> String {
    "InternalErrorException".to_owned()
}

/// One fault-injection rule. JSON (admin route) and `key=value,...` (`--fault`) use these names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Operation name (`ListRecords`, `GetCredentialsForIdentity`, ...) or `*` for every operation.
    #[serde(default = "star")]
    pub operation: String,
    /// Probability in `[0, 1]` that a matching request fails with [`FaultRule::error`].
    #[serde(default)]
    pub error_rate: f64,
    /// Error code of the injected failure (default `InternalErrorException`, HTTP 500;
    /// `TooManyRequestsException` gives 429).
    #[serde(default = "internal_error")]
    pub error: String,
    /// HTTP status of the injected failure; default: the status the model gives `error`.
    #[serde(default)]
    pub status: Option<u16>,
    /// Latency added to every matching request, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Probability in `[0, 1]` that the connection is closed without any response.
    #[serde(default)]
    pub drop_rate: f64,
    /// Apply to this many matching requests, then retire the rule; `None`: forever.
    #[serde(default)]
    pub remaining: Option<u64>,
}

impl Default for FaultRule {
    fn default() -> Self {
        FaultRule {
            operation: star(),
            error_rate: 0.0,
            error: internal_error(),
            status: None,
            latency_ms: 0,
            drop_rate: 0.0,
            remaining: None,
        }
    }
}

/// A `--fault` specification that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultParseError(String);

impl fmt::Display for FaultParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultParseError {}

fn rate(key: &str, v: &str) -> Result<f64, FaultParseError> {
    match v.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(FaultParseError(format!(
            "{key} must be a number between 0 and 1, got {v:?}"
        ))),
    }
}

fn int<T: FromStr>(key: &str, v: &str) -> Result<T, FaultParseError> {
    v.parse()
        .map_err(|_| FaultParseError(format!("{key} must be a whole number, got {v:?}")))
}

impl FromStr for FaultRule {
    type Err = FaultParseError;

    /// Parses `operation=ListRecords,error=TooManyRequestsException,error_rate=0.5,latency_ms=20,drop_rate=0.1,remaining=3`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut rule = FaultRule::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| FaultParseError(format!("expected key=value, got {part:?}")))?;
            match k.trim() {
                "operation" | "op" => rule.operation = v.to_owned(),
                "error_rate" | "rate" => rule.error_rate = rate(k, v)?,
                "error" => rule.error = v.to_owned(),
                "status" => rule.status = Some(int(k, v)?),
                "latency_ms" | "latency" => rule.latency_ms = int(k, v)?,
                "drop_rate" | "drop" => rule.drop_rate = rate(k, v)?,
                "remaining" | "count" => rule.remaining = Some(int(k, v)?),
                other => return Err(FaultParseError(format!("unknown fault key {other:?}"))),
            }
        }
        rule.check()?;
        Ok(rule)
    }
}

impl FaultRule {
    /// Rejects rates outside `[0, 1]` and empty names.
    pub fn check(&self) -> Result<(), FaultParseError> {
        for (k, r) in [
            ("error_rate", self.error_rate),
            ("drop_rate", self.drop_rate),
        ] {
            if !(0.0..=1.0).contains(&r) {
                return Err(FaultParseError(format!("{k} must be between 0 and 1")));
            }
        }
        if self.operation.is_empty() || self.error.is_empty() {
            return Err(FaultParseError(
                "operation and error must not be empty".into(),
            ));
        }
        Ok(())
    }

    fn matches(&self, op: &str) -> bool {
        self.operation == "*" || self.operation.eq_ignore_ascii_case(op)
    }
}

/// What the server does to one request.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    pub(crate) latency: Duration,
    pub(crate) drop: bool,
    pub(crate) error: Option<ApiError>,
}

/// A shared, cloneable handle on the fault rules of one emulator.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<FaultRule>>>,
}

impl Faults {
    pub(crate) fn new(rules: Vec<FaultRule>) -> Self {
        Faults {
            rules: Arc::new(Mutex::new(rules)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces every rule.
    pub fn set(&self, rules: Vec<FaultRule>) {
        *self.lock() = rules;
    }

    /// Adds one rule.
    pub fn add(&self, rule: FaultRule) {
        self.lock().push(rule);
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The rules in force.
    pub fn rules(&self) -> Vec<FaultRule> {
        self.lock().clone()
    }

    /// Rolls the dice for one request to `op`.
    pub(crate) fn decide(&self, op: &str) -> Decision {
        let mut rules = self.lock();
        if rules.is_empty() {
            return Decision::default();
        }
        let mut d = Decision::default();
        for rule in rules.iter_mut().filter(|r| r.matches(op)) {
            if let Some(n) = rule.remaining.as_mut() {
                if *n == 0 {
                    continue;
                }
                *n -= 1;
            }
            d.latency = d
                .latency
                .saturating_add(Duration::from_millis(rule.latency_ms));
            if d.drop || d.error.is_some() {
                continue;
            }
            if rule.drop_rate > 0.0 && fastrand::f64() < rule.drop_rate {
                d.drop = true;
            } else if rule.error_rate > 0.0 && fastrand::f64() < rule.error_rate {
                let status = rule.status.unwrap_or_else(|| sync_status_for(&rule.error));
                d.error = Some(ApiError::new(
                    rule.error.clone(),
                    status,
                    format!("Injected fault: {}", rule.error),
                ));
            }
        }
        rules.retain(|r| r.remaining != Some(0));
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cli_specs() {
        let r: FaultRule =
            "operation=ListRecords,error=TooManyRequestsException,error_rate=1,remaining=2"
                .parse()
                .unwrap();
        assert_eq!(r.operation, "ListRecords");
        assert_eq!(r.remaining, Some(2));
        assert!("error_rate=2".parse::<FaultRule>().is_err());
        assert!("bogus=1".parse::<FaultRule>().is_err());
        assert!("latency_ms=x".parse::<FaultRule>().is_err());
    }

    #[test]
    fn counted_rules_fire_then_retire() {
        let f = Faults::new(vec![FaultRule {
            operation: "ListRecords".into(),
            error: "TooManyRequestsException".into(),
            error_rate: 1.0,
            remaining: Some(2),
            ..Default::default()
        }]);
        assert!(f.decide("UpdateRecords").error.is_none());
        let e = f.decide("ListRecords").error.unwrap();
        assert_eq!(
            (e.code.as_ref(), e.status),
            ("TooManyRequestsException", 429)
        );
        assert!(f.decide("ListRecords").error.is_some());
        assert!(f.decide("ListRecords").error.is_none());
        assert!(f.rules().is_empty());
    }
}
