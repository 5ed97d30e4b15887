use graph_core::{Property, Validate};

#[derive(Validate)]
#[validate(read_only)]
struct Meeting {
    subject: Property<String>,
}

fn main() {}
