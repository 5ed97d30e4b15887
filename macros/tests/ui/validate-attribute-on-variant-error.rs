use graph_core::Validate;

#[derive(Validate)]
struct User {}

#[derive(Validate)]
enum Identity {
    #[validate(read_only)]
    User(User),
}

fn main() {}
