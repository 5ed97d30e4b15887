#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(name = "when")]
    when: graph_core::Property<std::time::Instant>,
}

fn main() {}
