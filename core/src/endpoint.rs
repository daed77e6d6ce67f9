//! Endpoint resolution, following `endpoint-rule-set-1.json` of Cognito Sync: a custom
//! endpoint wins (and cannot be combined with FIPS or dual-stack); otherwise the
//! region's partition gives `https://cognito-sync[-fips].{region}.{dnsSuffix}` or its
//! dual-stack suffix.

use crate::error::Error;

/// The parts of an AWS partition the rule set uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Partition {
    pub(crate) name: &'static str,
    pub(crate) dns_suffix: &'static str,
    pub(crate) dual_stack_dns_suffix: &'static str,
    pub(crate) supports_fips: bool,
    pub(crate) supports_dual_stack: bool,
}

const AWS: Partition = Partition {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
    supports_fips: true,
    supports_dual_stack: true,
};

/// Partitions with their region prefixes, most specific first (from `partitions.json`).
const PARTITIONS: &[(&str, Partition)] = &[
    (
        "us-gov-",
        Partition {
            name: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "us-isob-",
        Partition {
            name: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "api.aws.scloud",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "us-isof-",
        Partition {
            name: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "api.aws.hci.ic.gov",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "us-iso-",
        Partition {
            name: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "api.aws.ic.gov",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "eu-isoe-",
        Partition {
            name: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "cn-",
        Partition {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
    (
        "eusc-",
        Partition {
            name: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "api.amazonwebservices.eu",
            supports_fips: true,
            supports_dual_stack: true,
        },
    ),
];

/// The partition of a region; unknown regions fall back to `aws`, as `aws.partition` does.
pub(crate) fn partition(region: &str) -> Partition {
    PARTITIONS
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map(|(_, p)| *p)
        .unwrap_or(AWS)
}

/// A region must be a DNS label (letters, digits, dashes) to be put in a host name.
pub(crate) fn check_region(region: &str) -> Result<(), Error> {
    let ok = !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::config(format!(
            "Invalid Configuration: region {region:?} is not a valid region name"
        )))
    }
}

/// Resolves the endpoint of service `prefix` (`cognito-sync`, `cognito-identity`).
pub(crate) fn resolve(
    prefix: &str,
    region: Option<&str>,
    custom: Option<&str>,
    use_fips: bool,
    use_dual_stack: bool,
) -> Result<String, Error> {
    if let Some(url) = custom {
        if use_fips {
            return Err(Error::config(
                "Invalid Configuration: FIPS and custom endpoint are not supported",
            ));
        }
        if use_dual_stack {
            return Err(Error::config(
                "Invalid Configuration: Dualstack and custom endpoint are not supported",
            ));
        }
        return normalize_custom(url);
    }
    let Some(region) = region else {
        return Err(Error::config("Invalid Configuration: Missing Region"));
    };
    check_region(region)?;
    let p = partition(region);
    let (host_prefix, suffix) = match (use_fips, use_dual_stack) {
        (true, true) => {
            if !(p.supports_fips && p.supports_dual_stack) {
                return Err(Error::config(
                    "FIPS and DualStack are enabled, but this partition does not support one or both",
                ));
            }
            ("-fips", p.dual_stack_dns_suffix)
        }
        (true, false) => {
            if !p.supports_fips {
                return Err(Error::config(
                    "FIPS is enabled but this partition does not support FIPS",
                ));
            }
            ("-fips", p.dns_suffix)
        }
        (false, true) => {
            if !p.supports_dual_stack {
                return Err(Error::config(
                    "DualStack is enabled but this partition does not support DualStack",
                ));
            }
            ("", p.dual_stack_dns_suffix)
        }
        (false, false) => ("", p.dns_suffix),
    };
    Ok(format!("https://{prefix}{host_prefix}.{region}.{suffix}"))
}

/// Checks a custom endpoint (`http(s)://host[:port][/path]`) and drops a trailing `/`,
/// so operation paths can be appended to it.
pub(crate) fn normalize_custom(url: &str) -> Result<String, Error> {
    let trimmed = url.trim().trim_end_matches('/');
    let uri: http::Uri = trimmed.parse().map_err(|e: http::uri::InvalidUri| {
        Error::config(format!(
            "Invalid Configuration: endpoint URL {trimmed:?}: {e}"
        ))
    })?;
    match uri.scheme_str() {
        Some("http") | Some("https") => {}
        _ => {
            return Err(Error::config(format!(
            "Invalid Configuration: endpoint URL {trimmed:?} must start with http:// or https://"
        )))
        }
    }
    if uri.host().is_none() || uri.query().is_some() {
        return Err(Error::config(format!(
            "Invalid Configuration: endpoint URL {trimmed:?} must be scheme://host[:port][/path]"
        )));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sync(region: &str, fips: bool, ds: bool) -> String {
        resolve("cognito-sync", Some(region), None, fips, ds).unwrap()
    }

    #[test]
    fn rule_set_variants() {
        assert_eq!(
            sync("us-east-1", false, false),
            "https://cognito-sync.us-east-1.amazonaws.com"
        );
        assert_eq!(
            sync("us-east-1", true, false),
            "https://cognito-sync-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            sync("us-east-1", false, true),
            "https://cognito-sync.us-east-1.api.aws"
        );
        assert_eq!(
            sync("us-east-1", true, true),
            "https://cognito-sync-fips.us-east-1.api.aws"
        );
        assert_eq!(
            sync("cn-north-1", false, false),
            "https://cognito-sync.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(
            sync("cn-north-1", false, true),
            "https://cognito-sync.cn-north-1.api.amazonwebservices.com.cn"
        );
        assert_eq!(
            sync("us-gov-west-1", true, false),
            "https://cognito-sync-fips.us-gov-west-1.amazonaws.com"
        );
        assert_eq!(
            sync("us-iso-east-1", false, false),
            "https://cognito-sync.us-iso-east-1.c2s.ic.gov"
        );
        assert_eq!(
            sync("us-isob-east-1", false, false),
            "https://cognito-sync.us-isob-east-1.sc2s.sgov.gov"
        );
        assert_eq!(
            resolve("cognito-identity", Some("eu-west-1"), None, false, false).unwrap(),
            "https://cognito-identity.eu-west-1.amazonaws.com"
        );
    }

    #[test]
    fn custom_endpoint_rules() {
        assert_eq!(
            resolve(
                "cognito-sync",
                None,
                Some("http://127.0.0.1:8080/"),
                false,
                false
            )
            .unwrap(),
            "http://127.0.0.1:8080"
        );
        let e = resolve(
            "cognito-sync",
            Some("us-east-1"),
            Some("http://h"),
            true,
            false,
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid Configuration: FIPS and custom endpoint are not supported"
        );
        let e = resolve(
            "cognito-sync",
            Some("us-east-1"),
            Some("http://h"),
            false,
            true,
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid Configuration: Dualstack and custom endpoint are not supported"
        );
        assert!(resolve("cognito-sync", None, Some("ftp://h"), false, false).is_err());
        assert!(resolve("cognito-sync", None, Some("not a url"), false, false).is_err());
    }

    #[test]
    fn region_is_required_and_must_be_a_label() {
        let e = resolve("cognito-sync", None, None, false, false).unwrap_err();
        assert_eq!(e.message(), "Invalid Configuration: Missing Region");
        assert!(resolve("cognito-sync", Some("evil.com/x"), None, false, false).is_err());
    }
}
