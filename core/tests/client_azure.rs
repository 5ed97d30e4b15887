//! `AzureCredential`: any `azure_core` credential as the client's token source, with a fake
//! credential (no network) that counts what it is asked.
#![cfg(feature = "azure-identity")]

mod client_support;
mod http_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::time::OffsetDateTime;
use client_support::{Reply, TestServer};
use futures_util::future::join_all;
use graph_core::client::{AzureCredential, Client};
use graph_core::http::BaseUrl;
use http_support::online_meetings::{self, UserTarget};

const MEETING: &str = r#"{"id":"m-1","subject":"Sync"}"#;

#[derive(Debug)]
struct FakeCredential {
    calls: AtomicUsize,
    scopes: Mutex<Vec<String>>,
    lifetime: azure_core::time::Duration,
}

impl FakeCredential {
    fn new(lifetime: azure_core::time::Duration) -> Arc<Self> {
        Arc::new(Self {
            calls: AtomicUsize::new(0),
            scopes: Mutex::new(Vec::new()),
            lifetime,
        })
    }
}

#[async_trait::async_trait]
impl TokenCredential for FakeCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        self.scopes
            .lock()
            .unwrap()
            .extend(scopes.iter().map(|scope| (*scope).to_owned()));
        // Slow enough that concurrent callers arrive while it is running.
        tokio::time::sleep(Duration::from_millis(50)).await;
        Ok(AccessToken::new(
            Secret::new(format!("token-{call}")),
            OffsetDateTime::now_utc() + self.lifetime,
        ))
    }
}

fn client(server: &TestServer, credential: Arc<FakeCredential>) -> Client<AzureCredential> {
    let base_url = BaseUrl::new(&server.base_url()).unwrap();
    Client::builder(AzureCredential::new(credential, &base_url))
        .base_url(base_url)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_ask_the_credential_once() {
    let server = TestServer::start(|_, _| Reply::json(200, MEETING)).await;
    let credential = FakeCredential::new(azure_core::time::Duration::hours(1));
    let client = client(&server, Arc::clone(&credential));
    let options = client.request_options();
    let calls = (0..200).map(|index| {
        let request =
            online_meetings::get(&UserTarget::User(format!("u-{index}")), "m-1", &options).unwrap();
        client.send(request)
    });
    for result in join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(credential.calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        [format!("http://127.0.0.1:{}/.default", server.port)]
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 200);
    assert!(requests
        .iter()
        .all(|request| request.header("authorization") == Some("Bearer token-1")));
}

#[tokio::test]
async fn a_token_close_to_expiry_is_replaced_before_it_is_used() {
    let server = TestServer::start(|_, _| Reply::json(200, MEETING)).await;
    // Four minutes left: inside the five-minute margin, so every call asks for a new one.
    let credential = FakeCredential::new(azure_core::time::Duration::minutes(4));
    let client = client(&server, Arc::clone(&credential));
    let options = client.request_options();
    for _ in 0..2 {
        let request = online_meetings::get(&UserTarget::Me, "m-1", &options).unwrap();
        client.send(request).await.unwrap();
    }
    assert_eq!(credential.calls.load(Ordering::SeqCst), 2);
    let authorizations: Vec<_> = server
        .requests()
        .iter()
        .map(|request| request.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(authorizations, ["Bearer token-1", "Bearer token-2"]);
}

#[test]
fn the_scope_is_the_clouds_root_with_default() {
    let credential = FakeCredential::new(azure_core::time::Duration::hours(1));
    let global = AzureCredential::new(credential.clone(), &BaseUrl::global());
    assert_eq!(global.scope(), "https://graph.microsoft.com/.default");
    let china = AzureCredential::new(credential, &BaseUrl::new(BaseUrl::CHINA_V1).unwrap());
    assert_eq!(
        china.scope(),
        "https://microsoftgraph.chinacloudapi.cn/.default"
    );
}
