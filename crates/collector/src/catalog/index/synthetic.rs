//! A large catalogue that looks like a real one, for measuring the search index: the demo
//! catalogue's items, split into sub-items (办理项) and implemented again by the
//! departments of many districts, the way a province's catalogue repeats the same items.

use mingjing_domain::catalog::{CatalogError, CatalogItem, CreditCode};
use serde_json::Value;

const DEMO_CATALOG: &str = include_str!("../../../../domain/data/demo-catalog.json");

/// Qualifiers that split an item into sub-items; the first keeps the demo's own item.
const SUB_ITEMS: [&str; 8] =
    ["", "（分支机构）", "（变更）", "（延续）", "（注销）", "（补办）", "（告知承诺制）", "（跨省通办）"];

const PREFECTURES: [&str; 16] = [
    "昆明市",
    "曲靖市",
    "玉溪市",
    "保山市",
    "昭通市",
    "丽江市",
    "普洱市",
    "临沧市",
    "楚雄彝族自治州",
    "红河哈尼族彝族自治州",
    "文山壮族苗族自治州",
    "西双版纳傣族自治州",
    "大理白族自治州",
    "德宏傣族景颇族自治州",
    "怒江傈僳族自治州",
    "迪庆藏族自治州",
];

const COUNTIES: [&str; 16] = [
    "五华区",
    "盘龙区",
    "官渡区",
    "西山区",
    "呈贡区",
    "晋宁区",
    "安宁市",
    "宜良县",
    "嵩明县",
    "富民县",
    "石林县",
    "禄劝县",
    "寻甸县",
    "东川区",
    "麒麟区",
    "红塔区",
];

/// The city in the demo departments' names, which each district's name replaces.
const DEMO_CITY: &str = "昆明市";

/// `n` valid items with distinct implementation codes. The first 62 are the demo
/// catalogue itself; the rest vary its items by sub-item and by district, with department
/// names, credit codes, basic codes and implementation codes that agree as the importer
/// requires.
pub fn synthetic_catalog(n: u32) -> Vec<CatalogItem> {
    let demo: Value = serde_json::from_str(DEMO_CATALOG).expect("the demo catalogue is JSON");
    let items = demo.get("items").and_then(Value::as_array).expect("the demo catalogue has items");
    let per_district = items.len() * SUB_ITEMS.len();
    (0..n as usize)
        .map(|number| {
            let base = &items[number % items.len()];
            let sub_item = number / items.len() % SUB_ITEMS.len();
            let district = number / per_district;
            let value = variant(base, sub_item, district);
            CatalogItem::from_value(&value).unwrap_or_else(|errors| panic!("synthetic item {number}: {errors}"))
        })
        .collect()
}

fn variant(base: &Value, sub_item: usize, district: usize) -> Value {
    let mut value = base.clone();
    let text = |field: &str| value.pointer(field).and_then(Value::as_str).unwrap_or_default().to_owned();
    let (name, basic_code, code) = (text("/name"), text("/basic_code"), text("/implementation_code"));
    let (department, credit_code) = (text("/department/name"), text("/department/credit_code"));

    // The last three digits of a demo basic code are 000; a sub-item numbers them.
    let basic_code = format!("{}{sub_item:03}", &basic_code[..9]);
    let (department, credit_code) = if district == 0 {
        (department, credit_code)
    } else {
        let place = format!("{}{}", PREFECTURES[district % 16], COUNTIES[district / 16 % 16]);
        let renamed = department.replacen(DEMO_CITY, &place, 1);
        let renamed = if renamed == department { format!("{place}{department}") } else { renamed };
        // Region digits and a serial from the district, the department's own last three.
        let stem = format!("11530{:03}MJ{:04}{}", district % 1000, district / 1000, &credit_code[14..17]);
        (renamed, with_check_character(&stem))
    };
    let code = format!("{credit_code}{}{basic_code}", &code[18..19]);

    value["name"] = Value::from(format!("{name}{}", SUB_ITEMS[sub_item]));
    value["basic_code"] = Value::from(basic_code);
    value["implementation_code"] = Value::from(code);
    value["department"]["name"] = Value::from(department);
    value["department"]["credit_code"] = Value::from(credit_code);
    value
}

/// Completes a 17-character credit code stem with its GB 32100 check character, which
/// the domain's parser reports when given a wrong one.
fn with_check_character(stem: &str) -> String {
    let guess = format!("{stem}0");
    match CreditCode::parse(&guess) {
        Ok(_) => guess,
        Err(CatalogError::CreditCodeChecksum { expected }) => format!("{stem}{expected}"),
        Err(error) => panic!("synthetic credit code stem {stem}: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn synthetic_items_have_distinct_codes_and_begin_with_the_demo() {
        let items = synthetic_catalog(1200);
        assert_eq!(items.len(), 1200);
        assert_eq!(items[0].name().as_str(), "企业设立登记");
        let codes: HashSet<&str> = items.iter().map(|item| item.implementation_code().as_str()).collect();
        assert_eq!(codes.len(), items.len());
        assert!(items.iter().any(|item| item.name().as_str() == "企业设立登记（分支机构）"));
        assert!(items.iter().any(|item| item.department().name().as_str() == "曲靖市五华区市场监督管理局"));
    }
}
