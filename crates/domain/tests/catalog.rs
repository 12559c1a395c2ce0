//! The service catalogue: the demo file, the importer's error reports, the serde form and
//! the JSON Schema, all checked against one another.

use std::collections::BTreeSet;

use mingjing_domain::calendar::LimitUnit;
use mingjing_domain::catalog::{CatalogFile, CatalogItem, CreditCode, FeeStandard, ImportError, ItemType, PhoneNumber};
use proptest::prelude::*;
use serde_json::{Value, json};

const DEMO: &str = include_str!("../data/demo-catalog.json");
const SCHEMA: &str = include_str!("../schema/catalog.schema.json");

fn demo() -> CatalogFile {
    match CatalogFile::parse_json(DEMO) {
        Ok(file) => file,
        Err(errors) => panic!("the demo catalogue should parse: {errors}"),
    }
}

fn demo_value() -> Value {
    serde_json::from_str(DEMO).expect("the demo catalogue is json")
}

/// The (index, field, rule) of every error, which is what a caller acts on.
fn reported(errors: &[ImportError]) -> Vec<(Option<u32>, String, String)> {
    errors.iter().map(|error| (error.index, error.field.clone(), error.rule.clone())).collect()
}

fn expected(list: &[(Option<u32>, &str, &str)]) -> Vec<(Option<u32>, String, String)> {
    list.iter().map(|&(index, field, rule)| (index, field.to_owned(), rule.to_owned())).collect()
}

#[test]
fn demo_catalogue_parses_cleanly_and_is_broad_enough_to_demonstrate() {
    let file = demo();
    let items = file.items();
    assert!(file.demo());
    assert!(file.publisher().as_str().contains("not official"));
    assert!(items.len() >= 45, "only {} items", items.len());

    let departments: BTreeSet<_> = items.iter().map(|item| item.department().name()).collect();
    assert!(departments.len() >= 6, "only {} departments", departments.len());

    let types: BTreeSet<_> = items.iter().map(CatalogItem::item_type).collect();
    for wanted in [
        ItemType::Licensing,
        ItemType::Confirmation,
        ItemType::PublicService,
        ItemType::Benefit,
        ItemType::Penalty,
        ItemType::Inspection,
    ] {
        assert!(types.contains(&wanted), "no {} item", wanted.code());
    }

    let units: BTreeSet<_> = items
        .iter()
        .flat_map(|item| [item.limits().legal(), item.limits().promised()])
        .map(|limit| format!("{:?}", limit.time().unit))
        .collect();
    for unit in [LimitUnit::WorkingDays, LimitUnit::NaturalDays, LimitUnit::Hours] {
        assert!(units.contains(&format!("{unit:?}")), "no limit in {unit:?}");
    }

    assert!(items.iter().any(CatalogItem::is_free));
    assert!(items.iter().any(|item| !item.is_free()));
    let fixed_amount =
        |item: &CatalogItem| item.fees().iter().any(|fee| matches!(fee.standard(), FeeStandard::AmountFen(_)));
    assert!(items.iter().any(fixed_amount));
    assert!(items.iter().any(|item| !item.intermediary_services().is_empty()));
    assert!(items.iter().any(|item| !item.certificates_required().is_empty()));

    let shortened = items.iter().filter(|item| item.limits().legal().time() != item.limits().promised().time()).count();
    assert!(shortened * 4 >= items.len() * 3, "only {shortened} promised limits differ");
}

#[test]
fn demo_catalogue_has_the_company_registration_item_free_and_compressed() {
    let file = demo();
    let item =
        file.items().iter().find(|item| item.name().as_str() == "企业设立登记").expect("the demo has 企业设立登记");
    assert!(matches!(item.item_type(), ItemType::Confirmation | ItemType::Licensing));
    assert!(item.is_free());
    assert!(!item.keywords().is_empty());
    assert_eq!(item.limits().legal().time().amount, 3);
    assert_eq!(item.limits().promised().time().amount, 1);
    assert_eq!(item.limits().compression_percent(), Some(66));
    assert_eq!(file.item(item.implementation_code().as_str()), Some(item));
}

#[test]
fn broken_file_reports_one_error_per_bad_record_and_nothing_else() {
    let mut value = demo_value();
    value["format"] = json!("mingjing-catalog/2");
    let template = value["items"][0].clone();
    let credit_code = template["department"]["credit_code"].as_str().expect("a code");
    let mut items = Vec::new();
    for position in 0..16 {
        let mut item = template.clone();
        let basic_code = format!("9{position:011}");
        item["basic_code"] = json!(basic_code);
        item["implementation_code"] = json!(format!("{credit_code}3{basic_code}"));
        item["fees"] = json!([{
            "name": "演示收费",
            "amount_fen": 2000,
            "legal_basis": "演示依据"
        }]);
        items.push(item);
    }
    items[1]["fees"][0]["amount_fen"] = json!(-5);
    items[2]["department"]["credit_code"] = json!("91350100M000100Y44");
    items[3]["legal_limit"]["amount"] = json!(3);
    items[3]["promised_limit"]["amount"] = json!(5);
    items[4]["consultation_phone"] = json!("call us");
    items[5]["forms"][0]["url"] = json!("ftp://demo.mingjing.example/form.pdf");
    items[6]["name"] = json!("   ");
    items[7]["legal_limit"]["amount"] = json!(0);
    items[8]["visits"] = json!("sometimes");
    items[9]["materials"][0]["copies"] = json!(0);
    items[10]["basic_code"] = json!("ABC");
    items[11].as_object_mut().expect("an object").remove("steps");
    items[12]["colour"] = json!("red");
    items[13]["fees"][0]["formula"] = json!("每件20元");
    items[14]["implementation_code"] = json!(format!("91350100M000100Y433{}", "900000000014"));
    items[15]["handling_form"] = json!("counter");
    value["items"] = Value::Array(items);

    let errors = CatalogFile::from_value(&value).expect_err("the file is broken");

    assert_eq!(
        reported(errors.errors()),
        expected(&[
            (None, "format", "unsupported_format"),
            (Some(1), "items[1].fees[0].amount_fen", "fee_amount_negative"),
            (Some(2), "items[2].department.credit_code", "credit_code_checksum"),
            (Some(3), "items[3].promised_limit.amount", "promised_exceeds_legal"),
            (Some(4), "items[4].consultation_phone", "phone_format"),
            (Some(5), "items[5].forms[0].url", "url_format"),
            (Some(6), "items[6].name", "blank"),
            (Some(7), "items[7].legal_limit.amount", "limit_not_positive"),
            (Some(8), "items[8].visits", "unknown_value"),
            (Some(9), "items[9].materials[0].copies", "required_material_without_copies"),
            (Some(10), "items[10].basic_code", "basic_code_format"),
            (Some(11), "items[11].steps", "required"),
            (Some(12), "items[12].colour", "unknown_field"),
            (Some(13), "items[13].fees[0].amount_fen", "fee_standard"),
            (Some(14), "items[14].implementation_code", "implementation_code_mismatch"),
            (Some(15), "items[15].online_handling", "online_flag_mismatch"),
        ])
    );
    assert!(errors.errors().iter().all(|error| !error.message.is_empty()));
}

#[test]
fn duplicate_implementation_codes_are_rejected_on_the_later_item() {
    let mut value = demo_value();
    let items = value["items"].as_array_mut().expect("a list");
    let copy = items[0].clone();
    let code = copy["implementation_code"].as_str().expect("a code").to_owned();
    let position = u32::try_from(items.len()).expect("few items");
    items.push(copy);

    let errors = CatalogFile::from_value(&value).expect_err("a code is used twice");

    let field = format!("items[{position}].implementation_code");
    assert_eq!(reported(errors.errors()), expected(&[(Some(position), &field, "duplicate_code")]));
    let message = &errors.errors()[0].message;
    assert!(message.contains(&code) && message.contains("items[0]"), "{message}");
}

#[test]
fn text_that_is_not_json_is_one_file_level_error() {
    let errors = CatalogFile::parse_json("{\"format\": ").expect_err("not json");
    assert_eq!(reported(errors.errors()), expected(&[(None, "", "invalid_json")]));
}

#[test]
fn serializing_the_demo_reproduces_the_file_and_parses_back_to_the_same_catalogue() {
    let file = demo();
    let serialized = serde_json::to_value(&file).expect("serializable");
    assert_eq!(serialized, demo_value());

    let text = serde_json::to_string(&file).expect("serializable");
    let reparsed = CatalogFile::parse_json(&text).expect("our own output parses");
    assert_eq!(reparsed, file);
    let via_serde: CatalogFile = serde_json::from_str(&text).expect("deserializable");
    assert_eq!(via_serde, file);
}

#[test]
fn a_single_item_deserializes_with_paths_relative_to_the_item() {
    let mut item = demo_value()["items"][0].clone();
    let parsed: CatalogItem = serde_json::from_value(item.clone()).expect("a good item");
    assert_eq!(parsed.name().as_str(), "企业设立登记");

    item["complaint_phone"] = json!("x");
    let errors = CatalogItem::from_value(&item).expect_err("a bad phone");
    assert_eq!(reported(errors.errors()), expected(&[(None, "complaint_phone", "phone_format")]));
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is json");
    assert!(jsonschema::meta::is_valid(&schema), "the schema is not a valid schema");
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).expect("the schema compiles")
}

#[test]
fn demo_catalogue_satisfies_the_json_schema() {
    let validator = schema_validator();
    let demo = demo_value();
    let problems: Vec<String> =
        validator.iter_errors(&demo).map(|error| format!("{}: {error}", error.instance_path())).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A description of a defect, and how to introduce it into an item.
type Breakage = (&'static str, fn(&mut Value));

#[test]
fn json_schema_rejects_what_the_importer_rejects() {
    let validator = schema_validator();
    let breakages: [Breakage; 9] = [
        ("bad type code", |item| item["type"] = json!("XX")),
        ("lower-case credit code", |item| {
            item["department"]["credit_code"] = json!("91350100m000100y43");
        }),
        ("negative fee", |item| {
            item["fees"] = json!([{"name": "费", "amount_fen": -1, "legal_basis": "依据"}]);
        }),
        ("fee with amount and formula", |item| {
            item["fees"] = json!([{
                "name": "费", "amount_fen": 1, "formula": "每件1分", "legal_basis": "依据"
            }]);
        }),
        ("unknown field", |item| item["colour"] = json!("red")),
        ("zero limit", |item| item["legal_limit"]["amount"] = json!(0)),
        ("required material without copies", |item| {
            item["materials"][0]["copies"] = json!(0);
        }),
        ("counter item flagged online", |item| {
            item["handling_form"] = json!("counter");
        }),
        ("impossible date", |item| item["effective_from"] = json!("2023-02-30")),
    ];
    for (what, breakage) in breakages {
        let mut file = demo_value();
        breakage(&mut file["items"][0]);
        assert!(!validator.is_valid(&file), "the schema accepts a {what}");
        assert!(CatalogFile::from_value(&file).is_err(), "the importer accepts a {what}");
    }
}

#[test]
fn credit_codes_are_checked_against_their_check_character() {
    // The worked example from GB 32100-2015.
    assert!(CreditCode::parse("91350100M000100Y43").is_ok());
    let error = CreditCode::parse("91350100M000100Y44").expect_err("wrong check character");
    assert_eq!(error.rule(), "credit_code_checksum");
    let error = CreditCode::parse("91350100M000100I43").expect_err("I is not allowed");
    assert_eq!(error.rule(), "credit_code_format");
}

#[test]
fn phone_numbers_are_loosely_plausible() {
    for good in ["12345", "0871-63100101", "0871 6310 0101"] {
        assert!(PhoneNumber::parse(good).is_ok(), "{good}");
    }
    for bad in ["1234", "call 12345", "-12345", "123456789012345678901"] {
        assert!(PhoneNumber::parse(bad).is_err(), "{bad}");
    }
}

const CREDIT_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

proptest! {
    /// The check character catches every single-character typo, which is why it is
    /// verified at all.
    #[test]
    fn any_single_character_typo_in_a_credit_code_is_caught(
        position in 0_usize..18,
        replacement in 0_usize..31,
    ) {
        let original = "91350100M000100Y43";
        let new = CREDIT_ALPHABET.as_bytes()[replacement];
        prop_assume!(original.as_bytes()[position] != new);
        let mut typo = original.as_bytes().to_vec();
        typo[position] = new;
        let typo = String::from_utf8(typo).expect("ascii");
        prop_assert!(CreditCode::parse(&typo).is_err());
    }
}
