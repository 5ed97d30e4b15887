use graph_core::Property;

#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(rename = "subject")]
    subject: Property<String>,
}

fn main() {}
