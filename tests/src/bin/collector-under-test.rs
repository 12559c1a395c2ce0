//! The collector's own command line, built as a binary of this package so that the fault
//! tests can start it as a separate process and kill it (`CARGO_BIN_EXE_collector-under-test`).

fn main() -> anyhow::Result<()> {
    mingjing_collector::cli::run()
}
