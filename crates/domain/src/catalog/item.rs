use serde::Serialize;
use time::Date;

use super::application_form::ApplicationForm;
use super::authority::Authority;
use super::certificate::RequiredCertificate;
use super::codes::{BasicCode, ImplementationCode};
use super::date::serialize_date;
use super::department::Department;
use super::fee::Fee;
use super::handling::{HandlingForm, Visits};
use super::handling_result::HandlingResult;
use super::intermediary::IntermediaryService;
use super::item_type::ItemType;
use super::limits::Limits;
use super::material::Material;
use super::phone::PhoneNumber;
use super::step::Step;
use super::text::Text;

/// One department's version of a government-service item (政务服务事项), with the 12
/// standard elements of Art. 27 and what the lookup shows besides them.
///
/// The only way to get one is to read it from a catalogue, so every value has passed the
/// importer's checks, including those between fields (codes agree with the department,
/// the promised limit does not exceed the legal one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogItem {
    pub(super) basic_code: BasicCode,
    pub(super) implementation_code: ImplementationCode,
    pub(super) name: Text,
    #[serde(rename = "type")]
    pub(super) item_type: ItemType,
    pub(super) legal_basis: Vec<Text>,
    pub(super) authority: Authority,
    pub(super) department: Department,
    #[serde(flatten)]
    pub(super) limits: Limits,
    pub(super) acceptance_conditions: Vec<Text>,
    pub(super) steps: Vec<Step>,
    pub(super) materials: Vec<Material>,
    pub(super) forms: Vec<ApplicationForm>,
    pub(super) fees: Vec<Fee>,
    pub(super) result: HandlingResult,
    pub(super) handling_form: HandlingForm,
    pub(super) visits: Visits,
    pub(super) online_handling: bool,
    pub(super) online_payment: bool,
    pub(super) address: Text,
    pub(super) office_hours: Text,
    pub(super) consultation_phone: PhoneNumber,
    pub(super) complaint_phone: PhoneNumber,
    pub(super) keywords: Vec<Text>,
    pub(super) intermediary_services: Vec<IntermediaryService>,
    pub(super) certificates_required: Vec<RequiredCertificate>,
    #[serde(serialize_with = "serialize_date")]
    pub(super) effective_from: Date,
}

impl CatalogItem {
    /// 基本编码: shared by every department that implements the same item.
    pub fn basic_code(&self) -> &BasicCode {
        &self.basic_code
    }

    /// 实施编码: unique to this department's version, and unique within a catalogue.
    pub fn implementation_code(&self) -> &ImplementationCode {
        &self.implementation_code
    }

    pub fn name(&self) -> &Text {
        &self.name
    }

    pub fn item_type(&self) -> ItemType {
        self.item_type
    }

    /// 设定依据: the laws and regulations that create the item, one per entry.
    pub fn legal_basis(&self) -> &[Text] {
        &self.legal_basis
    }

    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    pub fn department(&self) -> &Department {
        &self.department
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn acceptance_conditions(&self) -> &[Text] {
        &self.acceptance_conditions
    }

    /// The procedure in order; step *n* is at position *n* − 1.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn materials(&self) -> &[Material] {
        &self.materials
    }

    pub fn forms(&self) -> &[ApplicationForm] {
        &self.forms
    }

    /// Every fee the item may incur. Empty means the item is free (免费).
    pub fn fees(&self) -> &[Fee] {
        &self.fees
    }

    pub fn is_free(&self) -> bool {
        self.fees.is_empty()
    }

    pub fn result(&self) -> &HandlingResult {
        &self.result
    }

    pub fn handling_form(&self) -> HandlingForm {
        self.handling_form
    }

    pub fn visits(&self) -> Visits {
        self.visits
    }

    pub fn online_handling(&self) -> bool {
        self.online_handling
    }

    pub fn online_payment(&self) -> bool {
        self.online_payment
    }

    pub fn address(&self) -> &Text {
        &self.address
    }

    pub fn office_hours(&self) -> &Text {
        &self.office_hours
    }

    pub fn consultation_phone(&self) -> &PhoneNumber {
        &self.consultation_phone
    }

    /// The supervision and complaint line (监督投诉电话), usually 12345.
    pub fn complaint_phone(&self) -> &PhoneNumber {
        &self.complaint_phone
    }

    /// Extra search terms: the names people use for the item, which are often not its
    /// official name ("开公司" for 企业设立登记).
    pub fn keywords(&self) -> &[Text] {
        &self.keywords
    }

    pub fn intermediary_services(&self) -> &[IntermediaryService] {
        &self.intermediary_services
    }

    pub fn certificates_required(&self) -> &[RequiredCertificate] {
        &self.certificates_required
    }

    /// The first day this version of the item applies.
    pub fn effective_from(&self) -> Date {
        self.effective_from
    }
}
