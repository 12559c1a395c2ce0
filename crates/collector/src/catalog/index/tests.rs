//! Searches over the demo catalogue and over small catalogues made for one rule each.

use mingjing_domain::catalog::{CatalogFile, CatalogItem, ItemType, SearchPage};
use serde_json::Value;

use super::{CatalogIndex, SearchQuery, synthetic_catalog};

const DEMO_CATALOG: &str = include_str!("../../../../domain/data/demo-catalog.json");
const COMPANY_REGISTRATION: &str = "11530100MJ0001001W3001030001000";
const POLICE: &str = "11530100MJ00010033";

fn demo_items() -> Vec<CatalogItem> {
    CatalogFile::parse_json(DEMO_CATALOG).unwrap().into_items()
}

fn demo_index() -> CatalogIndex {
    CatalogIndex::build(&demo_items())
}

/// Items named as given, otherwise copies of the first demo item, with codes made from
/// their position so that they are valid and distinct.
fn index_of_names(names: &[&str]) -> CatalogIndex {
    let demo: Value = serde_json::from_str(DEMO_CATALOG).unwrap();
    let items: Vec<CatalogItem> = names
        .iter()
        .enumerate()
        .map(|(serial, name)| {
            let mut value = demo["items"][0].clone();
            let basic_code = format!("001030001{serial:03}");
            value["name"] = Value::from(*name);
            value["implementation_code"] = Value::from(format!("11530100MJ0001001W3{basic_code}"));
            value["basic_code"] = Value::from(basic_code);
            CatalogItem::from_value(&value).unwrap()
        })
        .collect();
    CatalogIndex::build(&items)
}

fn names(page: &SearchPage) -> Vec<&str> {
    page.items.iter().map(|item| item.name.as_str()).collect()
}

fn first_name(index: &CatalogIndex, q: &str) -> Option<String> {
    index.search(&SearchQuery::text(q)).items.first().map(|item| item.name.clone())
}

#[test]
fn chinese_pinyin_and_initials_all_find_company_registration_first() {
    let index = demo_index();
    for q in ["qysl", "qiyesheli", "企业设立", "企业设立登记", "QYSLDJ", " qiye shelidengji ", "qysldj"] {
        assert_eq!(first_name(&index, q).as_deref(), Some("企业设立登记"), "{q}");
    }
}

#[test]
fn pinyin_and_initials_match_inside_the_name() {
    let index = demo_index();
    assert!(names(&index.search(&SearchQuery::text("shelideng"))).contains(&"企业设立登记"));
    assert!(names(&index.search(&SearchQuery::text("sldj"))).contains(&"企业设立登记"));
}

#[test]
fn a_keyword_finds_the_item() {
    let index = demo_index();
    assert_eq!(first_name(&index, "开公司").as_deref(), Some("企业设立登记"));
}

#[test]
fn exact_name_beats_prefix_beats_substring() {
    let index = index_of_names(&["对工伤认定的复核", "工伤认定（复查）", "工伤认定", "工伤认定书补发"]);
    let found = index.search(&SearchQuery::text("工伤认定"));
    assert_eq!(names(&found), ["工伤认定", "工伤认定书补发", "工伤认定（复查）", "对工伤认定的复核"]);
    let found = index.search(&SearchQuery::text("gongshangrending"));
    assert_eq!(names(&found), ["工伤认定", "工伤认定书补发", "工伤认定（复查）", "对工伤认定的复核"]);
}

#[test]
fn equally_good_matches_come_shorter_name_first_then_by_code() {
    let index = index_of_names(&["企业登记乙", "企业登记甲", "企业登记", "企业登记补正"]);
    let found = index.search(&SearchQuery::text("企业登"));
    assert_eq!(names(&found), ["企业登记", "企业登记乙", "企业登记甲", "企业登记补正"]);
}

#[test]
fn any_reading_of_a_polyphonic_character_matches() {
    // 行 reads xing by default; in 银行 it is hang. 长 reads zhang by default.
    let index = index_of_names(&["银行开户许可", "长期居住证明"]);
    for q in ["yinhang", "yinxing", "yhkh", "changqi", "zhangqi", "cqjz"] {
        assert_eq!(index.search(&SearchQuery::text(q)).total, 1, "{q}");
    }
    assert_eq!(first_name(&index, "yinhangkaihuxuke").as_deref(), Some("银行开户许可"));
}

#[test]
fn a_code_or_its_start_finds_items() {
    let index = demo_index();
    let found = index.search(&SearchQuery { per_page: 50, ..SearchQuery::text(POLICE) });
    assert_eq!(found.total, 8);
    assert!(found.items.iter().all(|item| item.code.starts_with(POLICE)));
    let by_basic = index.search(&SearchQuery::text("003030"));
    assert_eq!(names(&by_basic), ["临时居民身份证申领", "户口迁移（市内迁入）", "居民身份证申领（换领、补领）"]);
    let exact = index.search(&SearchQuery::text(&COMPANY_REGISTRATION.to_lowercase()));
    assert_eq!(exact.total, 1);
    assert_eq!(names(&exact), ["企业设立登记"]);
}

#[test]
fn department_filter_takes_the_name_or_the_credit_code() {
    let index = demo_index();
    let by_name = SearchQuery { dept: Some("昆明市公安局".to_owned()), per_page: 50, ..SearchQuery::default() };
    let by_code = SearchQuery { dept: Some(POLICE.to_lowercase()), per_page: 50, ..SearchQuery::default() };
    assert_eq!(index.search(&by_name).total, 8);
    assert_eq!(index.search(&by_name), index.search(&by_code));
    let with_text = SearchQuery { q: Some("身份证".to_owned()), ..by_name };
    assert_eq!(index.search(&with_text).total, 2);
    let unknown = SearchQuery { dept: Some("昆明市不存在局".to_owned()), ..SearchQuery::default() };
    assert_eq!(index.search(&unknown).total, 0);
}

#[test]
fn type_filter_takes_the_two_letter_code_in_either_case() {
    let items = demo_items();
    let index = CatalogIndex::build(&items);
    let licences = items.iter().filter(|item| item.item_type() == ItemType::Licensing).count();
    let query = SearchQuery { item_type: Some("xk".to_owned()), per_page: 50, ..SearchQuery::default() };
    let found = index.search(&query);
    assert_eq!(found.total as usize, licences);
    assert!(found.items.iter().all(|item| item.item_type == "XK"));
    let unknown = SearchQuery { item_type: Some("ZZ".to_owned()), ..SearchQuery::default() };
    assert_eq!(index.search(&unknown).total, 0);
}

#[test]
fn an_empty_query_lists_every_item_by_name_length_then_code() {
    let index = demo_index();
    let everything = index.search(&SearchQuery { q: Some("  ".to_owned()), per_page: 50, ..SearchQuery::default() });
    assert_eq!(everything.total, 62);
    assert_eq!(everything.items.len(), 50);
    let lengths: Vec<usize> = everything.items.iter().map(|item| item.name.chars().count()).collect();
    assert!(lengths.is_sorted());
}

#[test]
fn pages_split_the_same_ordering() {
    let index = demo_index();
    let all = index.search(&SearchQuery { per_page: 50, ..SearchQuery::default() });
    let page_two = index.search(&SearchQuery { page: 2, per_page: 10, ..SearchQuery::default() });
    assert_eq!((page_two.total, page_two.page, page_two.per_page), (62, 2, 10));
    assert_eq!(page_two.items, all.items[10..20]);
    let last = index.search(&SearchQuery { page: 7, per_page: 10, ..SearchQuery::default() });
    assert_eq!(last.items.len(), 2);
    let past_the_end = index.search(&SearchQuery { page: 8, per_page: 10, ..SearchQuery::default() });
    assert_eq!((past_the_end.total, past_the_end.items.len()), (62, 0));
}

#[test]
fn page_and_page_size_are_clamped() {
    let index = demo_index();
    let page = index.search(&SearchQuery { page: 0, per_page: 0, ..SearchQuery::default() });
    assert_eq!((page.page, page.per_page, page.items.len()), (1, 1, 1));
    let page = index.search(&SearchQuery { per_page: 1000, ..SearchQuery::default() });
    assert_eq!((page.per_page, page.items.len()), (50, 50));
}

#[test]
fn a_query_that_matches_nothing_finds_nothing() {
    let index = demo_index();
    for q in ["火星移民许可", "xyzzy", "99999999"] {
        let found = index.search(&SearchQuery::text(q));
        assert_eq!((found.total, found.items.len()), (0, 0), "{q}");
    }
}

#[test]
fn departments_are_distinct_and_sorted_and_codes_look_up_items() {
    let index = demo_index();
    let departments = index.departments();
    assert_eq!(departments.len(), 10);
    assert!(departments.is_sorted());
    assert!(departments.contains(&("昆明市公安局".to_owned(), POLICE.to_owned())));
    assert_eq!(index.get(COMPANY_REGISTRATION).map(|item| item.name.as_str()), Some("企业设立登记"));
    assert!(index.get("11530100MJ0001001W3001030001999").is_none());
    assert_eq!(index.len(), 62);
}

#[test]
fn a_departments_codes_are_every_item_it_implements_in_code_order() {
    let items = synthetic_catalog(2000);
    let index = CatalogIndex::build(&items);
    for (name, _) in index.departments() {
        let mut expected: Vec<String> = items
            .iter()
            .filter(|item| item.department().name().as_str() == name)
            .map(|item| item.implementation_code().as_str().to_owned())
            .collect();
        expected.sort();
        assert!(!expected.is_empty());
        assert_eq!(index.codes_of_department(name), expected, "{name}");
    }
    assert!(index.codes_of_department("没有这个部门").is_empty());
}

#[test]
fn an_index_over_a_synthetic_catalogue_answers_searches() {
    let index = CatalogIndex::build(&synthetic_catalog(2000));
    assert_eq!(index.len(), 2000);
    let found = index.search(&SearchQuery::text("qysl"));
    assert!(found.total >= 4);
    assert_eq!(found.items[0].name, "企业设立登记");
    assert!(index.search(&SearchQuery::text("身份证")).total > 4);
    assert!(index.departments().len() > 10);
}
