//! What a department page downloads, from `pkg/manifest.json` after a release build: the
//! review form alone, and the full suite of widgets.

use std::path::Path;

use anyhow::Context;
use serde_json::Value;

use crate::manifest::{self, Sizes};
use crate::widgets::{REVIEW_PAGE_BUDGET_BROTLI, REVIEW_PAGE_FILES};

/// The files a page with any suite-only widget fetches (the loader picks the suite then).
pub const SUITE_PAGE_FILES: [&str; 5] = [
    "mingjing.js",
    "mingjing.css",
    "mingjing-suite.css",
    "suite/mingjing_widgets.js",
    "suite/mingjing_widgets_bg.wasm",
];

/// A comparable US federal feedback widget ships about this much, uncompressed, per form.
pub const FEDERAL_WIDGET_RAW: u64 = 430_000;

/// One page's download, file by file.
#[derive(Debug, Clone)]
pub struct Page {
    pub name: &'static str,
    pub files: Vec<(&'static str, Sizes)>,
}

impl Page {
    pub fn total(&self) -> Sizes {
        self.files.iter().fold(Sizes::default(), |sum, (_, s)| Sizes {
            raw: sum.raw + s.raw,
            gzip: sum.gzip + s.gzip,
            brotli: sum.brotli + s.brotli,
        })
    }
}

#[derive(Debug, Clone)]
pub struct BundleWeight {
    pub review: Page,
    pub suite: Page,
    pub budget_brotli: u64,
    /// The manifest's compression effort (`best` for a release build).
    pub compression: String,
}

impl BundleWeight {
    pub fn within_budget(&self) -> bool {
        self.review.total().brotli <= self.budget_brotli
    }
}

/// Reads the sizes the release build wrote into `pkg/manifest.json`.
pub fn measure(pkg: &Path) -> anyhow::Result<BundleWeight> {
    let path = pkg.join(manifest::FILE_NAME);
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let manifest: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let page = |name: &'static str, files: &[&'static str]| -> anyhow::Result<Page> {
        let files = files.iter().map(|file| Ok((*file, sizes(&manifest, file)?))).collect::<anyhow::Result<_>>()?;
        Ok(Page { name, files })
    };
    Ok(BundleWeight {
        review: page("review form only", &REVIEW_PAGE_FILES)?,
        suite: page("full suite", &SUITE_PAGE_FILES)?,
        budget_brotli: REVIEW_PAGE_BUDGET_BROTLI,
        compression: manifest.get("compression").and_then(Value::as_str).unwrap_or("unknown").to_owned(),
    })
}

fn sizes(manifest: &Value, file: &str) -> anyhow::Result<Sizes> {
    let entry = manifest
        .get("files")
        .and_then(|files| files.get(file))
        .with_context(|| format!("{} lists no {file}", manifest::FILE_NAME))?;
    let number = |name: &str| entry.get(name).and_then(Value::as_u64).with_context(|| format!("{file}: no {name}"));
    Ok(Sizes { raw: number("bytes")?, gzip: number("gzip")?, brotli: number("brotli")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_total_adds_its_files() {
        let page = Page {
            name: "p",
            files: vec![("a", Sizes { raw: 10, gzip: 5, brotli: 4 }), ("b", Sizes { raw: 20, gzip: 8, brotli: 6 })],
        };
        let total = page.total();
        assert_eq!((total.raw, total.gzip, total.brotli), (30, 13, 10));
    }

    #[test]
    fn sizes_come_from_the_manifest_entry() {
        let manifest = serde_json::json!({ "files": { "mingjing.js": { "bytes": 3, "gzip": 2, "brotli": 1 } } });
        let s = sizes(&manifest, "mingjing.js").unwrap();
        assert_eq!((s.raw, s.gzip, s.brotli), (3, 2, 1));
        assert!(sizes(&manifest, "mingjing.css").is_err());
    }
}
