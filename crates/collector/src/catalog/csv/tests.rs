use mingjing_domain::catalog::{CATALOG_FORMAT, CatalogFile};
use serde_json::{Value, json};

use super::read::yuan_to_fen;
use super::*;

#[test]
fn yuan_become_exact_fen_and_anything_else_is_a_formula() {
    assert_eq!(yuan_to_fen("20"), Some(2000));
    assert_eq!(yuan_to_fen("20.5"), Some(2050));
    assert_eq!(yuan_to_fen("0.01"), Some(1));
    for formula in ["每件80元", "20.001", "-5", ".5", "1e3", ""] {
        assert_eq!(yuan_to_fen(formula), None, "{formula}");
    }
}

fn demo() -> CatalogFile {
    CatalogFile::parse_json(include_str!("../../../../domain/data/demo-catalog.json")).unwrap()
}

#[test]
fn the_demo_catalogue_survives_a_round_trip_through_csv() {
    let file = demo();
    let values: Vec<Value> = file.items().iter().map(|i| serde_json::to_value(i).unwrap()).collect();
    let csv = write_csv(&values).unwrap();
    let back = parse_csv(&csv, file.publisher().as_str(), true).unwrap();
    assert_eq!(back.items(), file.items());
}

#[test]
fn cells_a_spreadsheet_would_run_are_defused_and_import_back_unchanged() {
    let file = demo();
    let mut values: Vec<Value> = file.items().iter().take(2).map(|i| serde_json::to_value(i).unwrap()).collect();
    values[0]["address"] = json!("+86 871 6361 2345（市政务服务中心总机）");
    values[0]["office_hours"] = json!("-");
    values[0]["keywords"] = json!(["=1+1", "'=1+1", "'引号开头"]);
    values[1]["legal_limit"]["note"] = json!("-");
    values[1]["office_hours"] = json!("@工作日 9:00-17:00");
    let expected = CatalogFile::from_value(&json!({
        "format": CATALOG_FORMAT, "demo": true, "publisher": file.publisher().as_str(), "items": values,
    }))
    .unwrap();
    let csv = write_csv(&values).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let at = |column: &str| COLUMNS.iter().position(|c| *c == column).unwrap();
    assert_eq!(&rows[0][at("address")], "'+86 871 6361 2345（市政务服务中心总机）", "{csv}");
    assert_eq!(&rows[0][at("office_hours")], "'-");
    assert_eq!(&rows[0][at("keywords")], "'=1+1\n'=1+1\n'引号开头");
    assert_eq!(&rows[1][at("legal_limit_note")], "'-");
    for cell in rows.iter().flat_map(|r| r.iter()) {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
    }
    let back = parse_csv(&csv, file.publisher().as_str(), true).unwrap();
    assert_eq!(back.items(), expected.items());
}

#[test]
fn bad_rows_are_named_by_line_and_column() {
    let file = demo();
    let values: Vec<Value> = file.items().iter().take(3).map(|i| serde_json::to_value(i).unwrap()).collect();
    let csv = write_csv(&values).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for (i, record) in reader.records().enumerate() {
        let mut record: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if i == 1 {
            record[COLUMNS.iter().position(|c| *c == "legal_limit_amount").unwrap()] = "three".to_owned();
        }
        if i == 2 {
            record[COLUMNS.iter().position(|c| *c == "online_handling").unwrap()] = "maybe".to_owned();
        }
        writer.write_record(&record).unwrap();
    }
    let broken = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let problems = parse_csv(&broken, "某局", false).unwrap_err();
    let found: Vec<(Option<u64>, &str)> = problems.iter().map(|p| (p.line, p.field.as_str())).collect();
    // Rows start on line 2; multi-line cells make later rows start further down.
    assert_eq!(found.len(), 2, "{problems:?}");
    assert_eq!(found[0].1, "legal_limit.amount");
    assert_eq!(found[1].1, "online_handling");
    assert!(found[0].0.unwrap() > 2 && found[1].0.unwrap() > found[0].0.unwrap(), "{found:?}");
}

#[test]
fn an_unknown_column_is_refused_before_any_row() {
    let problems = parse_csv("name,colour\n企业设立登记,red\n", "某局", false).unwrap_err();
    assert_eq!(problems[0].rule, "unknown_column");
    assert!(problems[0].message.contains("colour"));
}
