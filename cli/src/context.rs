//! The global options and what every command builds from them: the Cognito Sync client,
//! the region, the endpoints and the credentials provider, through the core's usual chain.

use std::sync::Arc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use cognito_sync::credentials::{DefaultChain, ProfileProvider};
use cognito_sync::embedding::{CredentialSource, Settings};
use cognito_sync::{Client, ProvideCredentials};

use crate::exit::Failure;

/// Options accepted before or after any subcommand.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// The region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// A profile of ~/.aws/credentials and ~/.aws/config. As with the AWS CLI, an explicit
    /// profile's keys win over AWS_ACCESS_KEY_ID and friends.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// The Cognito Sync endpoint, e.g. http://127.0.0.1:4566 (default:
    /// AWS_ENDPOINT_URL_COGNITO_SYNC, AWS_ENDPOINT_URL, else the region's endpoint).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// The Cognito Identity endpoint (default: AWS_ENDPOINT_URL_COGNITO_IDENTITY, then
    /// --endpoint-url, AWS_ENDPOINT_URL, else the region's endpoint). The emulator serves
    /// both services on one port, so --endpoint-url alone is enough for it.
    #[arg(long, global = true, value_name = "URL")]
    pub identity_endpoint_url: Option<String>,

    /// No progress bars or notes on stderr (errors are still printed).
    #[arg(long, global = true)]
    pub quiet: bool,

    /// Seconds to wait for a connection (0: no limit; default 5), as the AWS CLI's option.
    #[arg(long, global = true, value_name = "SECS")]
    pub cli_connect_timeout: Option<u64>,

    /// Seconds a whole call may take, retries included (0 or absent: no limit). The AWS
    /// CLI's option limits each socket read instead.
    #[arg(long, global = true, value_name = "SECS")]
    pub cli_read_timeout: Option<u64>,

    /// Accepted for scripts written for the AWS CLI; does nothing, as Cognito Sync has no
    /// paginators (list commands always return one page).
    #[arg(long, global = true)]
    pub no_paginate: bool,
}

/// The application name in the `User-Agent` of the tool's requests.
pub const APP_NAME: &str = "cognito-sync-cli";

/// What "no limit" means for the connect timeout, which the core always applies.
const NO_CONNECT_LIMIT: Duration = Duration::from_secs(24 * 3600);

/// The format of what is printed on stdout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// JSON indented by 4 spaces, as the AWS CLI prints it.
    #[default]
    Json,
}

/// What a command runs with: the global options, resolved lazily (a command that needs no
/// client never fails for lack of credentials).
#[derive(Debug, Clone)]
pub struct Context {
    /// The options as given.
    pub global: GlobalArgs,
    /// The output format.
    pub output: OutputFormat,
}

impl Context {
    /// A context from the parsed options. With `--profile`, `AWS_PROFILE` is set for the
    /// rest of the process so the core's region lookup reads that profile too; call it
    /// before starting any thread.
    pub fn new(global: GlobalArgs, output: OutputFormat) -> Self {
        if let Some(profile) = &global.profile {
            std::env::set_var("AWS_PROFILE", profile);
        }
        Context { global, output }
    }

    /// The credentials provider: the named profile only with `--profile` (as the AWS CLI,
    /// which then ignores the environment's keys), else the core's default chain
    /// (environment, then the shared files).
    pub fn credentials_provider(&self) -> Arc<dyn ProvideCredentials> {
        match &self.global.profile {
            Some(p) => Arc::new(ProfileProvider::new().with_profile(p.clone())),
            None => Arc::new(DefaultChain::new()),
        }
    }

    /// The client settings of these options: the named profile only with `--profile`,
    /// else the core's default chain (environment, then the shared files).
    pub fn settings(&self) -> Settings {
        let credentials = match &self.global.profile {
            Some(p) => CredentialSource::Profile(p.clone()),
            None => CredentialSource::DefaultChain,
        };
        let connect_timeout = match self.global.cli_connect_timeout {
            Some(0) => Some(NO_CONNECT_LIMIT),
            Some(secs) => Some(Duration::from_secs(secs)),
            None => None,
        };
        Settings {
            region: self.global.region.clone(),
            endpoint_url: self.global.endpoint_url.clone(),
            credentials,
            connect_timeout,
            call_timeout: self
                .global
                .cli_read_timeout
                .filter(|s| *s > 0)
                .map(Duration::from_secs),
            app_name: Some(APP_NAME.to_owned()),
            ..Settings::default()
        }
    }

    /// The Cognito Sync client of these options. Fails (exit 253) on an invalid
    /// configuration: no region without an endpoint, a malformed URL...
    pub fn sync_client(&self) -> Result<Client, Failure> {
        match self.settings().build() {
            Ok(built) => Ok(built.client),
            Err(e) => Err(Failure::configuration(
                if e.message().contains("Missing Region") {
                    "You must specify a region: --region, AWS_REGION, AWS_DEFAULT_REGION or the \
                     profile's `region` (or an endpoint with --endpoint-url)."
                        .to_owned()
                } else {
                    e.message().to_owned()
                },
            )),
        }
    }

    /// The region: `--region`, else the environment and profile chain; `None` if none is
    /// configured (the client then signs for us-east-1 when an endpoint is given).
    pub fn region(&self) -> Option<String> {
        self.global
            .region
            .clone()
            .filter(|r| !r.is_empty())
            .or_else(|| env("AWS_REGION"))
            .or_else(|| env("AWS_DEFAULT_REGION"))
            .or_else(|| self.sync_client().ok().map(|c| c.region().to_owned()))
    }

    /// The Cognito Identity endpoint: `--identity-endpoint-url`,
    /// `AWS_ENDPOINT_URL_COGNITO_IDENTITY`, `--endpoint-url`, `AWS_ENDPOINT_URL`, else
    /// `https://cognito-identity.{region}.amazonaws.com` (`.com.cn` in China).
    pub fn identity_endpoint(&self) -> Result<String, Failure> {
        let ignore_env = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let configured = |name: &str| if ignore_env { None } else { env(name) };
        if let Some(url) = self
            .global
            .identity_endpoint_url
            .clone()
            .or_else(|| configured("AWS_ENDPOINT_URL_COGNITO_IDENTITY"))
            .or_else(|| self.global.endpoint_url.clone())
            .or_else(|| configured("AWS_ENDPOINT_URL"))
        {
            return Ok(url.trim_end_matches('/').to_owned());
        }
        let region = self.region().ok_or_else(|| {
            Failure::configuration(
                "You must specify a region (--region, AWS_REGION or the profile's region) \
                 or an endpoint (--identity-endpoint-url)",
            )
        })?;
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        Ok(format!("https://cognito-identity.{region}.{suffix}"))
    }
}

/// An environment variable, empty treated as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
