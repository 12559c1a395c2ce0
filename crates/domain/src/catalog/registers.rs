//! The two catalogue-wide lists citizens may browse: the intermediary services that items
//! require (中介服务事项清单, Art. 35) and the certificates they ask for (证明事项清单,
//! Art. 36), each with the items that require it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::item::CatalogItem;
use crate::calendar::TimeLimit;

/// An item that requires a listed service or certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemRef {
    /// The implementation code, to open the item.
    pub code: String,
    pub name: String,
    pub department: String,
}

impl ItemRef {
    fn of(item: &CatalogItem) -> Self {
        Self {
            code: item.implementation_code().as_str().to_owned(),
            name: item.name().as_str().to_owned(),
            department: item.department().name().as_str().to_owned(),
        }
    }
}

/// One intermediary service (中介服务) and the items that require it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntermediaryListing {
    pub name: String,
    pub legal_basis: String,
    pub conditions: String,
    pub steps: String,
    pub time_limit: TimeLimit,
    pub time_note: Option<String>,
    pub fee: String,
    pub required_by: Vec<ItemRef>,
}

/// One certificate (证明事项) and the items that ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateListing {
    pub name: String,
    pub issuer: String,
    pub legal_basis: Option<String>,
    pub required_by: Vec<ItemRef>,
}

/// Both lists, sorted by name. A service or certificate that several items require is
/// listed once, as the first item (in implementation-code order) describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registers {
    pub intermediary_services: Vec<IntermediaryListing>,
    pub certificates: Vec<CertificateListing>,
}

impl Registers {
    pub fn build(items: &[CatalogItem]) -> Self {
        let mut ordered: Vec<&CatalogItem> = items.iter().collect();
        ordered.sort_by(|a, b| a.implementation_code().cmp(b.implementation_code()));
        let mut services: BTreeMap<&str, IntermediaryListing> = BTreeMap::new();
        let mut certificates: BTreeMap<&str, CertificateListing> = BTreeMap::new();
        for item in ordered {
            for service in item.intermediary_services() {
                let limit = service.time_limit();
                services
                    .entry(service.name().as_str())
                    .or_insert_with(|| IntermediaryListing {
                        name: service.name().as_str().to_owned(),
                        legal_basis: service.legal_basis().as_str().to_owned(),
                        conditions: service.conditions().as_str().to_owned(),
                        steps: service.steps().as_str().to_owned(),
                        time_limit: limit.time(),
                        time_note: limit.note().map(|n| n.as_str().to_owned()),
                        fee: service.fee().as_str().to_owned(),
                        required_by: Vec::new(),
                    })
                    .required_by
                    .push(ItemRef::of(item));
            }
            for certificate in item.certificates_required() {
                certificates
                    .entry(certificate.name().as_str())
                    .or_insert_with(|| CertificateListing {
                        name: certificate.name().as_str().to_owned(),
                        issuer: certificate.issuer().as_str().to_owned(),
                        legal_basis: certificate.legal_basis().map(|b| b.as_str().to_owned()),
                        required_by: Vec::new(),
                    })
                    .required_by
                    .push(ItemRef::of(item));
            }
        }
        Self {
            intermediary_services: services.into_values().collect(),
            certificates: certificates.into_values().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CatalogFile;

    #[test]
    fn demo_catalogue_lists_each_service_and_certificate_once_with_every_item_that_needs_it() {
        let file = CatalogFile::parse_json(include_str!("../../data/demo-catalog.json")).unwrap();
        let registers = Registers::build(file.items());
        let needing_services = file.items().iter().filter(|i| !i.intermediary_services().is_empty()).count();
        assert!(needing_services > 0 && !registers.intermediary_services.is_empty());
        let listed: usize = registers.intermediary_services.iter().map(|s| s.required_by.len()).sum();
        let required: usize = file.items().iter().map(|i| i.intermediary_services().len()).sum();
        assert_eq!(listed, required, "every requirement appears under its service");
        let names: Vec<&str> = registers.intermediary_services.iter().map(|s| s.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "sorted by name, each once");

        let certificate = registers.certificates.iter().find(|c| c.name == "特种设备监督检验证明").unwrap();
        assert_eq!(certificate.issuer, "依法核准的特种设备检验机构");
        assert!(certificate.required_by.iter().all(|r| !r.code.is_empty() && !r.department.is_empty()));
    }
}
