//! `mingjing catalog …`: importing the government-service catalogue.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Subcommand;
use mingjing_domain::catalog::CatalogFile;
use serde::Serialize;

use crate::catalog::csv;

use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Import a catalogue file: JSON (format `mingjing-catalog/1`, see crates/domain/schema/)
    /// or, for a name ending in `.csv`, the flat CSV variant (see `catalog template`). All or
    /// nothing: one bad record and nothing changes; every bad record is listed.
    Import {
        file: PathBuf,
        /// Do nothing when a catalogue is already imported (for setting up a demo).
        #[arg(long)]
        if_empty: bool,
        /// Who publishes the catalogue (CSV files only; a JSON file names its publisher).
        #[arg(long)]
        publisher: Option<String>,
        /// Mark a CSV catalogue as demonstration data, which the lookup labels as such.
        #[arg(long)]
        demo: bool,
    },
    /// Print the catalogue in force, as JSON or (`--csv`) as the flat CSV variant.
    Export {
        #[arg(long)]
        csv: bool,
    },
    /// Print an empty CSV catalogue: the header row with every column.
    Template,
}

/// Which variant of the interchange format a body is in.
#[derive(Debug, Clone)]
pub enum CatalogSourceFormat {
    Json,
    Csv { publisher: String, demo: bool },
}

/// One problem with a rejected catalogue, in either variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CatalogProblem {
    /// The 0-based position of the record in a JSON file's `items`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u32>,
    /// The 1-based line of the row in a CSV file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub field: String,
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.record, self.line) {
            (_, Some(line)) => write!(f, "line {line}: ")?,
            (Some(record), None) => write!(f, "record {record}: ")?,
            (None, None) => write!(f, "file: ")?,
        }
        write!(f, "{}: {} ({})", self.field, self.message, self.rule)
    }
}

/// Reads and checks a catalogue in either variant; nothing is stored.
pub fn read_catalog(text: &str, format: &CatalogSourceFormat) -> Result<CatalogFile, Vec<CatalogProblem>> {
    match format {
        CatalogSourceFormat::Json => CatalogFile::parse_json(text).map_err(|errors| {
            errors
                .into_errors()
                .into_iter()
                .map(|e| CatalogProblem {
                    record: e.index,
                    line: None,
                    field: e.field,
                    rule: e.rule,
                    message: e.message,
                })
                .collect()
        }),
        CatalogSourceFormat::Csv { publisher, demo } => csv::parse_csv(text, publisher, *demo).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| CatalogProblem {
                    record: None,
                    line: p.line,
                    field: p.field,
                    rule: p.rule,
                    message: p.message,
                })
                .collect()
        }),
    }
}

pub async fn run(storage: &Storage, cmd: CatalogCommand) -> anyhow::Result<()> {
    match cmd {
        CatalogCommand::Import { file, if_empty, publisher, demo } => {
            if if_empty && storage.catalog_version().await? > 0 {
                println!("a catalogue is already imported; nothing done");
                return Ok(());
            }
            let is_csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let format = match (is_csv, publisher) {
                (true, Some(publisher)) => CatalogSourceFormat::Csv { publisher, demo },
                (true, None) => bail!("a CSV catalogue needs --publisher \"<who publishes it>\""),
                (false, Some(_)) => bail!("--publisher is for CSV files; a JSON catalogue names its own publisher"),
                (false, None) => CatalogSourceFormat::Json,
            };
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let catalog = match read_catalog(&text, &format) {
                Ok(catalog) => catalog,
                Err(problems) => {
                    for problem in &problems {
                        eprintln!("{problem}");
                    }
                    bail!("{} rejected: {} problem(s); the catalogue is unchanged", file.display(), problems.len());
                }
            };
            let outcome = storage.import_catalog(&catalog, &file.display().to_string()).await?;
            println!(
                "imported catalogue version {}: {} items, {} fee or time-limit changes recorded{}",
                outcome.version,
                outcome.items,
                outcome.changes,
                if catalog.demo() { " (demo data)" } else { "" }
            );
        }
        CatalogCommand::Export { csv } => {
            let items: Vec<serde_json::Value> =
                storage.catalog_items().await?.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
            if csv {
                print!("{}", csv::write_csv(&items)?);
            } else {
                let source = storage.catalog_source().await?.unwrap_or_default();
                let file = serde_json::json!({
                    "format": mingjing_domain::catalog::CATALOG_FORMAT,
                    "demo": source.demo,
                    "publisher": source.publisher,
                    "items": items,
                });
                println!("{}", serde_json::to_string_pretty(&file)?);
            }
        }
        CatalogCommand::Template => print!("{}", csv::write_csv(&[])?),
    }
    Ok(())
}
