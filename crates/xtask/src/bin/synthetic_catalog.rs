//! Writes a generated service catalogue in the interchange format (`mingjing-catalog/1`), for
//! `cargo xtask bench` to import and search: `synthetic-catalog --items 100000 FILE`.
//!
//! The items come from the collector's own generator, the one its index tests use, so the
//! benchmark searches the same kind of catalogue they do.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use mingjing_collector::catalog::index::synthetic_catalog;

#[derive(Debug, Parser)]
#[command(about = "Write a generated service catalogue (demo data) for benchmarks")]
struct Args {
    /// How many items.
    #[arg(long, default_value_t = 100_000)]
    items: u32,
    /// The catalogue file to write.
    file: PathBuf,
}

const PUBLISHER: &str =
    "cargo xtask bench（生成的演示数据，非官方目录） generated demo data, not an official catalogue";

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let items = synthetic_catalog(args.items);
    let file = File::create(&args.file).with_context(|| format!("cannot create {}", args.file.display()))?;
    let mut out = BufWriter::new(file);
    // Item by item, so a large catalogue never sits in memory twice, as text and as values.
    let header = serde_json::json!({ "format": "mingjing-catalog/1", "demo": true, "publisher": PUBLISHER });
    let header = serde_json::to_string(&header)?;
    let open = header.strip_suffix('}').context("a JSON object ends with '}'")?;
    write!(out, "{open},\"items\":[")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, item)?;
    }
    out.write_all(b"]}\n")?;
    out.flush().with_context(|| format!("cannot write {}", args.file.display()))?;
    Ok(())
}
