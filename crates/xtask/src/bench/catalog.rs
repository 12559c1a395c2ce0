//! The generated catalogue the search benchmark imports: the collector's own synthetic
//! catalogue (`catalog_index::synthetic_catalog`), written by xtask's `synthetic-catalog`
//! binary, which is the only part of xtask that links the collector.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::util::{self, say};

/// Writes a catalogue of `items` items into `work` and returns its path.
pub fn generate(work: &Path, items: u32) -> anyhow::Result<PathBuf> {
    let file = work.join(format!("catalog-{items}.json"));
    say(format!("generating a {items}-item catalogue (demo data) into {}", file.display()));
    let started = Instant::now();
    let mut generate = util::cargo();
    generate
        .args(["run", "--quiet", "-p", "xtask", "--features", "synthetic-catalog", "--bin", "synthetic-catalog"])
        .args(["--", "--items", &items.to_string()])
        .arg(&file);
    util::run(&mut generate)?;
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    say(format!(
        "wrote {} ({:.0} MB) in {}",
        file.display(),
        size as f64 / 1e6,
        util::format_duration(started.elapsed())
    ));
    Ok(file)
}
