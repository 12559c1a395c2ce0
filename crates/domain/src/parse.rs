//! Parse, don't validate: a request body arrives as its wire form (`Raw`, plain serde
//! types) and is turned once into a value whose type says it keeps every rule. The
//! collector's `Valid<T>` extractor runs [`Parse::parse`] before a handler sees the body;
//! the widgets run the same function before they send it.

use serde::de::DeserializeOwned;

use crate::api_error::FieldError;

pub trait Parse: Sized {
    /// The body as it crosses the wire.
    type Raw: DeserializeOwned;

    /// The typed value, or the first rule the body breaks with the field it names.
    fn parse(raw: Self::Raw) -> Result<Self, FieldError>;
}
