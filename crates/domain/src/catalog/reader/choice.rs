use serde::de::DeserializeOwned;

/// A unit-variant enum that is written in the catalogue as one of a fixed set of strings.
pub(crate) trait Choice: DeserializeOwned {
    /// The accepted strings, for the error message.
    const ALLOWED: &'static str;
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as ValueError, StrDeserializer};

    use super::Choice;
    use crate::calendar::LimitUnit;
    use crate::catalog::{AuthorityLevel, HandlingForm, ItemType, MaterialForm, ResultKind, Visits};

    /// Every string an error message offers must be one the reader accepts.
    fn assert_allowed_values_parse<T: Choice>() {
        for allowed in T::ALLOWED.split(", ") {
            let deserializer: StrDeserializer<'_, ValueError> = allowed.into_deserializer();
            assert!(T::deserialize(deserializer).is_ok(), "{allowed} does not parse");
        }
    }

    #[test]
    fn every_listed_choice_is_accepted() {
        assert_allowed_values_parse::<ItemType>();
        assert_allowed_values_parse::<AuthorityLevel>();
        assert_allowed_values_parse::<HandlingForm>();
        assert_allowed_values_parse::<Visits>();
        assert_allowed_values_parse::<MaterialForm>();
        assert_allowed_values_parse::<ResultKind>();
        assert_allowed_values_parse::<LimitUnit>();
        assert_eq!(ItemType::ALLOWED.split(", ").count(), ItemType::ALL.len());
    }
}
