//! `mingjing catalog …`: importing the government-service catalogue.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Subcommand;
use mingjing_domain::catalog::CatalogFile;

use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Import a catalogue file (format `mingjing-catalog/1`, see crates/domain/schema/). All or
    /// nothing: one bad record and nothing changes; every bad record is listed.
    Import {
        file: PathBuf,
        /// Do nothing when a catalogue is already imported (for setting up a demo).
        #[arg(long)]
        if_empty: bool,
    },
}

pub async fn run(storage: &Storage, cmd: CatalogCommand) -> anyhow::Result<()> {
    match cmd {
        CatalogCommand::Import { file, if_empty } => {
            if if_empty && storage.catalog_version().await? > 0 {
                println!("a catalogue is already imported; nothing done");
                return Ok(());
            }
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let catalog = match CatalogFile::parse_json(&text) {
                Ok(catalog) => catalog,
                Err(errors) => {
                    for e in errors.errors() {
                        let at = e.index.map_or("file".to_owned(), |i| format!("record {i}"));
                        eprintln!("{at}: {}: {} ({})", e.field, e.message, e.rule);
                    }
                    bail!(
                        "{} rejected: {} problem(s); the catalogue is unchanged",
                        file.display(),
                        errors.errors().len()
                    );
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
    }
    Ok(())
}
