#[derive(Default, graph_core::Model)]
struct Meeting(graph_core::Property<String>);

fn main() {}
