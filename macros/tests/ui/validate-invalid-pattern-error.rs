use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(pattern = "[a-z")]
    subject: Property<String>,
}

fn main() {}
