use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(rule = check)]
    subject: Property<String>,
}

fn main() {}
