/// Why one value in a service catalogue was rejected.
///
/// The importer pairs each error with the path of the field it concerns, so the messages
/// describe the value, not where it sits. `rule` gives a stable code that tools and tests
/// can match on while the wording stays free to improve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the file is not valid json: {0}")]
    InvalidJson(String),

    #[error("format must be \"{expected}\"")]
    UnsupportedFormat { expected: &'static str },

    #[error("this field is required")]
    Required,

    #[error("must be {expected}")]
    InvalidType { expected: &'static str },

    #[error("is not a field of this record")]
    UnknownField,

    #[error("must be one of {allowed}")]
    UnknownValue { allowed: &'static str },

    #[error("must not be blank")]
    Blank,

    #[error("must list at least one entry")]
    EmptyList,

    #[error("basic code must be 12 digits or capital letters")]
    BasicCodeFormat,

    #[error(
        "implementation code must be 31 characters: the department's credit code, \
         one digit, then the basic code"
    )]
    ImplementationCodeFormat,

    #[error(
        "implementation code must start with the department's credit code {credit_code} \
         and end with the basic code {basic_code}"
    )]
    ImplementationCodeMismatch { credit_code: String, basic_code: String },

    #[error("credit code must be 18 characters from 0-9 and A-Y without I, O, S, V and Z")]
    CreditCodeFormat,

    #[error("credit code check character should be {expected}")]
    CreditCodeChecksum { expected: char },

    #[error("time limit must be at least 1")]
    LimitNotPositive,

    #[error("promised limit of {promised} exceeds the legal limit of {legal} in the same unit")]
    PromisedExceedsLegal { promised: u32, legal: u32 },

    #[error("phone number must be 5 to 20 digits, hyphens or spaces, starting and ending with a digit")]
    PhoneFormat,

    #[error("url must start with http:// or https://, name a host and contain no spaces")]
    UrlFormat,

    #[error("date must be a real calendar date written yyyy-mm-dd")]
    DateFormat,

    #[error("a required material needs at least one copy")]
    RequiredMaterialWithoutCopies,

    #[error("fee amount must not be negative")]
    FeeAmountNegative,

    #[error("fee amount exceeds {max} fen")]
    FeeAmountTooLarge { max: u64 },

    #[error("a fee needs exactly one of amount_fen and formula")]
    FeeStandard,

    #[error("online_handling must be {expected} when the handling form is {form}")]
    OnlineFlagMismatch { expected: bool, form: &'static str },

    #[error("an item that needs no visit must be available online")]
    ZeroVisitsNeedOnline,

    #[error("implementation code {code} is already used by items[{first}]")]
    DuplicateCode { code: String, first: u32 },
}

impl CatalogError {
    /// A short snake_case code for the rule that was broken, stable across releases.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::InvalidJson(_) => "invalid_json",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::Required => "required",
            Self::InvalidType { .. } => "invalid_type",
            Self::UnknownField => "unknown_field",
            Self::UnknownValue { .. } => "unknown_value",
            Self::Blank => "blank",
            Self::EmptyList => "empty_list",
            Self::BasicCodeFormat => "basic_code_format",
            Self::ImplementationCodeFormat => "implementation_code_format",
            Self::ImplementationCodeMismatch { .. } => "implementation_code_mismatch",
            Self::CreditCodeFormat => "credit_code_format",
            Self::CreditCodeChecksum { .. } => "credit_code_checksum",
            Self::LimitNotPositive => "limit_not_positive",
            Self::PromisedExceedsLegal { .. } => "promised_exceeds_legal",
            Self::PhoneFormat => "phone_format",
            Self::UrlFormat => "url_format",
            Self::DateFormat => "date_format",
            Self::RequiredMaterialWithoutCopies => "required_material_without_copies",
            Self::FeeAmountNegative => "fee_amount_negative",
            Self::FeeAmountTooLarge { .. } => "fee_amount_too_large",
            Self::FeeStandard => "fee_standard",
            Self::OnlineFlagMismatch { .. } => "online_flag_mismatch",
            Self::ZeroVisitsNeedOnline => "zero_visits_need_online",
            Self::DuplicateCode { .. } => "duplicate_code",
        }
    }
}
