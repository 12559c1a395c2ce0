use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api_error::FieldError;

/// A mainland China mobile number: eleven digits starting 13–19.
///
/// `Debug` and `Display` show it masked (138****1234), so it cannot leak into logs by
/// accident; [`MobileNumber::reveal`] is the one way to the full number.
#[derive(Clone, PartialEq, Eq)]
pub struct MobileNumber(String);

impl MobileNumber {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits);
        let b = digits.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit) {
            Ok(Self(digits.to_owned()))
        } else {
            Err(FieldError::new(field, "invalid_mobile", "mobile number must be 11 digits starting 13 to 19"))
        }
    }

    /// 138****1234: what staff see until they reveal the number for a reason.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }

    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// What a reviewer sends to ask for a call-back (回访).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactRequest {
    pub name: String,
    pub phone: String,
    /// The reviewer ticked "I agree to be called back about this review".
    pub consent: bool,
}

/// A validated call-back contact. It exists only with the reviewer's explicit consent.
#[derive(Clone, PartialEq, Eq)]
pub struct Contact {
    name: String,
    phone: MobileNumber,
}

impl Contact {
    pub const MAX_NAME_CHARS: usize = 20;

    pub fn parse(req: &ContactRequest) -> Result<Self, FieldError> {
        if !req.consent {
            return Err(FieldError::new(
                "contact.consent",
                "consent_required",
                "a call-back contact can only be kept with consent",
            ));
        }
        let name = req.name.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > Self::MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(FieldError::new("contact.name", "invalid_name", "name must be 1 to 20 characters"));
        }
        let phone = MobileNumber::parse("contact.phone", &req.phone)?;
        Ok(Self { name: name.to_owned(), phone })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn phone(&self) -> &MobileNumber {
        &self.phone
    }
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contact").field("name", &"<hidden>").field("phone", &self.phone).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_validated_and_masked() {
        let n = MobileNumber::parse("phone", "138 0013 1234").unwrap();
        assert_eq!(n.reveal(), "13800131234");
        assert_eq!(n.masked(), "138****1234");
        assert_eq!(format!("{n:?} {n}"), "138****1234 138****1234");
        assert!(MobileNumber::parse("phone", "+86-139-0000-0000").is_ok());
        for bad in ["", "1380013123", "23800131234", "12800131234", "1380013123x", "138001312345"] {
            assert_eq!(MobileNumber::parse("phone", bad).unwrap_err().rule, "invalid_mobile", "{bad}");
        }
    }

    #[test]
    fn contact_needs_consent() {
        let req = ContactRequest { name: "张三".into(), phone: "13800131234".into(), consent: false };
        assert_eq!(Contact::parse(&req).unwrap_err().field, "contact.consent");
        let ok = Contact::parse(&ContactRequest { consent: true, ..req }).unwrap();
        assert!(!format!("{ok:?}").contains("张三"));
    }
}
