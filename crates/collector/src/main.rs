fn main() -> anyhow::Result<()> {
    mingjing_collector::cli::run()
}
