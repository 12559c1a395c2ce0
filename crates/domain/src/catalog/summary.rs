//! What the public lookup lists for each item found, and one page of those results, as
//! served by the collector's `GET /api/v1/services` and read by the lookup widget.

use serde::{Deserialize, Serialize};

use super::handling::Visits;
use super::item::CatalogItem;
use crate::calendar::TimeLimit;

/// One line of a search result: enough to choose an item and to compare items at a glance
/// (who handles it, whether it is free, how long it takes, how many visits, online or not),
/// without the full guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSummary {
    /// The implementation code (实施编码), which names this department's version.
    pub code: String,
    /// The basic code (基本编码), shared by every department that implements the item.
    pub basic_code: String,
    pub name: String,
    /// The two-letter type code of the national catalogue, such as `XK` or `QR`.
    pub item_type: String,
    /// The implementing department's name.
    pub department: String,
    /// Whether the item has no fee at all (Art. 16).
    pub free: bool,
    /// The promised limit (承诺办结时限) of Art. 28.
    pub promised_limit: TimeLimit,
    /// The legal limit (法定办结时限) of Art. 28.
    pub legal_limit: TimeLimit,
    /// Visits to the service hall: `zero`, `one`, `two` or `many`.
    pub visits: String,
    /// Whether the item can be applied for online.
    pub online: bool,
}

impl ServiceSummary {
    pub fn from_item(item: &CatalogItem) -> Self {
        Self {
            code: item.implementation_code().as_str().to_owned(),
            basic_code: item.basic_code().as_str().to_owned(),
            name: item.name().as_str().to_owned(),
            item_type: item.item_type().code().to_owned(),
            department: item.department().name().as_str().to_owned(),
            free: item.is_free(),
            promised_limit: item.limits().promised().time(),
            legal_limit: item.limits().legal().time(),
            visits: visits_code(item.visits()).to_owned(),
            online: item.online_handling(),
        }
    }
}

/// The same words the catalogue file uses for visits.
fn visits_code(visits: Visits) -> &'static str {
    match visits {
        Visits::Zero => "zero",
        Visits::One => "one",
        Visits::Two => "two",
        Visits::Many => "many",
    }
}

/// Who published the catalogue in force, and whether it is demonstration data, which the
/// lookup labels as such on every view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogSource {
    pub publisher: String,
    pub demo: bool,
}

/// One page of search results, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchPage {
    /// How many items match in all, on every page.
    pub total: u32,
    /// The page shown, counting from 1.
    pub page: u32,
    /// The most items a page holds; the last page may hold fewer, and a page past the end none.
    pub per_page: u32,
    pub items: Vec<ServiceSummary>,
    /// The catalogue's publisher; absent before the first import.
    #[serde(default)]
    pub source: Option<CatalogSource>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::LimitUnit;
    use crate::catalog::CatalogFile;

    #[test]
    fn summary_of_company_registration_shows_codes_limits_and_channels() {
        let file = CatalogFile::parse_json(include_str!("../../data/demo-catalog.json")).unwrap();
        let item = file.item("11530100MJ0001001W3001030001000").unwrap();
        let summary = ServiceSummary::from_item(item);
        assert_eq!(summary.name, "企业设立登记");
        assert_eq!(summary.basic_code, "001030001000");
        assert_eq!(summary.item_type, "QR");
        assert_eq!(summary.department, "昆明市市场监督管理局");
        assert_eq!(summary.promised_limit, TimeLimit { amount: 1, unit: LimitUnit::WorkingDays });
        assert_eq!(summary.legal_limit, TimeLimit { amount: 3, unit: LimitUnit::WorkingDays });
        assert_eq!(summary.free, item.is_free());
        assert_eq!(summary.online, item.online_handling());
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["visits"], serde_json::to_value(item.visits()).unwrap());
    }
}
