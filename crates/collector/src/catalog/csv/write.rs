use mingjing_domain::catalog::Fen;
use serde_json::Value;

use super::COLUMNS;
use crate::files::safe_csv::SafeCsvWriter;

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
