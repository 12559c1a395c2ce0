//! The flat CSV variant of the catalogue interchange format, for departments that keep their
//! catalogue in a spreadsheet. One row per item under a header row of the column names
//! below (UTF-8, an Excel byte-order mark is fine). A list goes in one cell, one entry per
//! line; an entry with parts separates them with `|`:
//!
//! | column | one line |
//! |---|---|
//! | `legal_basis`, `acceptance_conditions`, `keywords` | a text |
//! | `steps` | `name \| description` |
//! | `materials` | `name \| required (是/否) \| paper/electronic/both \| copies \| source \| blank form URL \| sample URL` |
//! | `forms` | `name \| URL` |
//! | `fees` | `name \| amount in yuan (20.00) or a formula \| legal basis \| reductions` |
//! | `intermediary_services` | `name \| legal basis \| conditions \| steps \| amount \| unit \| note \| fee` |
//! | `certificates_required` | `name \| issuer \| legal basis` |
//!
//! A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) is exported with a `'` in front, which the import takes off
//! again (see [`crate::files::safe_csv`]).
//!
//! Each row becomes an item of the JSON format and goes through the very same checks, so
//! the two variants cannot accept different catalogues. Problems name the row's line.

use mingjing_domain::catalog::{CATALOG_FORMAT, CatalogFile, Fen, ImportError};
use serde_json::{Map, Value, json};

use crate::files::safe_csv::{self, SafeCsvWriter};

/// The columns, in the order a blank template lists them.
pub const COLUMNS: [&str; 34] = [
    "basic_code",
    "implementation_code",
    "name",
    "type",
    "legal_basis",
    "authority_level",
    "authority_description",
    "department_name",
    "department_credit_code",
    "legal_limit_amount",
    "legal_limit_unit",
    "legal_limit_note",
    "promised_limit_amount",
    "promised_limit_unit",
    "promised_limit_note",
    "acceptance_conditions",
    "steps",
    "materials",
    "forms",
    "fees",
    "result_kind",
    "result_name",
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

/// A problem with a CSV catalogue, by the line a spreadsheet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The 1-based line of the row (the header is line 1); `None` for the file as a whole.
    pub line: Option<u64>,
    pub field: String,
    pub rule: String,
    pub message: String,
}

/// Reads a CSV catalogue and checks it exactly as a JSON one.
pub fn parse_csv(text: &str, publisher: &str, demo: bool) -> Result<CatalogFile, Vec<CsvProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let file_problem =
        |rule: &str, message: String| CsvProblem { line: None, field: String::new(), rule: rule.to_owned(), message };
    let headers = reader.headers().map_err(|e| vec![file_problem("invalid_csv", e.to_string())])?.clone();
    let unknown: Vec<&str> = headers.iter().filter(|h| !COLUMNS.contains(h)).collect();
    if !unknown.is_empty() {
        return Err(vec![file_problem("unknown_column", format!("unknown column(s): {}", unknown.join(", ")))]);
    }
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(csv::Position::line);
            vec![CsvProblem { line, field: String::new(), rule: "invalid_csv".to_owned(), message: e.to_string() }]
        })?;
        let cells: Map<String, Value> =
            headers.iter().zip(record.iter()).map(|(h, v)| (h.to_owned(), Value::from(cell_text(v)))).collect();
        lines.push(record.position().map_or(0, csv::Position::line));
        items.push(item_of(&cells));
    }
    let value = json!({ "format": CATALOG_FORMAT, "demo": demo, "publisher": publisher, "items": items });
    CatalogFile::from_value(&value)
        .map_err(|errors| errors.into_errors().into_iter().map(|e| problem(e, &lines)).collect())
}

/// A cell's text: as this module's export wrote it ([`safe_csv::restore`] takes off the `'`
/// that keeps a spreadsheet from running it), without surrounding whitespace.
fn cell_text(raw: &str) -> &str {
    safe_csv::restore(raw).trim()
}

/// An importer error, re-addressed to the CSV line and column it came from.
fn problem(error: ImportError, lines: &[u64]) -> CsvProblem {
    let line = error.index.and_then(|i| lines.get(i as usize).copied());
    let field = match error.index {
        Some(i) => error.field.strip_prefix(&format!("items[{i}].")).unwrap_or(&error.field).to_owned(),
        None => error.field,
    };
    CsvProblem { line, field, rule: error.rule, message: error.message }
}

fn cell<'a>(cells: &'a Map<String, Value>, column: &str) -> &'a str {
    cells.get(column).and_then(Value::as_str).unwrap_or_default()
}

/// The non-blank lines of a list cell.
fn entries<'a>(cells: &'a Map<String, Value>, column: &str) -> Vec<&'a str> {
    cell(cells, column).lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

fn parts(entry: &str) -> Vec<&str> {
    entry.split('|').map(str::trim).collect()
}

fn part(parts: &[&str], i: usize) -> Value {
    Value::from(parts.get(i).copied().unwrap_or_default())
}

/// An optional part: absent when blank, so the importer sees no field rather than "".
fn optional(object: &mut Map<String, Value>, key: &str, parts: &[&str], i: usize) {
    if let Some(text) = parts.get(i).filter(|t| !t.is_empty()) {
        object.insert(key.to_owned(), Value::from(*text));
    }
}

/// A number where the format wants one; anything else is passed on as text so that the
/// importer names the field and the rule.
fn number(text: &str) -> Value {
    text.parse::<u64>().map_or_else(|_| Value::from(text), Value::from)
}

fn flag(text: &str) -> Value {
    match text.to_lowercase().as_str() {
        "是" | "true" | "yes" | "y" | "1" => Value::Bool(true),
        "否" | "false" | "no" | "n" | "0" => Value::Bool(false),
        _ => Value::from(text),
    }
}

/// `20`, `20.5` or `20.00` yuan in fen, exactly; `None` for anything else (a formula).
fn yuan_to_fen(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 2 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents = format!("{fraction:0<2}").parse::<u64>().ok()?;
    whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(cents)
}

fn limit(cells: &Map<String, Value>, prefix: &str) -> Value {
    let mut limit = Map::new();
    limit.insert("amount".into(), number(cell(cells, &format!("{prefix}_amount"))));
    limit.insert("unit".into(), Value::from(cell(cells, &format!("{prefix}_unit"))));
    let note = cell(cells, &format!("{prefix}_note"));
    if !note.is_empty() {
        limit.insert("note".into(), Value::from(note));
    }
    Value::Object(limit)
}

fn item_of(cells: &Map<String, Value>) -> Value {
    let texts = |column: &str| Value::from(entries(cells, column));
    let steps: Vec<Value> = entries(cells, "steps")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            json!({ "name": part(&p, 0), "description": part(&p, 1) })
        })
        .collect();
    let materials: Vec<Value> = entries(cells, "materials")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            let mut m = Map::new();
            m.insert("name".into(), part(&p, 0));
            m.insert("required".into(), flag(p.get(1).copied().unwrap_or_default()));
            m.insert("form".into(), part(&p, 2));
            m.insert("copies".into(), number(p.get(3).copied().unwrap_or_default()));
            m.insert("source".into(), part(&p, 4));
            optional(&mut m, "blank_form_url", &p, 5);
            optional(&mut m, "sample_url", &p, 6);
            Value::Object(m)
        })
        .collect();
    let forms: Vec<Value> = entries(cells, "forms")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            json!({ "name": part(&p, 0), "url": part(&p, 1) })
        })
        .collect();
    let fees: Vec<Value> = entries(cells, "fees")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            let mut f = Map::new();
            f.insert("name".into(), part(&p, 0));
            let standard = p.get(1).copied().unwrap_or_default();
            match yuan_to_fen(standard) {
                Some(fen) => f.insert("amount_fen".into(), Value::from(fen)),
                None => f.insert("formula".into(), Value::from(standard)),
            };
            f.insert("legal_basis".into(), part(&p, 2));
            optional(&mut f, "reductions", &p, 3);
            Value::Object(f)
        })
        .collect();
    let intermediary: Vec<Value> = entries(cells, "intermediary_services")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            let mut time_limit = Map::new();
            time_limit.insert("amount".into(), number(p.get(4).copied().unwrap_or_default()));
            time_limit.insert("unit".into(), part(&p, 5));
            optional(&mut time_limit, "note", &p, 6);
            json!({
                "name": part(&p, 0), "legal_basis": part(&p, 1), "conditions": part(&p, 2), "steps": part(&p, 3),
                "time_limit": Value::Object(time_limit), "fee": part(&p, 7),
            })
        })
        .collect();
    let certificates: Vec<Value> = entries(cells, "certificates_required")
        .into_iter()
        .map(|e| {
            let p = parts(e);
            let mut c = Map::new();
            c.insert("name".into(), part(&p, 0));
            c.insert("issuer".into(), part(&p, 1));
            optional(&mut c, "legal_basis", &p, 2);
            Value::Object(c)
        })
        .collect();
    json!({
        "basic_code": cell(cells, "basic_code"),
        "implementation_code": cell(cells, "implementation_code"),
        "name": cell(cells, "name"),
        "type": cell(cells, "type"),
        "legal_basis": texts("legal_basis"),
        "authority": { "level": cell(cells, "authority_level"), "description": cell(cells, "authority_description") },
        "department": { "name": cell(cells, "department_name"), "credit_code": cell(cells, "department_credit_code") },
        "legal_limit": limit(cells, "legal_limit"),
        "promised_limit": limit(cells, "promised_limit"),
        "acceptance_conditions": texts("acceptance_conditions"),
        "steps": steps,
        "materials": materials,
        "forms": forms,
        "fees": fees,
        "result": { "kind": cell(cells, "result_kind"), "name": cell(cells, "result_name") },
        "handling_form": cell(cells, "handling_form"),
        "visits": cell(cells, "visits"),
        "online_handling": flag(cell(cells, "online_handling")),
        "online_payment": flag(cell(cells, "online_payment")),
        "address": cell(cells, "address"),
        "office_hours": cell(cells, "office_hours"),
        "consultation_phone": cell(cells, "consultation_phone"),
        "complaint_phone": cell(cells, "complaint_phone"),
        "keywords": texts("keywords"),
        "intermediary_services": intermediary,
        "certificates_required": certificates,
        "effective_from": cell(cells, "effective_from"),
    })
}

/// Writes items of the interchange format as CSV rows under the header, the inverse of
/// [`parse_csv`]: a department can export its catalogue, edit it in a spreadsheet and
/// import it again.
pub fn write_csv(items: &[Value]) -> Result<String, csv::Error> {
    let mut writer = SafeCsvWriter::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for item in items {
        writer.write_record(COLUMNS.iter().map(|column| cell_of(item, column)))?;
    }
    let bytes = writer.into_inner()?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(true) => "是".to_owned(),
        Value::Bool(false) => "否".to_owned(),
        other => other.to_string(),
    }
}

/// One line per list entry, its parts joined with ` | `.
fn list(item: &Value, key: &str, line: impl Fn(&Value) -> Vec<String>) -> String {
    let entries = item[key].as_array().map(Vec::as_slice).unwrap_or_default();
    entries.iter().map(|e| line(e).join(" | ").trim_end_matches([' ', '|']).to_owned()).collect::<Vec<_>>().join("\n")
}

fn fields(entry: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| text(&entry[*k])).collect()
}

fn cell_of(item: &Value, column: &str) -> String {
    let limit = |key: &str, part: &str| text(&item[key][part]);
    match column {
        "legal_basis" | "acceptance_conditions" | "keywords" => list(item, column, |e| vec![text(e)]),
        "authority_level" => text(&item["authority"]["level"]),
        "authority_description" => text(&item["authority"]["description"]),
        "department_name" => text(&item["department"]["name"]),
        "department_credit_code" => text(&item["department"]["credit_code"]),
        "legal_limit_amount" => limit("legal_limit", "amount"),
        "legal_limit_unit" => limit("legal_limit", "unit"),
        "legal_limit_note" => limit("legal_limit", "note"),
        "promised_limit_amount" => limit("promised_limit", "amount"),
        "promised_limit_unit" => limit("promised_limit", "unit"),
        "promised_limit_note" => limit("promised_limit", "note"),
        "steps" => list(item, column, |e| fields(e, &["name", "description"])),
        "materials" => list(item, column, |e| {
            fields(e, &["name", "required", "form", "copies", "source", "blank_form_url", "sample_url"])
        }),
        "forms" => list(item, column, |e| fields(e, &["name", "url"])),
        "fees" => list(item, column, |e| {
            let standard = match e["amount_fen"].as_u64().and_then(|fen| Fen::new(fen).ok()) {
                Some(fen) => fen.yuan(),
                None => text(&e["formula"]),
            };
            vec![text(&e["name"]), standard, text(&e["legal_basis"]), text(&e["reductions"])]
        }),
        "intermediary_services" => list(item, column, |e| {
            let mut parts = fields(e, &["name", "legal_basis", "conditions", "steps"]);
            parts.extend(fields(&e["time_limit"], &["amount", "unit", "note"]));
            parts.push(text(&e["fee"]));
            parts
        }),
        "certificates_required" => list(item, column, |e| fields(e, &["name", "issuer", "legal_basis"])),
        "result_kind" => text(&item["result"]["kind"]),
        "result_name" => text(&item["result"]["name"]),
        other => text(&item[other]),
    }
}

#[cfg(test)]
mod tests {
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
        CatalogFile::parse_json(include_str!("../../../domain/data/demo-catalog.json")).unwrap()
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
}
