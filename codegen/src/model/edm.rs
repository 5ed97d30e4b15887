//! The built-in `Edm` types of OData.

use std::fmt;

/// A type of the `Edm` namespace: the primitive types, plus the abstract types that CSDL allows
/// in some positions (`Edm.PrimitiveType`, `Edm.EntityType`, `Edm.Untyped`, path types, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdmKind {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    Geography,
    GeographyPoint,
    GeographyLineString,
    GeographyPolygon,
    GeographyMultiPoint,
    GeographyMultiLineString,
    GeographyMultiPolygon,
    GeographyCollection,
    Geometry,
    GeometryPoint,
    GeometryLineString,
    GeometryPolygon,
    GeometryMultiPoint,
    GeometryMultiLineString,
    GeometryMultiPolygon,
    GeometryCollection,
    Untyped,
    PrimitiveType,
    ComplexType,
    EntityType,
    AnnotationPath,
    PropertyPath,
    NavigationPropertyPath,
    AnyPropertyPath,
    ModelElementPath,
    FunctionImportPath,
}

/// Every kind with its name after `Edm.`; one table keeps parsing and printing in step.
const NAMES: &[(EdmKind, &str)] = &[
    (EdmKind::Binary, "Binary"),
    (EdmKind::Boolean, "Boolean"),
    (EdmKind::Byte, "Byte"),
    (EdmKind::Date, "Date"),
    (EdmKind::DateTimeOffset, "DateTimeOffset"),
    (EdmKind::Decimal, "Decimal"),
    (EdmKind::Double, "Double"),
    (EdmKind::Duration, "Duration"),
    (EdmKind::Guid, "Guid"),
    (EdmKind::Int16, "Int16"),
    (EdmKind::Int32, "Int32"),
    (EdmKind::Int64, "Int64"),
    (EdmKind::SByte, "SByte"),
    (EdmKind::Single, "Single"),
    (EdmKind::Stream, "Stream"),
    (EdmKind::String, "String"),
    (EdmKind::TimeOfDay, "TimeOfDay"),
    (EdmKind::Geography, "Geography"),
    (EdmKind::GeographyPoint, "GeographyPoint"),
    (EdmKind::GeographyLineString, "GeographyLineString"),
    (EdmKind::GeographyPolygon, "GeographyPolygon"),
    (EdmKind::GeographyMultiPoint, "GeographyMultiPoint"),
    (
        EdmKind::GeographyMultiLineString,
        "GeographyMultiLineString",
    ),
    (EdmKind::GeographyMultiPolygon, "GeographyMultiPolygon"),
    (EdmKind::GeographyCollection, "GeographyCollection"),
    (EdmKind::Geometry, "Geometry"),
    (EdmKind::GeometryPoint, "GeometryPoint"),
    (EdmKind::GeometryLineString, "GeometryLineString"),
    (EdmKind::GeometryPolygon, "GeometryPolygon"),
    (EdmKind::GeometryMultiPoint, "GeometryMultiPoint"),
    (EdmKind::GeometryMultiLineString, "GeometryMultiLineString"),
    (EdmKind::GeometryMultiPolygon, "GeometryMultiPolygon"),
    (EdmKind::GeometryCollection, "GeometryCollection"),
    (EdmKind::Untyped, "Untyped"),
    (EdmKind::PrimitiveType, "PrimitiveType"),
    (EdmKind::ComplexType, "ComplexType"),
    (EdmKind::EntityType, "EntityType"),
    (EdmKind::AnnotationPath, "AnnotationPath"),
    (EdmKind::PropertyPath, "PropertyPath"),
    (EdmKind::NavigationPropertyPath, "NavigationPropertyPath"),
    (EdmKind::AnyPropertyPath, "AnyPropertyPath"),
    (EdmKind::ModelElementPath, "ModelElementPath"),
    (EdmKind::FunctionImportPath, "FunctionImportPath"),
];

impl EdmKind {
    /// Parses the part after `Edm.` (`"String"`, not `"Edm.String"`).
    pub fn from_name(name: &str) -> Option<Self> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }

    /// The name after `Edm.`.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(k, _)| *k == self)
            .map(|(_, n)| *n)
            .unwrap_or("Untyped")
    }

    /// All names after `Edm.`, for "did you mean" suggestions.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(_, n)| *n)
    }

    /// True for the concrete primitive types a value can have on the wire.
    pub fn is_primitive(self) -> bool {
        !matches!(
            self,
            EdmKind::Untyped
                | EdmKind::PrimitiveType
                | EdmKind::ComplexType
                | EdmKind::EntityType
                | EdmKind::AnnotationPath
                | EdmKind::PropertyPath
                | EdmKind::NavigationPropertyPath
                | EdmKind::AnyPropertyPath
                | EdmKind::ModelElementPath
                | EdmKind::FunctionImportPath
        )
    }
}

impl fmt::Display for EdmKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Edm.{}", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in EdmKind::all_names() {
            let kind = EdmKind::from_name(name).expect("known name");
            assert_eq!(kind.name(), name);
        }
        assert_eq!(EdmKind::from_name("Strin"), None);
        assert_eq!(EdmKind::Int32.to_string(), "Edm.Int32");
    }
}
