use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(required, read_only)]
    id: Property<String>,
}

fn main() {}
