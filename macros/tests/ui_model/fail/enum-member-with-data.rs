#[derive(graph_core::Enum)]
enum Role {
    #[graph(name = "attendee")]
    Attendee(u8),
}

fn main() {}
