use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[graph(name = "isBroadcast")]
    #[validate(requires_true = "isBroadcast")]
    is_broadcast: Property<bool>,
}

fn main() {}
