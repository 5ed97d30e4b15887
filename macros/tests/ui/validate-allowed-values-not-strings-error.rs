use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(allowed_values = ["a", 2])]
    kind: Property<String>,
}

fn main() {}
