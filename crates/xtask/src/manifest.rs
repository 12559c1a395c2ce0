//! `pkg/manifest.json`: each file's size raw, gzipped and brotli'd, and its SRI hash.
//!
//! The sizes show what a department site's visitors download; the hashes let a site pin the
//! exact files with `integrity="sha384-…"`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha384};

use crate::util::{self, format_size};

pub const FILE_NAME: &str = "manifest.json";

/// How hard to compress when measuring: the shipping sizes need the best settings, which are
/// slow on a multi-megabyte dev build (and in xtask's own unoptimised build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// gzip -9 and brotli quality 11, as for files compressed once and served many times.
    Best,
    /// gzip -6 and brotli quality 5: rough sizes, quickly.
    Fast,
}

impl Effort {
    fn name(self) -> &'static str {
        match self {
            Effort::Best => "best",
            Effort::Fast => "fast",
        }
    }

    fn gzip_level(self) -> u32 {
        match self {
            Effort::Best => 9,
            Effort::Fast => 6,
        }
    }

    fn brotli_quality(self) -> u32 {
        match self {
            Effort::Best => 11,
            Effort::Fast => 5,
        }
    }
}

/// One file's entry in the manifest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// What the manifest says, for the summary line.
#[derive(Debug)]
pub struct Summary {
    pub files: usize,
    pub sizes: BTreeMap<String, Sizes>,
}

impl Summary {
    /// `mingjing_widgets_bg.wasm 231.0 KiB raw / 99.0 KiB gzip / 83.0 KiB brotli; all 5 files …`.
    pub fn line(&self, wasm: &str) -> String {
        let show = |s: &Sizes| {
            format!("{} raw / {} gzip / {} brotli", format_size(s.raw), format_size(s.gzip), format_size(s.brotli))
        };
        let total = self.sizes.values().fold(Sizes::default(), |sum, s| Sizes {
            raw: sum.raw + s.raw,
            gzip: sum.gzip + s.gzip,
            brotli: sum.brotli + s.brotli,
        });
        let wasm_sizes = self.sizes.get(wasm).copied().unwrap_or_default();
        format!("size: {wasm} {}; all {} files {}", show(&wasm_sizes), self.files, show(&total))
    }
}

/// Writes `manifest.json` for every other file under `pkg`, and beside each file its gzip
/// (`.gz`) and brotli (`.br`) forms, which the collector serves to browsers that accept them.
pub fn write(pkg: &Path, effort: Effort) -> anyhow::Result<Summary> {
    let mut entries = serde_json::Map::new();
    let mut sizes = BTreeMap::new();
    for relative in util::files_under(pkg)? {
        let name = relative.to_string_lossy().replace('\\', "/");
        if name == FILE_NAME || name.ends_with(".gz") || name.ends_with(".br") {
            continue;
        }
        let path = pkg.join(&relative);
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", relative.display()))?;
        let (gzipped, brotlied) = (gzip(&bytes, effort)?, brotli(&bytes, effort)?);
        for (suffix, compressed) in [("gz", &gzipped), ("br", &brotlied)] {
            let mut target = path.clone().into_os_string();
            target.push(format!(".{suffix}"));
            fs::write(&target, compressed).with_context(|| format!("cannot write {}.{suffix}", relative.display()))?;
        }
        let file_sizes = Sizes { raw: bytes.len() as u64, gzip: gzipped.len() as u64, brotli: brotlied.len() as u64 };
        entries.insert(
            name.clone(),
            serde_json::json!({
                "bytes": file_sizes.raw,
                "gzip": file_sizes.gzip,
                "brotli": file_sizes.brotli,
                "integrity": integrity(&bytes),
            }),
        );
        sizes.insert(name, file_sizes);
    }
    let manifest =
        serde_json::json!({ "generated_by": "cargo xtask build", "compression": effort.name(), "files": entries });
    let path = pkg.join(FILE_NAME);
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Summary { files: sizes.len(), sizes })
}

/// The Subresource Integrity value browsers check: `sha384-<base64 of the digest>`.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", STANDARD.encode(Sha384::digest(bytes)))
}

fn gzip(bytes: &[u8], effort: Effort) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(effort.gzip_level()));
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn brotli(bytes: &[u8], effort: Effort) -> anyhow::Result<Vec<u8>> {
    let mut compressed = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut compressed, 4096, effort.brotli_quality(), 22);
        encoder.write_all(bytes)?;
        encoder.flush()?;
    }
    Ok(compressed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_sha384_in_base64_as_openssl_computes_it() {
        // `printf 'alert(1)' | openssl dgst -sha384 -binary | base64`
        assert_eq!(integrity(b"alert(1)"), "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW");
    }

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_text() {
        let text = "mingjing ".repeat(1000);
        for effort in [Effort::Best, Effort::Fast] {
            assert!(gzip(text.as_bytes(), effort).unwrap().len() < 200);
            assert!(brotli(text.as_bytes(), effort).unwrap().len() < 100);
        }
    }
}
