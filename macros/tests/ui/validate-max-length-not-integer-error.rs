use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(max_length = "255")]
    subject: Property<String>,
}

fn main() {}
