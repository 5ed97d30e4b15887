//! `graph-emulator`: run the local Graph, or mint a token it accepts.
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{ArgGroup, Parser, Subcommand};
use graph_emulator::token::{self, Claims, SigningKey, SIGNING_KEY_ENV};
use graph_emulator::{
    AccessPolicy, Catalog, Emulator, EmulatorConfig, FaultRule, Faults, Fixture, DEFAULT_PAGE_SIZE,
};

/// A local Microsoft Graph for tests and demos.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the onlineMeetings API and every path of Graph v1.0 (or of --metadata FILE)
    /// under /v1.0 until Ctrl-C or SIGTERM.
    Serve(ServeArgs),
    /// Print a bearer token the emulator accepts.
    Token(TokenArgs),
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Grant an application access policy: APP_ID may act for USER_ID (`*`: every user).
    #[arg(long = "allow-app", value_name = "APP_ID:USER_ID")]
    allow_app: Vec<AccessPolicy>,
    /// Answer every Nth request with 429 and `Retry-After: 1`.
    #[arg(long, value_name = "N")]
    throttle_every: Option<u64>,
    /// Answer a share of a method's requests with an error and `Retry-After`
    /// (`GET:503:0.1`, `*:429:0.05`; repeatable).
    #[arg(long = "fault", value_name = "METHOD:STATUS:RATE")]
    faults: Vec<FaultRule>,
    /// `Retry-After` of those answers, in seconds (fractions allowed).
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    fault_retry_after: f64,
    /// Delay every answer by a time drawn from MIN to MAX milliseconds.
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_latency)]
    latency: Option<(Duration, Duration)>,
    /// Share of requests (0 to 1) whose connection is dropped before the answer is complete.
    #[arg(long, value_name = "RATE", default_value_t = 0.0, value_parser = parse_rate)]
    drop_rate: f64,
    /// Seed of the fault decisions: the same seed and requests meet the same faults.
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
    /// Key tokens are verified with (must match the one `token` signed with).
    #[arg(long, env = SIGNING_KEY_ENV, hide_env_values = true)]
    signing_key: Option<String>,
    /// Serve every entity set, singleton and navigation path of this CSDL file (XML or JSON)
    /// from an in-memory store; repeat it for files that add to the first (annotations,
    /// referenced schemas). Default: the pinned Graph v1.0 metadata, built in.
    #[arg(long, value_name = "FILE")]
    metadata: Vec<PathBuf>,
    /// Serve the onlineMeetings API only, without a metadata-driven service.
    #[arg(long, conflicts_with_all = ["metadata", "seed"])]
    no_metadata: bool,
    /// Items per page of a collection when the client asks for no size.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PAGE_SIZE)]
    page_size: usize,
    /// Start the metadata-driven service with these entities: a JSON object of collection paths
    /// and the entities to create there (emulator/README.md).
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
}

/// The metadata `serve` reads when given none: the Graph v1.0 file the project pins (and
/// generates graph-v1 from), built into the binary so it serves all of v1.0 from anywhere.
const PINNED_V1: &[u8] = include_bytes!("../../metadata/graph-v1/v1.0-clean.xml");
const PINNED_V1_NAME: &str = "Graph v1.0 (built in: metadata/graph-v1/v1.0-clean.xml)";

/// A share from 0 to 1.
fn parse_rate(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|rate| (0.0..=1.0).contains(rate))
        .ok_or_else(|| format!("{text:?}: expected a number from 0 to 1"))
}

/// `10-50`: milliseconds, the lower bound first.
fn parse_latency(text: &str) -> Result<(Duration, Duration), String> {
    let (low, high) = text.split_once('-').unwrap_or((text, text));
    let millis = |part: &str| {
        part.trim()
            .parse::<u64>()
            .map(Duration::from_millis)
            .map_err(|_| format!("{text:?}: expected MIN-MAX in milliseconds, as 10-50"))
    };
    let (low, high) = (millis(low)?, millis(high)?);
    if low > high {
        return Err(format!("{text:?}: the lower bound comes first"));
    }
    Ok((low, high))
}

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("kind").required(true).args(["delegated", "app", "personal"])))]
struct TokenArgs {
    /// A delegated token for a work or school user (needs --user).
    #[arg(long, requires = "user")]
    delegated: bool,
    /// An app-only token (needs --app-id).
    #[arg(long, requires = "app_id")]
    app: bool,
    /// A delegated token from a personal Microsoft account (needs --user).
    #[arg(long, requires = "user")]
    personal: bool,
    /// The user's object id (the `oid` claim).
    #[arg(long)]
    user: Option<String>,
    /// Delegated permissions, e.g. OnlineMeetings.ReadWrite.
    #[arg(long, num_args = 1.., value_name = "SCOPE")]
    scopes: Vec<String>,
    /// The application (client) id (the `appid` claim).
    #[arg(long)]
    app_id: Option<String>,
    /// Application permissions, e.g. OnlineMeetings.ReadWrite.All.
    #[arg(long, num_args = 1.., value_name = "ROLE")]
    roles: Vec<String>,
    /// The tenant id (the `tid` claim); personal tokens always use the consumer tenant.
    #[arg(long)]
    tenant: Option<String>,
    /// The user principal name (the `upn` claim).
    #[arg(long)]
    upn: Option<String>,
    /// The user's display name (the `name` claim).
    #[arg(long)]
    name: Option<String>,
    /// Lifetime in seconds (negative: already expired).
    #[arg(long, default_value_t = token::DEFAULT_LIFETIME_SECS, allow_negative_numbers = true)]
    expires_in: i64,
    /// Key to sign with (must match the one `serve` verifies with).
    #[arg(long, env = SIGNING_KEY_ENV, hide_env_values = true)]
    signing_key: Option<String>,
}

fn signing_key(flag: Option<String>) -> SigningKey {
    match flag {
        Some(key) if !key.is_empty() => SigningKey::new(key),
        _ => SigningKey::new(token::DEFAULT_SIGNING_KEY),
    }
}

fn mint(args: TokenArgs) -> String {
    let scopes: Vec<&str> = args.scopes.iter().map(String::as_str).collect();
    let roles: Vec<&str> = args.roles.iter().map(String::as_str).collect();
    let user = args.user.as_deref().unwrap_or_default();
    let mut claims = if args.app {
        Claims::app(args.app_id.as_deref().unwrap_or_default(), &roles)
    } else if args.personal {
        Claims::personal(user, &scopes)
    } else {
        Claims::delegated(user, &scopes)
    };
    if let (Some(tenant), false) = (&args.tenant, args.personal) {
        claims = claims.with_tenant(tenant);
    }
    if let (Some(app_id), false) = (&args.app_id, args.app) {
        claims.appid.clone_from(app_id);
    }
    claims.upn = args.upn;
    claims.name = args.name;
    let claims = claims.expiring_in(args.expires_in);
    token::mint(&claims, &signing_key(args.signing_key))
}

async fn serve(args: ServeArgs) -> std::io::Result<()> {
    let mut config = EmulatorConfig {
        listen: args.listen,
        signing_key: signing_key(args.signing_key),
        access_policies: args.allow_app,
        throttle_every: None,
        faults: Faults {
            seed: args.fault_seed,
            errors: args.faults,
            retry_after: Duration::try_from_secs_f64(args.fault_retry_after).map_err(|_| {
                std::io::Error::other("--fault-retry-after must be a number of seconds")
            })?,
            latency: args.latency,
            drop_rate: args.drop_rate,
        },
        ..EmulatorConfig::default()
    }
    .page_size(args.page_size);
    if !args.no_metadata {
        let (catalog, names) = if args.metadata.is_empty() {
            let catalog = Catalog::from_bytes(PINNED_V1_NAME, PINNED_V1);
            (catalog, PINNED_V1_NAME.to_owned())
        } else {
            let names: Vec<String> = args
                .metadata
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            (Catalog::load_all(&args.metadata), names.join(" + "))
        };
        let catalog = catalog.map_err(std::io::Error::other)?;
        println!("serving {} paths of {names}", catalog.paths().count());
        config = config.metadata(Arc::new(catalog));
    }
    if let Some(path) = &args.seed {
        config = config.fixture(Arc::new(Fixture::load(path)?));
    }
    if let Some(every) = args.throttle_every {
        config = config.throttle_every(every);
    }
    let emulator = Emulator::start(config).await?;
    println!("graph-emulator listening on {}", emulator.base_url());
    stop_requested().await?;
    emulator.shutdown().await
}

/// Ctrl-C, or SIGTERM on Unix (what `docker stop` and process supervisors send).
async fn stop_requested() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut terminate = signal(SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Token(args) => {
            println!("{}", mint(args));
            ExitCode::SUCCESS
        }
        Command::Serve(args) => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("error: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(serve(args)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: graph-emulator serve: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
