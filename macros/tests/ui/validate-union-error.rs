use graph_core::Validate;

#[derive(Validate)]
union Bits {
    whole: u32,
    half: u16,
}

fn main() {}
