#[derive(Default, graph_core::Model)]
struct User {}

#[derive(graph_core::Polymorphic)]
enum AnyIdentity {
    #[graph(odata_type = "microsoft.graph.user")]
    User(User),
}

fn main() {}
