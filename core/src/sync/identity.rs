//! Identities: whose data a store holds, and how a synchronize learns its identity id.
//!
//! Local data is always keyed by identity id. The store remembers its **active
//! identity**; local reads and writes use it with no network at all, so an app started
//! offline sees its data. Until an identity id was ever known, data lives under the
//! reserved placeholder [`UNRESOLVED_IDENTITY`]; the first identity resolved adopts it
//! (moved in one transaction; it was this device's data before any login).
//!
//! A synchronize resolves the identity id **before** it reads any local state and is
//! pinned to it for its whole run. If the resolved id is not the active identity (a
//! login merged identities, another user signed in), the synchronize fails with
//! [`ErrorKind::IdentityChanged`](crate::sync::ErrorKind::IdentityChanged) and nothing
//! is touched: the host decides with
//! [`SyncManager::switch_identity`](crate::sync::SyncManager::switch_identity), an
//! explicit transactional operation whose [`IdentitySwitch`] mode says whether the
//! previous identity's data stays apart, moves, or is discarded. Data is never copied
//! from one account into another silently.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::error::Result;

/// The placeholder identity owning data written before any identity id was known.
/// Not a valid Cognito identity id (it has no `:`), so it never clashes with one.
pub const UNRESOLVED_IDENTITY: &str = "unresolved";

/// A boxed future, as returned by [`IdentitySource::identity_id`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Resolves the identity id a synchronize runs under (may use the network, e.g. Cognito
/// Identity's GetId). Called once at the start of every synchronize.
pub trait IdentitySource: Send + Sync {
    /// The current identity id.
    fn identity_id(&self) -> BoxFuture<'_, Result<String>>;
}

/// A fixed identity id (developer-authenticated identities, tests, or a host that
/// resolves the id itself and calls `switch_identity` when it changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedIdentity(pub String);

impl IdentitySource for FixedIdentity {
    fn identity_id(&self) -> BoxFuture<'_, Result<String>> {
        let id = self.0.clone();
        Box::pin(async move { Ok(id) })
    }
}

/// An identity source calling a blocking function (e.g. a C callback). It runs on the
/// synchronize's runtime thread.
pub struct FnIdentity<F>(pub F);

impl<F> IdentitySource for FnIdentity<F>
where
    F: Fn() -> Result<String> + Send + Sync,
{
    fn identity_id(&self) -> BoxFuture<'_, Result<String>> {
        let r = (self.0)();
        Box::pin(async move { r })
    }
}

impl<T: IdentitySource + ?Sized> IdentitySource for Arc<T> {
    fn identity_id(&self) -> BoxFuture<'_, Result<String>> {
        (**self).identity_id()
    }
}

/// What [`SyncManager::switch_identity`](crate::sync::SyncManager::switch_identity) does
/// with the previous identity's local data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdentitySwitch {
    /// Leave it where it is, under the previous identity (unsynced changes included;
    /// they sync if that identity becomes active again). The new identity sees only its
    /// own data. The default: right for a different user signing in.
    #[default]
    KeepSeparate,
    /// Move every dataset to the new identity as local changes (sync counts reset, all
    /// records to be pushed, conflicts with the new identity's service data settled by
    /// the conflict policy). Fails with
    /// [`ErrorKind::IdentityCollision`](crate::sync::ErrorKind::IdentityCollision), changing
    /// nothing, if the new identity already has a local dataset of the same name. Right
    /// for carrying a guest's progress into the account they just signed in to.
    MoveData,
    /// Delete the previous identity's local data (unsynced changes included). Right for
    /// "sign out and forget".
    DiscardPrevious,
}

/// What an identity switch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySwitchReport {
    /// The previous active identity.
    pub from: Option<String>,
    /// The new active identity.
    pub to: String,
    /// Datasets moved to the new identity.
    pub moved: Vec<String>,
    /// Datasets left under the previous identity because the new one has the same name
    /// (only when adopting placeholder data).
    pub left_behind: Vec<String>,
}
