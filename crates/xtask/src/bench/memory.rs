//! The collector's memory as the kernel counts it: resident now (`VmRSS`) and the most it has
//! ever been resident (`VmHWM`), from `/proc/<pid>/status`.

use anyhow::Context;

/// One reading, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resident {
    pub now: u64,
    pub peak: u64,
}

/// Reads the process's resident memory now and at its peak.
pub fn resident(pid: u32) -> anyhow::Result<Resident> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let now = field_kib(&status, "VmRSS:").with_context(|| format!("no VmRSS in {path}"))?;
    let peak = field_kib(&status, "VmHWM:").with_context(|| format!("no VmHWM in {path}"))?;
    Ok(Resident { now: now * 1024, peak: peak * 1024 })
}

/// `VmRSS:    13800 kB` gives 13800.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    let line = status.lines().find_map(|line| line.strip_prefix(name))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// `13.5 MB`, in decimal megabytes as the target is stated.
pub fn format_mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_in_kib() {
        let status = "Name:\tmingjing\nVmHWM:\t   14000 kB\nVmRSS:\t   13800 kB\n";
        assert_eq!(field_kib(status, "VmRSS:"), Some(13800));
        assert_eq!(field_kib(status, "VmHWM:"), Some(14000));
        assert_eq!(field_kib(status, "VmSwap:"), None);
    }

    #[test]
    fn this_process_has_resident_memory() {
        let own = resident(std::process::id()).unwrap();
        assert!(own.now > 0 && own.peak >= own.now);
    }
}
