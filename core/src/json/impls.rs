//! [`FromJson`] / [`ToJson`] for std types and `serde_json::Value`.
//!
//! The generic readers here, and the others instantiated once per model type (`read_model`,
//! `Property`, the response readers' `decode`), spell errors out with `match` instead of `?` and
//! `Result::map`: each of those is one more function per type to compile, tens of thousands
//! over all of Graph in a debug build.

use super::{DecodeError, FromJson, Reader, ToJson, Writer};

impl FromJson for bool {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_bool()
    }
}

impl ToJson for bool {
    fn to_json(&self, writer: &mut Writer) {
        writer.bool(*self);
    }
}

impl FromJson for String {
    #[inline]
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_str().map(|s| s.into_owned())
    }
}

impl ToJson for String {
    #[inline]
    fn to_json(&self, writer: &mut Writer) {
        writer.string(self);
    }
}

impl ToJson for str {
    fn to_json(&self, writer: &mut Writer) {
        writer.string(self);
    }
}

/// Integers narrower than 64 bits: JSON numbers, range-checked.
macro_rules! small_int {
    ($($ty:ty),*) => {$(
        impl FromJson for $ty {
            fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                let start = reader.peek_position()?;
                let wide = reader.read_i64()?;
                <$ty>::try_from(wide).map_err(|_| {
                    reader.error_at(start, format!("{wide} is out of range for {}", stringify!($ty)))
                })
            }
        }

        impl ToJson for $ty {
            fn to_json(&self, writer: &mut Writer) {
                writer.i64(i64::from(*self));
            }
        }
    )*};
}

small_int!(i8, u8, i16, u16, i32, u32);

/// Edm.Int64: a number, or a string holding one (OData's `IEEE754Compatible=true`).
impl FromJson for i64 {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if reader.peek_byte()? == b'"' {
            let start = reader.position();
            let text = reader.read_str()?;
            return text
                .trim()
                .parse()
                .map_err(|_| reader.error_at(start, format!("expected an Int64, found {text:?}")));
        }
        reader.read_i64()
    }
}

impl ToJson for i64 {
    fn to_json(&self, writer: &mut Writer) {
        writer.i64(*self);
    }
}

impl FromJson for u64 {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_u64()
    }
}

impl ToJson for u64 {
    fn to_json(&self, writer: &mut Writer) {
        writer.u64(*self);
    }
}

/// Edm.Double: a number, or one of the strings `"INF"`, `"-INF"`, `"NaN"`.
impl FromJson for f64 {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if reader.peek_byte()? == b'"' {
            let start = reader.position();
            let text = reader.read_str()?;
            return match &*text {
                "INF" => Ok(f64::INFINITY),
                "-INF" => Ok(f64::NEG_INFINITY),
                "NaN" => Ok(f64::NAN),
                _ => Err(reader.error_at(
                    start,
                    format!("expected a number, \"INF\", \"-INF\" or \"NaN\", found {text:?}"),
                )),
            };
        }
        reader.read_f64()
    }
}

impl ToJson for f64 {
    fn to_json(&self, writer: &mut Writer) {
        writer.f64(*self);
    }
}

/// Edm.Single: as [`f64`], rounded to the nearest `f32`.
impl FromJson for f32 {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        // Rounding to the nearest f32 is the intent.
        #[allow(clippy::cast_possible_truncation)]
        f64::from_json(reader).map(|v| v as f32)
    }
}

impl ToJson for f32 {
    fn to_json(&self, writer: &mut Writer) {
        if self.is_finite() {
            // Debug of the f32 is its shortest round-trip text, shorter than the widened f64's.
            writer.raw(&format!("{self:?}"));
        } else {
            writer.f64(f64::from(*self));
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.begin_array() {
            Ok(()) => {}
            Err(error) => return Err(error),
        }
        let mut items = Vec::new();
        loop {
            match reader.next_element(items.is_empty()) {
                Ok(true) => {}
                Ok(false) => return Ok(items),
                Err(error) => return Err(error),
            }
            match T::from_json(reader) {
                Ok(item) => items.push(item),
                Err(error) => return Err(error.in_element(items.len())),
            }
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, writer: &mut Writer) {
        self.as_slice().to_json(writer);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, writer: &mut Writer) {
        writer.begin_array();
        for item in self {
            item.to_json(writer);
        }
        writer.end_array();
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match T::from_json(reader) {
            Ok(value) => Ok(Box::new(value)),
            Err(error) => Err(error),
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn to_json(&self, writer: &mut Writer) {
        (**self).to_json(writer);
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

/// `null` reads as `None`; `None` writes `null` (use [`crate::Property`] to leave a member out).
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match reader.read_null() {
            Ok(true) => Ok(None),
            Ok(false) => match T::from_json(reader) {
                Ok(value) => Ok(Some(value)),
                Err(error) => Err(error),
            },
            Err(error) => Err(error),
        }
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, writer: &mut Writer) {
        match self {
            Some(value) => value.to_json(writer),
            None => writer.null(),
        }
    }
}

/// Edm.Untyped: any JSON value, read through its raw text.
impl FromJson for serde_json::Value {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        let raw = reader.raw_value()?;
        serde_json::from_str(raw).map_err(|e| reader.error_at(start, e.to_string()))
    }
}

impl ToJson for serde_json::Value {
    fn to_json(&self, writer: &mut Writer) {
        match self {
            serde_json::Value::Null => writer.null(),
            serde_json::Value::Bool(b) => writer.bool(*b),
            serde_json::Value::Number(n) => writer.raw(&n.to_string()),
            serde_json::Value::String(s) => writer.string(s),
            serde_json::Value::Array(items) => items.to_json(writer),
            serde_json::Value::Object(members) => {
                writer.begin_object();
                for (key, value) in members {
                    writer.key(key);
                    value.to_json(writer);
                }
                writer.end_object();
            }
        }
    }
}
