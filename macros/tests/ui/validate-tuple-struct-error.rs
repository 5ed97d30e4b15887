use graph_core::{Property, Validate};

#[derive(Validate)]
struct Meeting(Property<String>);

fn main() {}
