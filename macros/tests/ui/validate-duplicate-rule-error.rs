use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(max_length = 3, max_length = 4)]
    subject: Property<String>,
}

fn main() {}
