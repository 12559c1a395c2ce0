//! `cargo xtask build`: the widget bundle in `pkg/`.
//!
//! rustc's wasm goes through Debian's `wasm-opt` first (binaryen 108 cannot read wasm-bindgen's
//! output), then through wasm-bindgen as a library, so no CLI has to be installed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use wasm_bindgen_cli_support::Bindgen;

use crate::deps::{self, Need, WASM_TARGET};
use crate::manifest;
use crate::util::{self, TempDir, say};

const CRATE: &str = "mingjing-widgets";
const STEM: &str = "mingjing_widgets";

/// The wasm features rustc enables by default for wasm32-unknown-unknown. Naming them (instead
/// of `--all-features`) keeps wasm-opt from using anything older browsers lack.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// The size-optimised `wasm` profile, then `wasm-opt -Os`.
    Release,
    /// The dev profile, without wasm-opt: quick to build, large to ship.
    Dev,
}

/// Where the bundle goes: `pkg/` at the workspace root.
pub fn pkg_dir() -> PathBuf {
    util::workspace_root().join("pkg")
}

/// Builds the bundle into `pkg/` and writes its manifest.
pub fn build(profile: Profile) -> anyhow::Result<()> {
    let started = Instant::now();
    deps::ensure_wasm_target()?;
    if profile == Profile::Release {
        deps::ensure(&[Need::Binaryen])?;
    }

    let (cargo_profile, profile_dir) = match profile {
        Profile::Release => ("wasm", "wasm"),
        Profile::Dev => ("dev", "debug"),
    };
    say(format!("compiling {CRATE} for {WASM_TARGET} (profile {cargo_profile})"));
    util::run(util::cargo().args(["build", "--profile", cargo_profile, "--target", WASM_TARGET, "-p", CRATE]))?;
    let rustc_wasm = util::target_dir().join(WASM_TARGET).join(profile_dir).join(format!("{STEM}.wasm"));
    if !rustc_wasm.is_file() {
        bail!("cargo finished but {} is missing (is {CRATE} a cdylib?)", rustc_wasm.display());
    }

    let staging = TempDir::new("mingjing-xtask-build")?;
    let glue = staging.path().join("bindgen");
    match profile {
        Profile::Release => {
            let optimised = wasm_opt(&rustc_wasm, &staging.path().join(format!("{STEM}.wasm")))?;
            if let Err(e) = bindgen(&optimised, &glue) {
                // Optimising before wasm-bindgen is the fragile part of this pipeline: better a
                // big bundle that works (and a loud warning) than no bundle for the tests.
                eprintln!(
                    "xtask: WARNING: wasm-bindgen cannot read wasm-opt's output ({e:#}); shipping the unoptimised wasm"
                );
                bindgen(&rustc_wasm, &glue)?;
            }
        }
        Profile::Dev => bindgen(&rustc_wasm, &glue)?,
    }

    let pkg = pkg_dir();
    if pkg.exists() {
        fs::remove_dir_all(&pkg).with_context(|| format!("cannot clear {}", pkg.display()))?;
    }
    fs::create_dir_all(&pkg).with_context(|| format!("cannot create {}", pkg.display()))?;
    for name in [format!("{STEM}.js"), format!("{STEM}_bg.wasm")] {
        copy(&glue.join(&name), &pkg.join(&name))?;
    }
    copy_assets(&pkg)?;

    let manifest_started = Instant::now();
    let effort = match profile {
        Profile::Release => manifest::Effort::Best,
        Profile::Dev => manifest::Effort::Fast,
    };
    let summary = manifest::write(&pkg, effort)?;
    say(format!("wrote {} in {}", manifest::FILE_NAME, util::format_duration(manifest_started.elapsed())));
    say(format!("wrote {} ({} files) in {}", pkg.display(), summary.files, util::format_duration(started.elapsed())));
    say(summary.line(&format!("{STEM}_bg.wasm")));
    Ok(())
}

/// Runs Debian binaryen's wasm-opt on rustc's output.
///
/// `-Os`, not `-Oz`: `-Oz` adds merge-similar-functions, which folds wasm-bindgen's descriptor
/// functions into one with a parameter that wasm-bindgen's interpreter cannot follow ("failed to
/// find `0` in function table"). `-Os` is within about 1% of `-Oz` raw and no larger brotli'd.
fn wasm_opt(input: &Path, output: &Path) -> anyhow::Result<PathBuf> {
    say("shrinking the wasm with wasm-opt -Os (before wasm-bindgen: binaryen 108 cannot read its output)");
    let started = Instant::now();
    util::run(Command::new("wasm-opt").arg("-Os").args(WASM_OPT_FEATURES).arg(input).arg("-o").arg(output))?;
    say(format!(
        "wasm-opt: {} -> {} in {}",
        util::format_size(file_len(input)?),
        util::format_size(file_len(output)?),
        util::format_duration(started.elapsed())
    ));
    Ok(output.to_path_buf())
}

/// Generates the `--target web` glue into `out`, turning wasm-bindgen's panics into errors.
fn bindgen(input: &Path, out: &Path) -> anyhow::Result<()> {
    say(format!("generating the JavaScript glue with wasm-bindgen (--target web) from {}", input.display()));
    let started = Instant::now();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| {
        Bindgen::new().input_path(input).out_name(STEM).web(true)?.omit_default_module_path(false).generate(out)
    });
    std::panic::set_hook(default_hook);
    match result {
        Ok(generated) => generated.context("wasm-bindgen failed")?,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("no message");
            bail!("wasm-bindgen panicked: {message}");
        }
    }
    say(format!("wasm-bindgen took {}", util::format_duration(started.elapsed())));
    Ok(())
}

/// Copies the hand-written files (the loader, the stylesheet, …) next to the generated ones.
fn copy_assets(pkg: &Path) -> anyhow::Result<()> {
    let assets = util::workspace_root().join("crates/widgets/assets");
    if !assets.is_dir() {
        say(format!("no {} yet; copying no assets", assets.display()));
        return Ok(());
    }
    let files = util::files_under(&assets)?;
    for file in &files {
        let to = pkg.join(file);
        if to.exists() {
            bail!("asset {} would overwrite a generated file", file.display());
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        copy(&assets.join(file), &to)?;
    }
    let names: Vec<String> = files.iter().map(|file| file.display().to_string()).collect();
    say(format!("copied {} assets: {}", files.len(), names.join(", ")));
    Ok(())
}

fn file_len(path: &Path) -> anyhow::Result<u64> {
    Ok(fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len())
}

fn copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::copy(from, to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}
