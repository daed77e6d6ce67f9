//! Conformance tests of `cognito-sync-local` driven by the official `aws-sdk-cognitosync`
//! crate (see `tests/sdk.rs`). Not in the workspace's default members: the SDK is heavy to build.
//! Run with `cargo test -p cognito-sync-sdk-conformance`.
