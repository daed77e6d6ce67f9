//! Who is calling: SigV4 verification of a request, developer versus temporary (Cognito) credentials, and the
//! authorization rules of the model (developer-only, Cognito-only, own identity only).

mod request;
pub(crate) mod sigv4;

pub(crate) use request::{authenticate, claimed_access_key};

use crate::api_error::ApiError;

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    /// Long-term developer credentials: may do everything.
    Developer { access_key: String },
    /// Temporary credentials from GetCredentialsForIdentity: only their own identity's data.
    Identity {
        access_key: String,
        pool_id: String,
        identity_id: String,
    },
}

impl Caller {
    /// The access key id (never the secret), for logs.
    pub(crate) fn access_key(&self) -> &str {
        match self {
            Caller::Developer { access_key } | Caller::Identity { access_key, .. } => access_key,
        }
    }

    /// Operations the model reserves to developer credentials.
    pub(crate) fn require_developer(&self, op: &str) -> Result<(), ApiError> {
        match self {
            Caller::Developer { .. } => Ok(()),
            Caller::Identity { .. } => Err(ApiError::not_authorized(format!(
                "{op} requires developer credentials; Cognito Identity credentials are not allowed"
            ))),
        }
    }

    /// Operations the model reserves to Cognito Identity credentials.
    pub(crate) fn require_cognito(&self, op: &str) -> Result<(), ApiError> {
        match self {
            Caller::Identity { .. } => Ok(()),
            Caller::Developer { .. } => Err(ApiError::not_authorized(format!(
                "{op} requires Cognito Identity credentials; developer credentials are not allowed"
            ))),
        }
    }

    /// Cognito credentials may touch only their own pool and identity.
    pub(crate) fn require_access(&self, pool_id: &str, identity_id: &str) -> Result<(), ApiError> {
        match self {
            Caller::Developer { .. } => Ok(()),
            Caller::Identity {
                pool_id: p,
                identity_id: i,
                ..
            } if p == pool_id && i == identity_id => Ok(()),
            Caller::Identity { .. } => Err(ApiError::not_authorized(format!(
                "Access to Identity '{identity_id}' is forbidden."
            ))),
        }
    }

    /// The `LastModifiedBy` of a write: the identity ID, or the account for developer credentials.
    pub(crate) fn modified_by(&self, account_id: &str) -> String {
        match self {
            Caller::Developer { .. } => account_id.to_owned(),
            Caller::Identity { identity_id, .. } => identity_id.clone(),
        }
    }
}
