use graph_core::AdditionalData;

#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(additional_data)]
    first: AdditionalData,
    #[graph(additional_data)]
    second: AdditionalData,
}

fn main() {}
