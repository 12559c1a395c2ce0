//! The government-service catalogue: the 12 standard elements of Art. 27.
//!
//! Every item (政务服务事项) carries the same elements at every level of government:
//! name, codes, legal basis, type, scope of authority, time limits (Art. 28), acceptance
//! conditions, steps, materials, forms, fees (Art. 16) and result, plus what the public
//! lookup shows besides them: channels, visits, contacts, keywords, intermediary services
//! (Art. 35) and required certificates (Art. 36).
//!
//! Catalogues travel as `mingjing-catalog/1` JSON files, described by
//! `schema/catalog.schema.json`. [`CatalogFile::parse_json`] is the only way in: it checks
//! every record and reports all problems at once as [`ImportErrors`], so every value of
//! these types has been checked.

mod application_form;
mod authority;
mod catalog_error;
mod catalog_file;
mod certificate;
mod codes;
mod credit_code;
mod date;
mod department;
mod detail;
mod fee;
mod handling;
mod handling_result;
mod http_url;
mod import;
mod import_error;
mod intermediary;
mod item;
mod item_read;
mod item_type;
mod limits;
mod material;
mod phone;
mod reader;
mod registers;
mod step;
mod summary;
mod text;

pub use application_form::ApplicationForm;
pub use authority::{Authority, AuthorityLevel};
pub use catalog_error::CatalogError;
pub use catalog_file::{CATALOG_FORMAT, CatalogFile};
pub use certificate::RequiredCertificate;
pub use codes::{BasicCode, ImplementationCode};
pub use credit_code::CreditCode;
pub use department::Department;
pub use detail::{ActualTimes, ChangeEntry, ServiceDetail};
pub use fee::{Fee, FeeStandard, Fen};
pub use handling::{HandlingForm, Visits};
pub use handling_result::{HandlingResult, ResultKind};
pub use http_url::HttpUrl;
pub use import_error::{ImportError, ImportErrors};
pub use intermediary::IntermediaryService;
pub use item::CatalogItem;
pub use item_type::ItemType;
pub use limits::{Limit, Limits};
pub use material::{Material, MaterialForm};
pub use phone::PhoneNumber;
pub use registers::{CertificateListing, IntermediaryListing, ItemRef, Registers};
pub use step::Step;
pub use summary::{CatalogSource, SearchPage, ServiceSummary};
pub use text::Text;
