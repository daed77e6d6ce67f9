//! The state one emulator shares across connections.

use std::collections::HashMap;

use crate::config::Config;
use crate::faults::Faults;
use crate::store::{meta_get, meta_set, Store};
use crate::tokens::TokenKey;

/// Shared by every request of one emulator.
pub(crate) struct State {
    pub(crate) config: Config,
    pub(crate) store: Store,
    pub(crate) tokens: TokenKey,
    pub(crate) faults: Faults,
    /// Access key id to secret, for request authentication (`auth`).
    pub(crate) developer_keys: HashMap<String, String>,
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
}
