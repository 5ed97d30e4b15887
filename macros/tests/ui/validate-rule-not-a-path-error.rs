use graph_core::{Property, Validate};

#[derive(Validate)]
#[validate(rule = "check")]
struct Meeting {
    subject: Property<String>,
}

fn main() {}
