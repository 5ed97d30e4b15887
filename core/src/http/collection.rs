//! The `{"value": [...]}` envelope of OData collection responses.

use crate::json::{DecodeError, FromJson, Reader};

/// One page of a collection response: the `value` array and the paging members Graph sends
/// beside it; `@odata.context` and other members are read past.
#[derive(Clone, Debug, PartialEq)]
pub struct ValuePage<T> {
    /// The items, in the order received.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, when the service has more.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: on the last page of a delta query, the URL that asks for what
    /// changed since.
    pub delta_link: Option<String>,
    /// `@odata.count`: the size of the whole collection, when `$count=true` asked for it.
    pub count: Option<u64>,
}

impl<T: FromJson> FromJson for ValuePage<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        reader.begin_object()?;
        let mut value = None;
        let mut next_link = None;
        let mut delta_link = None;
        let mut count = None;
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
                "@odata.deltaLink" => {
                    delta_link = Option::<String>::from_json(reader)
                        .map_err(|e| e.in_member("@odata.deltaLink"))?;
                }
                "@odata.count" => {
                    count = Option::<u64>::from_json(reader)
                        .map_err(|e| e.in_member("@odata.count"))?;
                }
                _ => reader.skip_value()?,
            }
        }
        match value {
            Some(value) => Ok(Self {
                value,
                next_link,
                delta_link,
                count,
            }),
            None => {
                Err(reader.error_at(start, "expected a collection object with a `value` array"))
            }
        }
    }
}

/// `{"value": x}`: how Graph answers a function or action that returns one primitive or
/// complex value.
pub(crate) struct Wrapped<T>(pub(crate) T);

impl<T: FromJson> FromJson for Wrapped<T> {
    fn from_json(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let start = reader.peek_position()?;
        reader.begin_object()?;
        let mut value = None;
        let mut first = true;
        while let Some(key) = reader.next_key(first)? {
            first = false;
            if key.as_ref() == "value" {
                value = Some(T::from_json(reader).map_err(|e| e.in_member("value"))?);
            } else {
                reader.skip_value()?;
            }
        }
        value
            .map(Wrapped)
            .ok_or_else(|| reader.error_at(start, "expected an object with a `value` member"))
    }
}
