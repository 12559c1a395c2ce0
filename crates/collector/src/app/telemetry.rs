use tracing_subscriber::EnvFilter;

/// Structured logs to stderr: JSON lines for machines, or compact text for people.
/// `MINGJING_LOG` (or `RUST_LOG`) sets the filter, `info` by default.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_env("MINGJING_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr);
    // A second init (in tests) is harmless: the first subscriber stays.
    let _ = if json { builder.json().try_init() } else { builder.compact().try_init() };
}
