//! A local Microsoft Graph for tests and demos: the `onlineMeetings` service, and, with
//! [`EmulatorConfig::metadata`], every path of a CSDL file served from an in-memory store.
//!
//! Start it in-process on a free port and point a client at [`EmulatorHandle::base_url`]:
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use graph_emulator::{Claims, Emulator, EmulatorConfig};
//!
//! let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! let token = emulator.mint_token(&Claims::delegated("alice", &["OnlineMeetings.ReadWrite"]));
//! println!("POST {}/me/onlineMeetings with Bearer {token}", emulator.base_url());
//! emulator.shutdown().await
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod auth;
mod batch;
pub mod catalog;
mod checks;
pub mod error;
pub mod faults;
mod fixture;
mod locale;
mod meeting;
pub mod operations;
mod query;
mod resources;
mod routes;
mod store;
pub mod token;
mod upload;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::num::NonZeroU64;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use auth::AccessPolicy;
pub use catalog::{Catalog, CatalogError};
pub use error::ApiError;
pub use faults::{FaultRule, Faults};
pub use fixture::{Fixture, FixtureError};
pub use operations::{OperationCall, OperationResult, Operations};
pub use routes::MAX_BODY_BYTES;
pub use token::{Claims, SigningKey};

use resources::Entities;
use routes::{AppState, Throttle};
use store::Store;

/// How to run an emulator.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Key that tokens are signed and verified with.
    pub signing_key: SigningKey,
    /// Application access policies (`--allow-app APP_ID:USER_ID`).
    pub access_policies: Vec<AccessPolicy>,
    /// Answer every Nth request with `429` and `Retry-After: 1`.
    pub throttle_every: Option<NonZeroU64>,
    /// Error answers, latency and dropped connections to inject (none by default).
    pub faults: Faults,
    /// The metadata whose every path is served from an in-memory store, beside the
    /// onlineMeetings routes (none by default: only those).
    pub catalog: Option<Arc<Catalog>>,
    /// Items per page of a collection when the client asks for no size.
    pub page_size: usize,
    /// Entities the generic service starts with (needs `catalog`).
    pub fixture: Option<Arc<Fixture>>,
    /// What the generic service's actions and functions do (`501` for the others).
    pub operations: Operations,
}

/// Items per page when neither `$top` nor `Prefer: odata.maxpagesize` says.
pub const DEFAULT_PAGE_SIZE: usize = 100;

impl Default for EmulatorConfig {
    /// `127.0.0.1:0`, the key from the environment or the default, no policy, no throttling.
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            signing_key: SigningKey::from_env_or_default(),
            access_policies: Vec::new(),
            throttle_every: None,
            faults: Faults::default(),
            catalog: None,
            page_size: DEFAULT_PAGE_SIZE,
            fixture: None,
            operations: Operations::default(),
        }
    }
}

impl EmulatorConfig {
    /// Adds an application access policy.
    pub fn allow_app(mut self, policy: AccessPolicy) -> Self {
        self.access_policies.push(policy);
        self
    }

    /// Injects `faults`.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// Serves every path of `catalog` too (load it once and share it: reading the whole
    /// v1.0 metadata takes seconds).
    pub fn metadata(mut self, catalog: Arc<Catalog>) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// Answers the generic service's actions and functions named `name` with `handler`.
    pub fn operation(
        mut self,
        name: impl Into<String>,
        handler: impl Fn(&OperationCall<'_>) -> OperationResult + Send + Sync + 'static,
    ) -> Self {
        self.operations.register(name, handler);
        self
    }

    /// Starts the generic service with `fixture`'s entities.
    pub fn fixture(mut self, fixture: Arc<Fixture>) -> Self {
        self.fixture = Some(fixture);
        self
    }

    /// Items per page of a collection when the client asks for no size (at least 1).
    pub fn page_size(mut self, page_size: usize) -> Self {
        self.page_size = page_size.max(1);
        self
    }

    /// Throttles every `every`-th request (0: off).
    pub fn throttle_every(mut self, every: u64) -> Self {
        self.throttle_every = NonZeroU64::new(every);
        self
    }
}

/// Starts emulators.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// Binds `config.listen` and serves in a background task of the current Tokio runtime.
    /// A fixture the service refuses is an `InvalidData` error that names the entity.
    pub async fn start(config: EmulatorConfig) -> io::Result<EmulatorHandle> {
        let listener = TcpListener::bind(config.listen).await?;
        let local_addr = listener.local_addr()?;
        let signing_key = config.signing_key.clone();
        let state = Arc::new(AppState::new(config, format!("http://{local_addr}/v1.0"))?);
        let app = routes::router(state.clone());
        let (shutdown, shutdown_signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    // A dropped sender also means "stop".
                    let _ = shutdown_signal.await;
                })
                .await
        });
        Ok(EmulatorHandle {
            local_addr,
            signing_key,
            state,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// The service without a socket, with a fresh store: an axum `Router` to drive in process
    /// (`tower::ServiceExt::oneshot`), as the `emulator_request` fuzz target does.
    /// `config.listen` is not used; `@odata.context` names `http://localhost/v1.0`.
    pub fn router(config: EmulatorConfig) -> Result<axum::Router, FixtureError> {
        let state = AppState::new(config, "http://localhost/v1.0".to_owned())?;
        Ok(routes::router(Arc::new(state)))
    }
}

/// A running emulator; dropping it stops the server.
pub struct EmulatorHandle {
    local_addr: SocketAddr,
    signing_key: SigningKey,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl EmulatorHandle {
    /// The address the emulator listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The Graph base URL to give clients: `http://127.0.0.1:PORT/v1.0`.
    pub fn base_url(&self) -> String {
        self.state.service_root.clone()
    }

    /// A token this emulator accepts, signed with its key.
    pub fn mint_token(&self, claims: &Claims) -> String {
        token::mint(claims, &self.signing_key)
    }

    /// How many requests came back before the `Retry-After` of their `429` had passed (told
    /// apart by `client-request-id`).
    pub fn early_retries(&self) -> u64 {
        self.state.throttle.early_retries()
    }

    /// How many requests were answered with an injected error or dropped.
    pub fn injected_faults(&self) -> u64 {
        self.state
            .injected_faults
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many meetings exist (all users and tenants).
    pub fn meeting_count(&self) -> usize {
        self.state.store.len()
    }

    /// Stops accepting connections, lets open requests finish, and waits for the server.
    pub async fn shutdown(mut self) -> io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.task.take() {
            Some(task) => task.await.map_err(io::Error::other)?,
            None => Ok(()),
        }
    }
}

impl std::fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("base_url", &self.state.service_root)
            .field("meetings", &self.state.store.len())
            .finish_non_exhaustive()
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl AppState {
    /// The state of a service at `service_root`, with the fixture's entities created.
    fn new(config: EmulatorConfig, service_root: String) -> Result<Self, FixtureError> {
        let state = Self {
            signing_key: config.signing_key,
            access_policies: config.access_policies,
            store: Store::default(),
            throttle: Throttle::new(config.throttle_every),
            faults: config.faults,
            request_number: AtomicU64::new(0),
            injected_faults: AtomicU64::new(0),
            service_root,
            catalog: config.catalog,
            entities: Entities::default(),
            page_size: config.page_size.max(1),
            uploads: Default::default(),
            operations: config.operations,
        };
        if let Some(fixture) = &config.fixture {
            fixture.apply(&state)?;
        }
        Ok(state)
    }
}
