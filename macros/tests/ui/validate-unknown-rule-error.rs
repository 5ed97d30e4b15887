use graph_core::{Operation, Property, Validate};

#[derive(Default, Validate)]
struct Meeting {
    #[validate(max_len = 3)]
    subject: Property<String>,
}

// The derive still implements `Validate` after the error, so this line adds no second error.
fn main() {
    let _ = Meeting::default().validate(Operation::Create);
}
