//! The traits that `#[derive(Model)]` and `#[derive(Polymorphic)]` implement, and the
//! reading and writing built on them.
//!
//! Compile time drives the design: a derive expands to a table of wire names
//! ([`Model::schema`]), an integer `match` from position to field ([`Model::member_mut`]) and a
//! list of `visitor.member(..)` calls ([`Model::visit`]), all *non-generic*. Fields are reached
//! as `&dyn Member` / `&mut dyn Member`, whose impl is generic over the field type, so the JSON
//! code is instantiated once per field type for the whole crate, not once per struct. Reading
//! an object is one non-generic loop ([`read_model_into`]) that looks each key up in a hash
//! index of the table, built on the type's first read ([`ModelSchema::position`]).
//!
//! `Clone`, `Debug` and `PartialEq` come from the same visits ([`clone_members`],
//! [`debug_model`], [`model_eq`]): derived ones would be three more sizeable bodies per type
//! for the compiler (together a fifth of the check of all of Graph, and of its memory).
//! Printing only the members that are present, by wire name, also reads better for models with
//! dozens of optional members.
//!
//! Writing order: annotations (keys containing `@`, as OData wants them before properties),
//! then known properties in struct order, then other unknown members in the order read.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;
use smallvec::SmallVec;

use crate::json::{DecodeError, FromJson, Reader, ToJson, Writer};
use crate::AdditionalData;

/// One field of a model, reached without knowing its type.
///
/// Implemented for every `T: FromJson + ToJson + Clone + Debug + PartialEq + 'static` (in
/// practice [`crate::Property<T>`]).
pub trait Member {
    /// Replaces the field with the value at the reader's cursor.
    fn read_member(&mut self, reader: &mut Reader<'_>) -> Result<(), DecodeError>;
    /// Writes `"name":value` unless the field is absent (one dynamic call per field).
    fn write_named(&self, name: &str, writer: &mut Writer);
    /// True when the field must not be written at all.
    fn is_absent_member(&self) -> bool;
    /// The field, for `Debug` output.
    fn as_debug(&self) -> &dyn fmt::Debug;
    /// The field, to compare it with a field of another model ([`Member::eq_member`]).
    fn as_any(&self) -> &dyn Any;
    /// True when `other` is a field of the same type with an equal value.
    fn eq_member(&self, other: &dyn Member) -> bool;
    /// Replaces the field with a clone of `source` when it is a field of the same type, and
    /// says whether it was (a field of another type leaves it unchanged).
    #[must_use]
    fn clone_from_member(&mut self, source: &dyn Member) -> bool;
}

// `match` rather than `?`: see `json::impls` (one instance per field type).
impl<T: FromJson + ToJson + Clone + fmt::Debug + PartialEq + 'static> Member for T {
    #[inline]
    fn read_member(&mut self, reader: &mut Reader<'_>) -> Result<(), DecodeError> {
        match T::from_json(reader) {
            Ok(value) => {
                *self = value;
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    #[inline]
    fn write_named(&self, name: &str, writer: &mut Writer) {
        if !self.is_absent() {
            writer.key(name);
            self.to_json(writer);
        }
    }

    #[inline]
    fn is_absent_member(&self) -> bool {
        self.is_absent()
    }

    fn as_debug(&self) -> &dyn fmt::Debug {
        self
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn eq_member(&self, other: &dyn Member) -> bool {
        match other.as_any().downcast_ref::<T>() {
            // `*self`, not `self`: `&T == &T` would be one more instance per field type.
            Some(other) => *self == *other,
            None => false,
        }
    }

    fn clone_from_member(&mut self, source: &dyn Member) -> bool {
        match source.as_any().downcast_ref::<T>() {
            Some(source) => {
                // Not `clone_from`: its default body is one more instance per field type.
                *self = source.clone();
                true
            }
            None => false,
        }
    }
}

/// Receives a model's fields in declaration order (see [`Model::visit`]); `'m` is the
/// model's borrow, so a visitor may keep the fields it is given.
pub trait Visitor<'m> {
    /// One field with its wire name.
    fn member(&mut self, name: &'static str, value: &'m dyn Member);
}

/// What a model type declares: its OData type name and its members' wire names, in field
/// order (the indexes of [`Model::member_mut`]). Kept in a `static`, one per type.
#[derive(Debug)]
pub struct ModelSchema {
    /// The qualified OData type name (`microsoft.graph.onlineMeeting`), if declared.
    pub odata_type: Option<&'static str>,
    /// Wire names of the fields, in declaration order.
    pub members: &'static [&'static str],
    /// Wire name to index, built on first use: a derive emits only the table above (data, not
    /// code, for the compiler), and only the types a program reads pay for an index.
    index: OnceLock<HashMap<&'static str, usize, FxBuildHasher>>,
}

impl ModelSchema {
    /// The schema of a type named `odata_type` with fields named `members`, in order.
    pub const fn new(odata_type: Option<&'static str>, members: &'static [&'static str]) -> Self {
        ModelSchema {
            odata_type,
            members,
            index: OnceLock::new(),
        }
    }

    /// The index in [`ModelSchema::members`] of the field named `name` (the first, should
    /// two share it).
    #[inline]
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index
            .get_or_init(|| {
                // Reversed, so the first of two equal names is the one kept.
                self.members
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, n)| (*n, i))
                    .collect()
            })
            .get(name)
            .copied()
    }
}

/// A struct that maps JSON object members to fields. Implement with `#[derive(Model)]`, which
/// also implements `Clone`, `Debug` and `PartialEq` (with [`clone_members`], [`debug_model`]
/// and [`model_eq`]; do not derive them as well) and needs `Default`.
pub trait Model: fmt::Debug {
    /// The type's OData name and its members' wire names.
    fn schema(&self) -> &'static ModelSchema;
    /// The qualified OData type name (`microsoft.graph.onlineMeeting`), if declared.
    ///
    /// Not in the trait object (`Self: Sized`), which would compile it once per model type.
    fn odata_type(&self) -> Option<&'static str>
    where
        Self: Sized,
    {
        self.schema().odata_type
    }
    /// The field at `index` of [`ModelSchema::members`] (`None` past the end).
    fn member_mut(&mut self, index: usize) -> Option<&mut dyn Member>;
    /// Calls `visitor.member` for each field, in declaration order.
    fn visit<'m>(&'m self, visitor: &mut dyn Visitor<'m>);
    /// Where unknown members and annotations are kept (`None`: the model drops them).
    fn additional_data(&self) -> Option<&AdditionalData>;
    /// Mutable access to [`Model::additional_data`].
    fn additional_data_mut(&mut self) -> Option<&mut AdditionalData>;
}

impl<M: Model + ?Sized> Model for Box<M> {
    fn schema(&self) -> &'static ModelSchema {
        (**self).schema()
    }
    fn member_mut(&mut self, index: usize) -> Option<&mut dyn Member> {
        (**self).member_mut(index)
    }
    fn visit<'m>(&'m self, visitor: &mut dyn Visitor<'m>) {
        (**self).visit(visitor);
    }
    fn additional_data(&self) -> Option<&AdditionalData> {
        (**self).additional_data()
    }
    fn additional_data_mut(&mut self) -> Option<&mut AdditionalData> {
        (**self).additional_data_mut()
    }
}

/// Most Graph types have fewer members than this (`onlineMeeting` has 46); larger ones spill
/// to the heap.
const INLINE_MEMBERS: usize = 48;

/// A model's fields in declaration order, gathered by one visit (to pair them with another
/// model's).
struct Members<'m>(SmallVec<[&'m dyn Member; INLINE_MEMBERS]>);

impl<'m> Members<'m> {
    fn of(model: &'m dyn Model) -> Self {
        let mut members = Members(SmallVec::new());
        model.visit(&mut members);
        members
    }
}

impl<'m> Visitor<'m> for Members<'m> {
    fn member(&mut self, _name: &'static str, value: &'m dyn Member) {
        self.0.push(value);
    }
}

/// Reads a JSON object into `model`: known members into their fields, the rest (and
/// annotations) into its additional data as raw text. A known member whose value does not fit
/// its field goes to the additional data too, with why, unless the reader is strict
/// ([`Reader::strict`]) or the model keeps no additional data.
pub fn read_model_into(reader: &mut Reader<'_>, model: &mut dyn Model) -> Result<(), DecodeError> {
    reader.begin_object()?;
    let schema = model.schema();
    let mut first = true;
    while let Some(key) = reader.next_key(first)? {
        first = false;
        let member = schema
            .position(&key)
            .and_then(|index| model.member_mut(index));
        match member {
            Some(member) => {
                let value_start = reader.mark();
                if let Err(error) = member.read_member(reader) {
                    keep_off_schema(reader, value_start, model, &key, error.in_member(&key))?;
                }
            }
            None => {
                let raw = reader.raw_value().map_err(|e| e.in_member(&key))?;
                if let Some(additional) = model.additional_data_mut() {
                    additional.push_raw(&key, raw);
                }
            }
        }
    }
    Ok(())
}

/// After `error` reading member `key`, whose value starts at `value_start`: keeps the value
/// in the model's additional data if it is well-formed JSON and the read is not strict.
#[cold]
fn keep_off_schema(
    reader: &mut Reader<'_>,
    value_start: (usize, u32),
    model: &mut dyn Model,
    key: &str,
    error: DecodeError,
) -> Result<(), DecodeError> {
    if reader.is_strict() {
        return Err(error);
    }
    let Some(additional) = model.additional_data_mut() else {
        return Err(error);
    };
    reader.rewind(value_start);
    match reader.raw_value() {
        Ok(raw) => {
            additional.push_off_schema(key, raw, error);
            Ok(())
        }
        // Not JSON: that is the error to report, wherever the typed read stopped.
        Err(malformed) => Err(malformed.in_member(key)),
    }
}

/// Makes `target` a copy of `source`, a model of the same type: every member and the
/// additional data (what `#[derive(Model)]`'s `Clone` impl calls on a default `target`).
///
/// # Panics
///
/// When the model's [`Model::visit`] and [`Model::member_mut`] disagree on a member's place
/// or type: a hand-written `Model` impl with that bug would otherwise clone into a value that
/// silently lacks the member. Derived impls cannot disagree.
pub fn clone_members(source: &dyn Model, target: &mut dyn Model) {
    for (index, source) in Members::of(source).0.into_iter().enumerate() {
        let cloned = match target.member_mut(index) {
            Some(target) => target.clone_from_member(source),
            None => false,
        };
        assert!(
            cloned,
            "{:?}: member {index} (`{}`) of `visit` is not the field `member_mut({index})` gives",
            target.schema().odata_type,
            target.schema().members.get(index).unwrap_or(&"?"),
        );
    }
    if let (Some(target), Some(source)) = (target.additional_data_mut(), source.additional_data()) {
        target.clone_from(source);
    }
}

/// Copies into `target` each member that `source` has under the same wire name and type (a
/// derived type repeats its base type's members; see [`Polymorphic::to_base`]).
pub fn copy_shared_members(source: &dyn Model, target: &mut dyn Model) {
    let source_schema = source.schema();
    let sources = Members::of(source);
    for (index, name) in target.schema().members.iter().enumerate() {
        let shared = source_schema
            .position(name)
            .and_then(|at| sources.0.get(at));
        if let (Some(source), Some(target)) = (shared, target.member_mut(index)) {
            // A member of the same name but another type is not shared: left at its default.
            let _shared = target.clone_from_member(*source);
        }
    }
}

/// Reads a model from a JSON object (what derived `FromJson` impls call).
#[inline]
pub fn read_model<M: Model + Default>(reader: &mut Reader<'_>) -> Result<M, DecodeError> {
    let mut model = M::default();
    match read_model_into(reader, &mut model) {
        Ok(()) => Ok(model),
        Err(error) => Err(error),
    }
}

/// Formats a model for `Debug` (what `#[derive(Model)]`'s `Debug` impl calls): the type name,
/// the members that are present by wire name (absent ones are skipped), then unknown members
/// and annotations as their raw JSON.
pub fn debug_model(model: &dyn Model, type_name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    struct Fields<'a, 'b>(fmt::DebugStruct<'a, 'b>);

    impl Visitor<'_> for Fields<'_, '_> {
        fn member(&mut self, name: &'static str, value: &dyn Member) {
            if !value.is_absent_member() {
                self.0.field(name, value.as_debug());
            }
        }
    }

    let mut fields = Fields(f.debug_struct(type_name));
    model.visit(&mut fields);
    for (key, raw) in model
        .additional_data()
        .into_iter()
        .flat_map(AdditionalData::iter)
    {
        fields.0.field(key, &format_args!("{raw}"));
    }
    fields.0.finish()
}

/// Compares two models of the same type member by member, then their additional data (what
/// `#[derive(Model)]`'s `PartialEq` impl calls).
pub fn model_eq(left: &dyn Model, right: &dyn Model) -> bool {
    struct Compare<'l, 'm> {
        left: std::slice::Iter<'l, &'m dyn Member>,
        equal: bool,
    }

    impl Visitor<'_> for Compare<'_, '_> {
        fn member(&mut self, _name: &'static str, value: &dyn Member) {
            self.equal = self.equal && self.left.next().is_some_and(|left| left.eq_member(value));
        }
    }

    let members = Members::of(left);
    let mut compare = Compare {
        left: members.0.iter(),
        equal: true,
    };
    right.visit(&mut compare);
    compare.equal
        && compare.left.next().is_none()
        && left.additional_data() == right.additional_data()
}

/// Compares two polymorphic values: the same variant with equal models (what
/// `#[derive(Polymorphic)]`'s `PartialEq` impl calls).
pub fn polymorphic_eq<P: Polymorphic>(left: &P, right: &P) -> bool {
    let ((left, left_type), (right, right_type)) = (left.variant(), right.variant());
    left_type == right_type && model_eq(left, right)
}

/// Formats a polymorphic value for `Debug` (what `#[derive(Polymorphic)]`'s `Debug` impl
/// calls): the variant's model, whose type name says which variant it is.
pub fn debug_polymorphic<P: Polymorphic>(value: &P, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    fmt::Debug::fmt(value.variant().0, f)
}

/// Writes fields that are not absent.
struct FieldWriter<'w>(&'w mut Writer);

impl Visitor<'_> for FieldWriter<'_> {
    #[inline]
    fn member(&mut self, name: &'static str, value: &dyn Member) {
        value.write_named(name, self.0);
    }
}

/// The fields that have a value and also an off-schema value kept for them: the field, set
/// since the read, replaces what was kept.
#[cold]
fn fields_replacing_off_schema(
    model: &dyn Model,
    additional: &AdditionalData,
) -> Vec<&'static str> {
    struct Present<'a>(&'a AdditionalData, Vec<&'static str>);

    impl Visitor<'_> for Present<'_> {
        fn member(&mut self, name: &'static str, value: &dyn Member) {
            if !value.is_absent_member() && self.0.is_off_schema(name) {
                self.1.push(name);
            }
        }
    }

    let mut present = Present(additional, Vec::new());
    model.visit(&mut present);
    present.1
}

/// Writes a model as a JSON object. `odata_type` (e.g. `#microsoft.graph.x`) is written first
/// unless the model's additional data already holds an `@odata.type`.
pub fn write_model(model: &dyn Model, writer: &mut Writer, odata_type: Option<&str>) {
    writer.begin_object();
    let additional = model.additional_data();
    if let Some(odata_type) = odata_type {
        if additional.is_none_or(|a| a.get("@odata.type").is_none()) {
            writer.key("@odata.type");
            writer.string(odata_type);
        }
    }
    let is_annotation = |key: &str| key.contains('@');
    if let Some(additional) = additional {
        for (key, raw) in additional.iter().filter(|(k, _)| is_annotation(k)) {
            writer.key(key);
            writer.raw(raw);
        }
    }
    model.visit(&mut FieldWriter(writer));
    if let Some(additional) = additional {
        let replaced = if additional.has_off_schema() {
            fields_replacing_off_schema(model, additional)
        } else {
            Vec::new()
        };
        for (key, raw) in additional
            .iter()
            .filter(|(k, _)| !is_annotation(k) && !replaced.contains(k))
        {
            writer.key(key);
            writer.raw(raw);
        }
    }
    writer.end_object();
}

/// An enum over a type and its derived types, chosen by `@odata.type`.
/// Implement with `#[derive(Polymorphic)]`, which also implements `Debug` and `PartialEq`
/// (with [`debug_polymorphic`] and [`polymorphic_eq`]; do not derive them as well).
pub trait Polymorphic: Sized {
    /// The declared type (the fallback variant's model), whose members every variant repeats.
    type Base: Model + Default;

    /// Qualified type names of the derived variants, in variant order (the fallback is not
    /// listed: it takes every other object).
    const ODATA_TYPES: &'static [&'static str];
    /// Reads the variant at `index` of [`Polymorphic::ODATA_TYPES`], or the fallback for `None`.
    fn read_variant(index: Option<usize>, reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
    /// The variant's model and, for a derived variant, the `@odata.type` to write when the
    /// model does not carry one (`#microsoft.graph.x`).
    fn variant(&self) -> (&dyn Model, Option<&'static str>);

    /// The members of the declared type, copied from whichever variant this is: reads a
    /// shared member (`display_name` of any identity) without a `match` over the variants.
    /// Members only the derived type has, and unknown members, are not copied.
    fn to_base(&self) -> Self::Base {
        let mut base = Self::Base::default();
        copy_shared_members(self.variant().0, &mut base);
        base
    }
}

/// Finds `odata_type` (`#microsoft.graph.x`, `microsoft.graph.x`, or the alias form
/// `#graph.x`, where the alias is the last segments of the namespace) in `qualified_names`.
pub fn match_odata_type(qualified_names: &[&str], odata_type: &str) -> Option<usize> {
    let given = odata_type.strip_prefix('#').unwrap_or(odata_type);
    if let Some(i) = qualified_names.iter().position(|&name| name == given) {
        return Some(i);
    }
    let (given_namespace, given_name) = given.rsplit_once('.')?;
    qualified_names.iter().position(|&qualified| {
        qualified.rsplit_once('.').is_some_and(|(namespace, name)| {
            name == given_name
                && namespace
                    .strip_suffix(given_namespace)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    })
}

/// Reads a polymorphic value, dispatching on `@odata.type` wherever it is in the object,
/// without building a tree:
/// - `@odata.type` first (how Graph writes it): one look at the first key, then one pass;
/// - otherwise the object is read as the declared type (the fallback), which keeps every
///   member; if the `@odata.type` it collected names a derived type, the object is read
///   again as that type. Only that rarer case costs a second pass.
pub fn read_polymorphic<P: Polymorphic>(reader: &mut Reader<'_>) -> Result<P, DecodeError> {
    let matching = |odata_type: &str| match_odata_type(P::ODATA_TYPES, odata_type);
    let start = reader.clone();
    if let Some(odata_type) = reader.peek_first_member_str("@odata.type")? {
        return P::read_variant(matching(&odata_type), reader);
    }
    let derived_index = match P::read_variant(None, reader) {
        Ok(value) => {
            let collected = value
                .variant()
                .0
                .additional_data()
                .map(AdditionalData::odata_type);
            let index = match collected {
                Some(odata_type) => odata_type.and_then(|t| matching(&t)),
                // A fallback without additional data cannot say; look for the member.
                None => start
                    .peek_member_str("@odata.type")?
                    .and_then(|t| matching(&t)),
            };
            match index {
                Some(index) => index,
                None => return Ok(value),
            }
        }
        // A derived type's members may not fit the declared type: look for `@odata.type`.
        Err(error) => match start.peek_member_str("@odata.type") {
            Ok(Some(odata_type)) => matching(&odata_type).ok_or(error)?,
            _ => return Err(error),
        },
    };
    *reader = start;
    P::read_variant(Some(derived_index), reader)
}

/// Writes a polymorphic value; a derived variant gets its `@odata.type` first.
pub fn write_polymorphic<P: Polymorphic>(value: &P, writer: &mut Writer) {
    let (model, odata_type) = value.variant();
    write_model(model, writer, odata_type);
}

#[cfg(test)]
mod tests {
    use super::ModelSchema;

    #[test]
    fn position_finds_each_name_in_any_order_and_the_first_of_two_equal_ones() {
        static SCHEMA: ModelSchema =
            ModelSchema::new(None, &["id", "subject", "startDateTime", "subject", ""]);
        for (name, index) in [("startDateTime", 2), ("id", 0), ("subject", 1), ("", 4)] {
            assert_eq!(SCHEMA.position(name), Some(index), "{name:?}");
        }
        for unknown in ["Subject", "subjec", "@odata.type", "startDateTimes"] {
            assert_eq!(SCHEMA.position(unknown), None, "{unknown:?}");
        }
    }
}
