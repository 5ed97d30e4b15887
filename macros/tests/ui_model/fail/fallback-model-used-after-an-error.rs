//! After an error in the derive, the type still has the traits the derive would implement, so
//! using it adds no "trait not implemented" error to the one that matters.

#[derive(Default, graph_core::Model)]
struct Meeting {
    #[graph(nmae = "subject")]
    subject: graph_core::Property<String>,
}

#[derive(Clone, Copy, PartialEq, Debug, graph_core::Enum)]
enum Role {
    Attendee(u8),
}

#[derive(graph_core::Polymorphic)]
enum AnyMeeting {
    Meeting(Box<Meeting>),
}

fn main() {
    let meeting: Meeting = graph_core::json::from_slice(b"{}").unwrap();
    let copy = meeting.clone();
    assert_eq!(meeting, copy);
    let _ = graph_core::json::to_vec(&meeting);
    let _ = <Role as graph_core::Enum>::parse("attendee");
    let _ = graph_core::json::to_vec(&Role::Attendee(1));
    let any: AnyMeeting = graph_core::json::from_slice(b"{}").unwrap();
    println!("{any:?}");
}
