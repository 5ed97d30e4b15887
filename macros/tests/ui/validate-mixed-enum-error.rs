use graph_core::Validate;

#[derive(Validate)]
struct User {}

#[derive(Validate)]
enum Identity {
    Nobody,
    User(User),
}

fn main() {}
