//! `cargo xtask build`: the widget bundles in `pkg/`.
//!
//! Two bundles are built from the one widgets crate: `review/` holds only the review form,
//! which is all most department pages show, and `suite/` holds every widget. The loader
//! (`assets/mingjing.js`) picks the smaller one when it can. Each goes through wasm-bindgen
//! as a library, then through binaryen's `wasm-opt -Oz` (version 132 from npm: Debian's 108
//! cannot read wasm-bindgen's output, and optimising before wasm-bindgen breaks its
//! descriptors). The review page's total is held to a budget; a bigger bundle fails the build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use wasm_bindgen_cli_support::Bindgen;

use crate::deps::{self, WASM_TARGET};
use crate::manifest;
use crate::npm_tools;
use crate::util::{self, TempDir, say};

const CRATE: &str = "mingjing-widgets";
const STEM: &str = "mingjing_widgets";

/// What a page that shows only the review form downloads, brotli'd: the budget of issue 7.
pub const REVIEW_PAGE_BUDGET_BROTLI: u64 = 120_000;

/// The files a review-only page fetches.
pub const REVIEW_PAGE_FILES: [&str; 4] =
    ["mingjing.js", "mingjing.css", "review/mingjing_widgets.js", "review/mingjing_widgets_bg.wasm"];

/// A bundle: its folder under `pkg/` and the crate features it is built with.
struct Bundle {
    dir: &'static str,
    features: &'static str,
}

const BUNDLES: [Bundle; 2] = [
    Bundle { dir: "review", features: "review" },
    Bundle { dir: "suite", features: "review,lookup,supervisor,stats,desk" },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// The size-optimised `wasm` profile, then `wasm-opt -Oz`.
    Release,
    /// The dev profile, without wasm-opt: quick to build, large to ship.
    Dev,
}

/// Where the bundle goes: `pkg/` at the workspace root.
pub fn pkg_dir() -> PathBuf {
    util::workspace_root().join("pkg")
}

/// Builds the bundles into `pkg/`, writes the manifest, and checks the review page budget.
pub fn build(profile: Profile) -> anyhow::Result<()> {
    let review_page = build_measured(profile)?;
    if profile == Profile::Release && review_page > REVIEW_PAGE_BUDGET_BROTLI {
        bail!(
            "the review form page is {review_page} bytes brotli'd, over its budget of {REVIEW_PAGE_BUDGET_BROTLI}: \
             shrink the review bundle (see `twiggy top pkg/review/mingjing_widgets_bg.wasm`)"
        );
    }
    Ok(())
}

/// Builds the bundles into `pkg/` and writes the manifest, but leaves judging the review
/// page's size (returned, brotli'd) to the caller: the benchmark reports an overweight page
/// instead of stopping.
pub fn build_measured(profile: Profile) -> anyhow::Result<u64> {
    let started = Instant::now();
    deps::ensure_wasm_target()?;
    if profile == Profile::Release {
        npm_tools::ensure()?;
    }
    let (cargo_profile, profile_dir) = match profile {
        Profile::Release => ("wasm", "wasm"),
        Profile::Dev => ("dev", "debug"),
    };
    let staging = TempDir::new("mingjing-xtask-build")?;
    for bundle in &BUNDLES {
        say(format!("compiling {CRATE} for {WASM_TARGET} (profile {cargo_profile}, features {})", bundle.features));
        util::run(util::cargo().args([
            "build",
            "--profile",
            cargo_profile,
            "--target",
            WASM_TARGET,
            "-p",
            CRATE,
            "--no-default-features",
            "--features",
            bundle.features,
        ]))?;
        let rustc_wasm = util::target_dir().join(WASM_TARGET).join(profile_dir).join(format!("{STEM}.wasm"));
        if !rustc_wasm.is_file() {
            bail!("cargo finished but {} is missing (is {CRATE} a cdylib?)", rustc_wasm.display());
        }
        let out = staging.path().join(bundle.dir);
        bindgen(&rustc_wasm, &out)?;
        if profile == Profile::Release {
            wasm_opt(&out.join(format!("{STEM}_bg.wasm")))?;
        }
    }

    let pkg = pkg_dir();
    if pkg.exists() {
        fs::remove_dir_all(&pkg).with_context(|| format!("cannot clear {}", pkg.display()))?;
    }
    fs::create_dir_all(&pkg).with_context(|| format!("cannot create {}", pkg.display()))?;
    for bundle in &BUNDLES {
        fs::create_dir_all(pkg.join(bundle.dir))?;
        for name in [format!("{STEM}.js"), format!("{STEM}_bg.wasm")] {
            copy(&staging.path().join(bundle.dir).join(&name), &pkg.join(bundle.dir).join(&name))?;
        }
    }
    copy_assets(&pkg)?;
    if profile == Profile::Release {
        minify(&pkg)?;
    }

    let manifest_started = Instant::now();
    let effort = match profile {
        Profile::Release => manifest::Effort::Best,
        Profile::Dev => manifest::Effort::Fast,
    };
    let summary = manifest::write(&pkg, effort)?;
    say(format!("wrote {} in {}", manifest::FILE_NAME, util::format_duration(manifest_started.elapsed())));
    say(format!("wrote {} ({} files) in {}", pkg.display(), summary.files, util::format_duration(started.elapsed())));
    say(summary.line("review/mingjing_widgets_bg.wasm"));
    say(summary.line("suite/mingjing_widgets_bg.wasm"));
    let review_page: u64 = REVIEW_PAGE_FILES.iter().map(|f| summary.sizes.get(*f).map_or(0, |s| s.brotli)).sum();
    say(format!(
        "review form page: {} brotli (budget {})",
        util::format_size(review_page),
        util::format_size(REVIEW_PAGE_BUDGET_BROTLI)
    ));
    Ok(review_page)
}

/// Minifies every JavaScript and CSS file in `pkg/` in place (the loader, the wasm-bindgen
/// glue, the stylesheet), keeping the scripts ES modules. Comments and long names mean
/// nothing to a visitor's browser.
fn minify(pkg: &Path) -> anyhow::Result<()> {
    for file in util::files_under(pkg)? {
        let format = match file.extension().and_then(|e| e.to_str()) {
            Some("js") => "--format=esm",
            Some("css") => "--charset=utf8",
            _ => continue,
        };
        let path = pkg.join(&file);
        util::run(
            Command::new(npm_tools::esbuild())
                .arg(&path)
                .args(["--minify", format, "--target=es2020,chrome90", "--log-level=warning", "--allow-overwrite"])
                .arg(format!("--outfile={}", path.display())),
        )?;
    }
    Ok(())
}

/// Runs binaryen's wasm-opt -Oz (from npm) in place on wasm-bindgen's output.
fn wasm_opt(wasm: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let before = file_len(wasm)?;
    let optimised = wasm.with_extension("opt.wasm");
    util::run(
        Command::new(npm_tools::wasm_opt())
            .args(["-Oz", "--enable-bulk-memory", "--enable-reference-types", "--enable-multivalue"])
            .args(["--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals"])
            .arg(wasm)
            .arg("-o")
            .arg(&optimised),
    )?;
    fs::rename(&optimised, wasm)?;
    say(format!(
        "wasm-opt -Oz: {} -> {} in {}",
        util::format_size(before),
        util::format_size(file_len(wasm)?),
        util::format_duration(started.elapsed())
    ));
    Ok(())
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
