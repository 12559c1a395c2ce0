use serde::{Serialize, Serializer};

use super::item::CatalogItem;
use super::text::Text;

/// The format tag of the interchange file, bumped on any incompatible change.
pub const CATALOG_FORMAT: &str = "mingjing-catalog/1";

/// A whole service catalogue as exchanged between a department and the collector:
/// `{"format": "mingjing-catalog/1", "demo": …, "publisher": …, "items": […]}`.
///
/// Read one with [`CatalogFile::parse_json`]. Its items have distinct implementation codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogFile {
    pub(super) format: FormatTag,
    pub(super) demo: bool,
    pub(super) publisher: Text,
    pub(super) items: Vec<CatalogItem>,
}

impl CatalogFile {
    /// Whether this is demonstration data. The widgets label such a catalogue visibly, so
    /// that nobody mistakes invented fees and time limits for official ones.
    pub fn demo(&self) -> bool {
        self.demo
    }

    /// Who published the catalogue, with any note on its status.
    pub fn publisher(&self) -> &Text {
        &self.publisher
    }

    pub fn items(&self) -> &[CatalogItem] {
        &self.items
    }

    pub fn into_items(self) -> Vec<CatalogItem> {
        self.items
    }

    /// The item with this implementation code, if any.
    pub fn item(&self, implementation_code: &str) -> Option<&CatalogItem> {
        self.items.iter().find(|item| item.implementation_code().as_str() == implementation_code)
    }
}

/// Serializes as [`CATALOG_FORMAT`]; it holds nothing because a parsed file can only be in
/// the one format this version reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct FormatTag;

impl Serialize for FormatTag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(CATALOG_FORMAT)
    }
}
