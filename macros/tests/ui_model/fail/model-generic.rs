#[derive(Default, graph_core::Model)]
struct Page<T> {
    #[graph(name = "value")]
    value: graph_core::Property<Vec<T>>,
}

fn main() {}
