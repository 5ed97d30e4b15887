//! The closure of a set of root types: everything generated code for them needs.

use std::collections::BTreeSet;

use crate::model::{Model, PropertyKind, TypeId, TypeTarget};

/// What the closure follows besides base types and structural property types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClosureOptions {
    /// Follow navigation properties too (their targets become generated types); when false a
    /// navigation property whose target is outside the closure is not a field, and its member,
    /// if sent, is kept in `additional_data`.
    pub navigation: bool,
}

/// The roots, their base types, the types of their properties, and every type derived from a
/// property's type (it can stand where the property's type is expected), transitively.
///
/// The result is in document order, so it does not depend on the order of `roots`.
pub fn closure(model: &Model, roots: &[TypeId], options: ClosureOptions) -> Vec<TypeId> {
    let mut seen: BTreeSet<TypeId> = BTreeSet::new();
    let mut pending: Vec<TypeId> = roots.to_vec();
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(structured) = model[id].structured() else {
            continue;
        };
        pending.extend(structured.base);
        for property in &structured.properties {
            let property = &model[*property];
            if property.kind == PropertyKind::Navigation && !options.navigation {
                continue;
            }
            if let TypeTarget::Type(target) = property.ty.target {
                pending.push(target);
                pending.extend(model.derived_types(target));
            }
        }
    }
    seen.into_iter().collect()
}
