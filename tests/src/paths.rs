use std::path::PathBuf;

/// The workspace root, from `MINGJING_WORKSPACE` or this crate's location.
pub fn workspace() -> PathBuf {
    std::env::var_os("MINGJING_WORKSPACE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
}

/// The built widget bundle (`cargo xtask build` writes it).
pub fn pkg_dir() -> PathBuf {
    std::env::var_os("MINGJING_PKG_DIR").map(PathBuf::from).unwrap_or_else(|| workspace().join("pkg"))
}

pub fn www_dir() -> PathBuf {
    std::env::var_os("MINGJING_WWW_DIR").map(PathBuf::from).unwrap_or_else(|| workspace().join("www"))
}
