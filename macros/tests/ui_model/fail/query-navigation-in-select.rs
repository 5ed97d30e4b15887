use graph_core::http::{
    parse_no_content, Call, Endpoint, Permissions, RequestBuilder, RetrySafety, Verb,
};
use graph_core::Property;

#[derive(Default, graph_core::Model)]
#[graph(odata_type = "ns.event", entity)]
pub struct Event {
    pub subject: Property<String>,
    #[graph(navigation)]
    pub attachments: Property<Vec<String>>,
}

static LIST: Endpoint = Endpoint {
    name: "list",
    method: Verb::Get,
    path: "/me/events",
    success: &[200],
    retry: RetrySafety::Idempotent,
    permissions: Permissions { delegated: &[], application: &[], personal_accounts: false },
};

fn main() {
    let call: Call<(), Event> = Call::new(RequestBuilder::new(&LIST), parse_no_content);
    let _ = call.select(&[Event::ATTACHMENTS]);
}
