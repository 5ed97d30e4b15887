use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(max_len = 3)]
    subject: Property<String>,
}

fn main() {}
