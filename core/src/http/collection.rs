//! The `{"value": [...]}` envelope of OData collection responses.

use crate::json::{DecodeError, FromJson, Reader};

/// One page of a collection response: the `value` array; `@odata.context`,
/// `@odata.nextLink` and other members are read past.
#[derive(Clone, Debug, PartialEq)]
pub struct ValuePage<T> {
    /// The items, in the order received.
    pub value: Vec<T>,
    /// `@odata.nextLink`, when the service has more.
    pub next_link: Option<String>,
}

impl<T: FromJson> FromJson for ValuePage<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        reader.begin_object()?;
        let mut value = None;
        let mut next_link = None;
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            match key.as_ref() {
                "value" => {
                    value = Some(Vec::<T>::from_json(reader).map_err(|e| e.in_member("value"))?)
                }
                "@odata.nextLink" => {
                    next_link = Option::<String>::from_json(reader)
                        .map_err(|e| e.in_member("@odata.nextLink"))?;
                }
                _ => reader.skip_value()?,
            }
        }
        match value {
            Some(value) => Ok(Self { value, next_link }),
            None => {
                Err(reader.error_at(start, "expected a collection object with a `value` array"))
            }
        }
    }
}
