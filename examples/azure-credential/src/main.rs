//! Lists a tenant's users (`GET /users`) as an application, with a client secret from the
//! environment, streaming them page after page.
//!
//! ```sh
//! AZURE_TENANT_ID=... AZURE_CLIENT_ID=... AZURE_CLIENT_SECRET=... \
//!     cargo run -p azure-credential-example -- --max 50
//! ```
//! The app registration needs the `User.ReadBasic.All` application permission (or a higher
//! one), with admin consent. Prints one line per user: id and display name.

use std::process::ExitCode;

use azure_identity::ClientSecretCredential;
use futures_util::TryStreamExt;
use graph_core::client::{AzureCredential, Client};
use graph_core::http::BaseUrl;
use graph_v1::api::users;
use graph_v1::{AnyUser, User};

const USAGE: &str = "usage: azure-credential-example [--max N]";

fn max_users(mut args: impl Iterator<Item = String>) -> Result<usize, String> {
    match (args.next().as_deref(), args.next()) {
        (None, _) => Ok(100),
        (Some("--max"), Some(n)) => n
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("--max {n:?}: a positive number of users")),
        (Some(other), _) => Err(format!("unknown argument {other:?}")),
    }
}

fn environment(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the comment at the top of main.rs)"))
}

async fn run(max: usize) -> Result<(), Box<dyn std::error::Error>> {
    let credential = ClientSecretCredential::new(
        &environment("AZURE_TENANT_ID")?,
        environment("AZURE_CLIENT_ID")?,
        environment("AZURE_CLIENT_SECRET")?.into(),
        None,
    )?;
    let base_url = BaseUrl::global();
    let client = Client::builder(AzureCredential::new(credential, &base_url))
        .base_url(base_url)
        .build()?;
    let request = users::list()
        .select(&[User::ID, User::DISPLAY_NAME])
        .top(max.min(999) as u32)
        .build(&client.request_options())?;
    let mut users = client.items(request).max_items(max);
    while let Some(user) = users.try_next().await? {
        let (id, name) = match &user {
            AnyUser::User(user) => (&user.id, &user.display_name),
            AnyUser::AgentUser(agent) => (&agent.id, &agent.display_name),
        };
        println!(
            "{}  {}",
            id.value().map_or("?", String::as_str),
            name.value().map_or("(no name)", String::as_str)
        );
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let max = match max_users(std::env::args().skip(1)) {
        Ok(max) => max,
        Err(error) => {
            eprintln!("error: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(max).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
