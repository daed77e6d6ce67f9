//! The state one emulator shares across connections.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::api_error::ApiError;
use crate::auth::sigv4::KnownKey;
use crate::config::Config;
use crate::faults::Faults;
use crate::store::{meta_get, meta_set, Store};
use crate::time::from_ms;
use crate::tokens::TokenKey;

/// Shared by every request of one emulator.
pub(crate) struct State {
    pub(crate) config: Config,
    pub(crate) store: Store,
    pub(crate) tokens: TokenKey,
    pub(crate) faults: Faults,
    developer_keys: HashMap<String, String>,
}

impl State {
    /// Opens the store and loads (or creates) the token secret.
    pub(crate) fn new(config: Config) -> Result<State, crate::Error> {
        let store = Store::open(config.db_path.as_deref())
            .map_err(|e| crate::Error::new(format!("cannot open the store: {e}")))?;
        let secret = store
            .write(|tx| match meta_get(tx, "token_secret")? {
                Some(s) => Ok(s),
                None => {
                    let s = format!(
                        "{}{}",
                        uuid::Uuid::new_v4().simple(),
                        uuid::Uuid::new_v4().simple()
                    );
                    meta_set(tx, "token_secret", &s)?;
                    Ok(s)
                }
            })
            .map_err(|e| {
                crate::Error::new(format!("cannot initialise the store: {}", e.message))
            })?;
        let developer_keys = config.effective_developer_keys().into_iter().collect();
        let faults = Faults::new(config.faults.clone());
        Ok(State {
            config,
            store,
            tokens: TokenKey::new(secret),
            faults,
            developer_keys,
        })
    }

    /// Finds the secret (and class) of an access key: developer keys first, then temporary ones.
    pub(crate) fn lookup_key(&self, access_key: &str) -> Result<Option<KnownKey>, ApiError> {
        if let Some(secret) = self.developer_keys.get(access_key) {
            return Ok(Some(KnownKey::Developer {
                secret: secret.clone(),
            }));
        }
        self.store.read(|tx| {
            Ok(tx
                .query_row(
                    "SELECT secret, session_token, pool_id, identity_id, expires_ms
                     FROM credentials WHERE access_key = ?1",
                    [access_key],
                    |r| {
                        Ok(KnownKey::Temporary {
                            secret: r.get(0)?,
                            session_token: r.get(1)?,
                            pool_id: r.get(2)?,
                            identity_id: r.get(3)?,
                            expires: from_ms(r.get(4)?),
                        })
                    },
                )
                .optional()?)
        })
    }
}
