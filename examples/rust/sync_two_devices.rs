//! Two devices keep one player's game save in sync, offline first, and a conflict is
//! settled by a custom resolver that merges the two saves field by field.
//!
//! With no endpoint configured (`AWS_ENDPOINT_URL_COGNITO_SYNC` unset), it starts
//! `cognito-sync-local` (the emulator) in-process, so it needs no AWS account:
//!
//! ```text
//! cargo run -p cognito-sync --example sync_two_devices
//! ```
//!
//! Against another endpoint (e.g. the emulator the README starts), set
//! `AWS_ENDPOINT_URL_COGNITO_SYNC` and `COGNITO_IDENTITY_POOL_ID`, like every example.
//!
//! Each device gets its identity and credentials from Cognito Identity (unauthenticated
//! identity of the pool) and keeps its data in its own SQLite file.

use std::sync::Arc;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::sync::{ChangeSource, Conflict, ConflictPolicy, Event, Resolution, SyncManager};
use cognito_sync::Client;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The game's merge rule: the higher level and the larger coin count win; inventories
/// are united. Anything else falls back to the most recent write.
fn merge_saves(c: &Conflict) -> Resolution {
    let (Some(mine), Some(theirs)) = (c.local.value.as_deref(), c.remote.value.as_deref()) else {
        // One side removed the key: keep the removal only if it is the later change.
        return if c.local.device_last_modified > c.remote.device_last_modified {
            Resolution::KeepLocal
        } else {
            Resolution::KeepRemote
        };
    };
    match c.key.as_str() {
        "level" | "coins" => {
            let (m, t) = (
                mine.parse::<u64>().unwrap_or(0),
                theirs.parse::<u64>().unwrap_or(0),
            );
            Resolution::Value(m.max(t).to_string())
        }
        "inventory" => {
            let mut items: Vec<&str> = mine.split(',').chain(theirs.split(',')).collect();
            items.sort_unstable();
            items.dedup();
            Resolution::Value(items.join(","))
        }
        _ if c.local.device_last_modified > c.remote.device_last_modified => Resolution::KeepLocal,
        _ => Resolution::KeepRemote,
    }
}

struct Device {
    name: &'static str,
    manager: SyncManager,
}

impl Device {
    /// A device: its own store file, the player's identity from Cognito Identity.
    fn new(
        name: &'static str,
        endpoint: &str,
        pool: &str,
        identity_id: &str,
        dir: &std::path::Path,
    ) -> Result<Device> {
        let identity = CognitoIdentityProvider::builder()
            .identity_pool_id(pool)
            .identity_id(identity_id) // known from an earlier session
            .region("us-east-1")
            .endpoint_url(endpoint)
            .build()?;
        let client = Client::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials_provider(Arc::new(identity.clone()))
            .build()?;
        let manager = SyncManager::builder()
            .client(client)
            .identity_pool_id(pool)
            .identity_source(Arc::new(identity))
            .store_path(dir.join(format!("{name}.db")))
            .conflict_policy(ConflictPolicy::custom(merge_saves))
            .build()?;
        Ok(Device { name, manager })
    }

    fn show(&self) -> Result<()> {
        let save = self.manager.open_dataset("save")?;
        println!("  {:<7} {:?}", self.name, save.get_all()?);
        Ok(())
    }

    /// What a game loop would do each frame: drain the notifications.
    fn drain_notifications(&self) {
        for event in self.manager.drain_events() {
            match event {
                Event::Changed {
                    source: ChangeSource::Remote,
                    keys,
                    ..
                } => println!("  {}: updated from the cloud: {keys:?}", self.name),
                Event::SyncSucceeded { report, .. } => println!(
                    "  {}: synchronized ({} pushed, {} conflict(s) merged, {} request(s))",
                    self.name, report.pushed, report.conflicts, report.requests
                ),
                Event::SyncFailed { error, .. } => {
                    println!("  {}: synchronize failed: {error}", self.name)
                }
                _ => {}
            }
        }
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut emulator = None;
    let (endpoint, pool) = match std::env::var("AWS_ENDPOINT_URL_COGNITO_SYNC") {
        Ok(endpoint) if !endpoint.is_empty() => {
            let pool = std::env::var("COGNITO_IDENTITY_POOL_ID")
                .map_err(|_| "set COGNITO_IDENTITY_POOL_ID to an identity pool id")?;
            (endpoint, pool)
        }
        _ => {
            let emu =
                cognito_sync_local::Emulator::start(cognito_sync_local::Config::default()).await?;
            let pool = emu.create_identity_pool("two-devices", true)?;
            let endpoint = emu.endpoint().to_owned();
            emulator = Some(emu);
            (endpoint, pool)
        }
    };
    // The player's identity, created once (GetId) and remembered by both devices.
    let player = CognitoIdentityProvider::builder()
        .identity_pool_id(&pool)
        .region("us-east-1")
        .endpoint_url(&endpoint)
        .build()?
        .identity_id()
        .await?;
    let dir = std::env::temp_dir().join(format!("sync-two-devices-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let laptop = Device::new("laptop", &endpoint, &pool, &player, &dir)?;
    let phone = Device::new("phone", &endpoint, &pool, &player, &dir)?;

    println!("1. The laptop starts a game and synchronizes.");
    let save = laptop.manager.open_dataset("save")?;
    save.put_all([
        ("level", Some("3")),
        ("coins", Some("120")),
        ("inventory", Some("sword")),
    ])?;
    save.synchronize().await?;
    laptop.drain_notifications();

    println!("2. The phone picks the save up.");
    phone.manager.open_dataset("save")?.synchronize().await?;
    phone.drain_notifications();

    println!("3. Both play offline: the save diverges.");
    let on_phone = phone.manager.open_dataset("save")?;
    on_phone.put("level", "5")?;
    on_phone.put("inventory", "sword,shield")?;
    let on_laptop = laptop.manager.open_dataset("save")?;
    on_laptop.put("coins", "480")?;
    on_laptop.put("inventory", "sword,bow")?;
    laptop.show()?;
    phone.show()?;

    println!("4. Back online: the phone synchronizes first, then the laptop (conflict).");
    on_phone.synchronize().await?;
    phone.drain_notifications();
    on_laptop.synchronize().await?;
    laptop.drain_notifications();
    on_phone.synchronize().await?;
    phone.drain_notifications();

    println!("5. Both devices hold the merged save:");
    laptop.show()?;
    phone.show()?;
    assert_eq!(on_laptop.get_all()?, on_phone.get_all()?);
    assert_eq!(
        on_laptop.get("inventory")?.as_deref(),
        Some("bow,shield,sword")
    );

    std::fs::remove_dir_all(&dir).ok();
    if let Some(emu) = emulator {
        emu.stop().await;
    }
    Ok(())
}
