//! The flat CSV variant of the catalogue interchange format, for departments that keep their
//! catalogue in a spreadsheet. One row per item under a header row of the column names
//! below (UTF-8, an Excel byte-order mark is fine). A list goes in one cell, one entry per
//! line; an entry with parts separates them with `|`:
//!
//! | column | one line |
//! |---|---|
//! | `legal_basis`, `acceptance_conditions`, `keywords` | a text |
//! | `steps` | `name \| description` |
//! | `materials` | `name \| required (是/否) \| paper/electronic/both \| copies \| source \| blank form URL \| sample URL` |
//! | `forms` | `name \| URL` |
//! | `fees` | `name \| amount in yuan (20.00) or a formula \| legal basis \| reductions` |
//! | `intermediary_services` | `name \| legal basis \| conditions \| steps \| amount \| unit \| note \| fee` |
//! | `certificates_required` | `name \| issuer \| legal basis` |
//!
//! A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) is exported with a `'` in front, which the import takes off
//! again (see [`crate::files::safe_csv`]).
//!
//! Each row becomes an item of the JSON format and goes through the very same checks, so
//! the two variants cannot accept different catalogues. Problems name the row's line.

mod read;
mod write;

#[cfg(test)]
mod tests;

pub use read::{CsvProblem, parse_csv};
pub use write::write_csv;

/// The columns, in the order a blank template lists them.
pub const COLUMNS: [&str; 34] = [
    "basic_code",
    "implementation_code",
    "name",
    "type",
    "legal_basis",
    "authority_level",
    "authority_description",
    "department_name",
    "department_credit_code",
    "legal_limit_amount",
    "legal_limit_unit",
    "legal_limit_note",
    "promised_limit_amount",
    "promised_limit_unit",
    "promised_limit_note",
    "acceptance_conditions",
    "steps",
    "materials",
    "forms",
    "fees",
    "result_kind",
    "result_name",
    "handling_form",
    "visits",
    "online_handling",
    "online_payment",
    "address",
    "office_hours",
    "consultation_phone",
    "complaint_phone",
    "keywords",
    "intermediary_services",
    "certificates_required",
    "effective_from",
];
