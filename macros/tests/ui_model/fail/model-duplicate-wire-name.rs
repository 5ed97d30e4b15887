use graph_core::Property;

#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(name = "subject")]
    subject: Property<String>,
    #[graph(name = "subject")]
    title: Property<String>,
}

fn main() {}
