use mingjing_domain::catalog::{CATALOG_FORMAT, CatalogFile, ImportError};
use serde_json::{Map, Value, json};

use super::COLUMNS;
use crate::files::safe_csv;

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
pub(super) fn yuan_to_fen(text: &str) -> Option<u64> {
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
