#[derive(graph_core::Enum)]
enum Role {
    #[graph(name = "attendee")]
    Attendee,
    #[graph(unknown)]
    Unknown(String),
    #[graph(unknown)]
    Other(String),
}

fn main() {}
