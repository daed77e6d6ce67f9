//! cognito-sync-local: the local Cognito Sync service (filled by the emulator issue).
