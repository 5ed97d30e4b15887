use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting {
    #[validate(minimum = 10, maximum = 1)]
    count: Property<i32>,
}

fn main() {}
