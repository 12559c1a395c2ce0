//! `mingjing audit …`: reading the audit log of security events.

use clap::Subcommand;

use crate::china_time::rfc3339;
use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print audit entries, newest first, as tab-separated lines: time, site, actor, action,
    /// client (a keyed hash of the address) and reason.
    List {
        /// Only this site's entries.
        #[arg(long)]
        site: Option<String>,
        /// Only entries from this day on, `YYYY-MM-DD` (China time).
        #[arg(long)]
        since: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value_t = 1000)]
        limit: i64,
    },
}

pub async fn run(storage: &Storage, cmd: AuditCommand) -> anyhow::Result<()> {
    match cmd {
        AuditCommand::List { site, since, limit } => {
            let since = match since {
                Some(day) => {
                    let date = mingjing_domain::iso_date::parse(&day)
                        .ok_or_else(|| anyhow::anyhow!("--since must be a day such as 2026-01-31"))?;
                    crate::china_time::start_of_china_day(date)
                }
                None => 0,
            };
            for e in storage.audit_entries(site.as_deref(), since, None, limit.max(1)).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    rfc3339(e.at),
                    e.site_id,
                    e.actor,
                    e.action.as_str(),
                    e.client,
                    e.reason
                );
            }
        }
    }
    Ok(())
}
