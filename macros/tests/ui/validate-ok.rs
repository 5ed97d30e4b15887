use graph_core::validate::ValidationContext;
use graph_core::{Operation, Property, Validate};

#[derive(Default, Validate)]
#[validate(rule = check)]
struct Meeting {
    #[graph(name = "subject")]
    #[validate(required, non_nullable, max_length = 255, pattern = "^[^<>]*$")]
    subject: Property<String>,
    #[graph(name = "startDateTime")]
    #[validate(update_requires = "endDateTime")]
    start: Property<String>,
    #[graph(name = "endDateTime")]
    #[validate(later_than = "startDateTime", update_requires = "startDateTime")]
    end: Property<String>,
    #[graph(name = "count")]
    #[validate(minimum = -1, exclusive_maximum = 2.5, allowed_values = ["1"])]
    count: Property<f64>,
}

fn check(_meeting: &Meeting, _ctx: &mut ValidationContext<'_>) {}

fn main() {
    assert!(Meeting::default().validate(Operation::Update).is_ok());
}
