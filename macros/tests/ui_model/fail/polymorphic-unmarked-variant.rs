#[derive(Default, graph_core::Model)]
struct Identity {}

#[derive(Default, graph_core::Model)]
struct User {}

#[derive(graph_core::Polymorphic)]
enum AnyIdentity {
    User(Box<User>),
    #[graph(fallback)]
    Identity(Identity),
}

fn main() {}
