use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[graph(name = "startDateTime")]
    start: Property<String>,
    #[graph(name = "endDateTime")]
    #[validate(later_than = "start_date_time")]
    end: Property<String>,
}

fn main() {}
