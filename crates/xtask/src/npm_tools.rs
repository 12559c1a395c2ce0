//! Tools from the npm registry, pinned by `crates/xtask/npm/package-lock.json` and installed
//! with `npm ci` into `target/npm-tools`: binaryen's `wasm-opt` (Debian's binaryen 108 cannot
//! read wasm-bindgen's output), `esbuild` to minify the bundle's JavaScript, and `axe-core` for
//! the accessibility tests.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::Context;

use crate::deps::{self, Need};
use crate::util::{self, say};

/// The folder whose `node_modules` holds the tools.
pub fn dir() -> PathBuf {
    util::target_dir().join("npm-tools")
}

pub fn wasm_opt() -> PathBuf {
    dir().join("node_modules/.bin/wasm-opt")
}

pub fn esbuild() -> PathBuf {
    dir().join("node_modules/.bin/esbuild")
}

pub fn axe() -> PathBuf {
    dir().join("node_modules/axe-core/axe.min.js")
}

/// Installs the pinned tools unless the same lock file is already installed.
pub fn ensure() -> anyhow::Result<()> {
    deps::ensure(&[Need::Node])?;
    let source = util::workspace_root().join("crates/xtask/npm");
    let lock = fs::read(source.join("package-lock.json")).context("cannot read crates/xtask/npm/package-lock.json")?;
    let dir = dir();
    let installed_lock = dir.join("package-lock.json");
    if wasm_opt().is_file()
        && esbuild().is_file()
        && axe().is_file()
        && fs::read(&installed_lock).ok().as_deref() == Some(lock.as_slice())
    {
        return Ok(());
    }
    fs::create_dir_all(&dir)?;
    fs::copy(source.join("package.json"), dir.join("package.json"))?;
    fs::write(&installed_lock, &lock)?;
    say(
        "installing binaryen (wasm-opt), esbuild and axe-core from npm, as pinned in crates/xtask/npm/package-lock.json",
    );
    util::run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&dir))?;
    Ok(())
}
