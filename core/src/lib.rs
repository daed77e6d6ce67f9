//! Amazon Cognito Sync client (filled by the core-client issue).
