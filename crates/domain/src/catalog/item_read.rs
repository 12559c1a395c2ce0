//! Reading one [`CatalogItem`] from JSON, including the checks between its fields.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::CatalogError;
use super::application_form::ApplicationForm;
use super::authority::Authority;
use super::certificate::RequiredCertificate;
use super::codes::{BasicCode, ImplementationCode};
use super::date::parse_date;
use super::department::Department;
use super::fee::Fee;
use super::handling::{HandlingForm, Visits};
use super::handling_result::HandlingResult;
use super::import_error::ImportErrors;
use super::intermediary::IntermediaryService;
use super::item::CatalogItem;
use super::limits::{Limit, Limits};
use super::material::Material;
use super::phone::PhoneNumber;
use super::reader::{Fields, Rejections};
use super::step::Step;

impl CatalogItem {
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "basic_code",
        "implementation_code",
        "name",
        "type",
        "legal_basis",
        "authority",
        "department",
        "legal_limit",
        "promised_limit",
        "acceptance_conditions",
        "steps",
        "materials",
        "forms",
        "fees",
        "result",
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

    /// Reads a single item outside a catalogue file, as the widgets do with the items the
    /// collector serves. Field paths in the errors are relative to the item.
    pub fn from_value(value: &Value) -> Result<Self, ImportErrors> {
        let mut rejections = Rejections::default();
        let item = Fields::open(value, String::new(), None, Self::FIELDS, &mut rejections)
            .and_then(|mut fields| Self::read(&mut fields));
        rejections.finish(item)
    }

    pub(crate) fn read(fields: &mut Fields<'_, '_>) -> Option<Self> {
        let basic_code = fields.parsed("basic_code", BasicCode::parse);
        let implementation_code = fields.parsed("implementation_code", ImplementationCode::parse);
        let name = fields.text("name");
        let item_type = fields.choice("type");
        let legal_basis = fields.non_empty_texts("legal_basis");
        let authority = fields.object("authority", Authority::FIELDS, Authority::read);
        let department = fields.object("department", Department::FIELDS, Department::read);
        let limits = read_limits(fields);
        let acceptance_conditions = fields.non_empty_texts("acceptance_conditions");
        let steps = fields.non_empty_objects("steps", Step::FIELDS, Step::read);
        let materials = fields.objects("materials", Material::FIELDS, Material::read);
        let forms = fields.objects("forms", ApplicationForm::FIELDS, ApplicationForm::read);
        let fees = fields.objects("fees", Fee::FIELDS, Fee::read);
        let result = fields.object("result", HandlingResult::FIELDS, HandlingResult::read);
        let handling_form = fields.choice("handling_form");
        let visits = fields.choice("visits");
        let online_handling = fields.flag("online_handling");
        let online_payment = fields.flag("online_payment");
        let address = fields.text("address");
        let office_hours = fields.text("office_hours");
        let consultation_phone = fields.parsed("consultation_phone", PhoneNumber::parse);
        let complaint_phone = fields.parsed("complaint_phone", PhoneNumber::parse);
        let keywords = fields.texts("keywords");
        let intermediary_services =
            fields.objects("intermediary_services", IntermediaryService::FIELDS, IntermediaryService::read);
        let certificates_required =
            fields.objects("certificates_required", RequiredCertificate::FIELDS, RequiredCertificate::read);
        let effective_from = fields.parsed("effective_from", parse_date);

        let codes_agree = check_codes(fields, implementation_code.as_ref(), basic_code.as_ref(), department.as_ref());
        let channels_agree = check_channels(fields, handling_form, visits, online_handling);
        if !(codes_agree && channels_agree) {
            return None;
        }
        Some(Self {
            basic_code: basic_code?,
            implementation_code: implementation_code?,
            name: name?,
            item_type: item_type?,
            legal_basis: legal_basis?,
            authority: authority?,
            department: department?,
            limits: limits?,
            acceptance_conditions: acceptance_conditions?,
            steps: steps?,
            materials: materials?,
            forms: forms?,
            fees: fees?,
            result: result?,
            handling_form: handling_form?,
            visits: visits?,
            online_handling: online_handling?,
            online_payment: online_payment?,
            address: address?,
            office_hours: office_hours?,
            consultation_phone: consultation_phone?,
            complaint_phone: complaint_phone?,
            keywords: keywords?,
            intermediary_services: intermediary_services?,
            certificates_required: certificates_required?,
            effective_from: effective_from?,
        })
    }
}

fn read_limits(fields: &mut Fields<'_, '_>) -> Option<Limits> {
    let legal = fields.object("legal_limit", Limit::FIELDS, Limit::read);
    let promised = fields.object("promised_limit", Limit::FIELDS, Limit::read);
    let limits = Limits::new(legal?, promised?);
    fields.check("promised_limit.amount", limits)
}

/// Whether the implementation code embeds this item's department and basic code. Only
/// checked when all three parsed, so one typo is not reported twice.
fn check_codes(
    fields: &mut Fields<'_, '_>,
    implementation_code: Option<&ImplementationCode>,
    basic_code: Option<&BasicCode>,
    department: Option<&Department>,
) -> bool {
    let (Some(code), Some(basic_code), Some(department)) = (implementation_code, basic_code, department) else {
        return true;
    };
    let credit_code = department.credit_code();
    if code.credit_code_part() == credit_code.as_str() && code.basic_code_part() == basic_code.as_str() {
        return true;
    }
    let error = CatalogError::ImplementationCodeMismatch {
        credit_code: credit_code.to_string(),
        basic_code: basic_code.to_string(),
    };
    fields.reject("implementation_code", &error);
    false
}

/// Whether the handling form, the online flag and the number of visits tell the same
/// story, since the lookup shows all three and a contradiction would mislead citizens.
fn check_channels(
    fields: &mut Fields<'_, '_>,
    handling_form: Option<HandlingForm>,
    visits: Option<Visits>,
    online_handling: Option<bool>,
) -> bool {
    let (Some(form), Some(online)) = (handling_form, online_handling) else {
        return true;
    };
    if form.is_online() != online {
        let error = CatalogError::OnlineFlagMismatch { expected: form.is_online(), form: form.as_str() };
        fields.reject("online_handling", &error);
        return false;
    }
    if visits == Some(Visits::Zero) && !online {
        fields.reject("visits", &CatalogError::ZeroVisitsNeedOnline);
        return false;
    }
    true
}

impl<'de> Deserialize<'de> for CatalogItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(serde::de::Error::custom)
    }
}
