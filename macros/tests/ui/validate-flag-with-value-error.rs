use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(read_only = true)]
    id: Property<String>,
}

fn main() {}
