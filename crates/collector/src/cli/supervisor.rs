//! `mingjing supervisor …`: appointing business-environment supervisors (Art. 67).

use anyhow::{Context, bail};
use clap::Subcommand;
use mingjing_domain::supervision::Affiliation;

use super::access::{issue_code, person_name, registered_site};
use crate::china_time::now_millis;
use crate::storage::{Role, Storage};

#[derive(Debug, Subcommand)]
pub enum SupervisorCommand {
    /// Appoint a supervisor for a site's panel; prints their access code (shown only once).
    Add {
        #[arg(long)]
        site: String,
        #[arg(long)]
        name: String,
        /// npc (人大代表), cppcc (政协委员), chamber (商会代表), entrepreneur (民营企业家) or other.
        #[arg(long)]
        affiliation: String,
        /// The first day of the term, `YYYY-MM-DD`.
        #[arg(long)]
        term_start: String,
        /// The last day of the term, `YYYY-MM-DD`; the code stops working after it.
        #[arg(long)]
        term_end: String,
    },
    /// List a site's supervisors.
    List {
        #[arg(long)]
        site: String,
    },
    /// Revoke a supervisor's code at once; their sessions stop working too.
    Revoke {
        #[arg(long)]
        id: i64,
    },
    /// Give a supervisor a new access code; the old one and its sessions stop at once.
    Reissue {
        #[arg(long)]
        id: i64,
    },
    /// Extend a supervisor's term to a new last day.
    Renew {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        term_end: String,
    },
}

fn day(flag: &str, raw: &str) -> anyhow::Result<String> {
    mingjing_domain::iso_date::parse(raw)
        .map(mingjing_domain::iso_date::format)
        .with_context(|| format!("{flag} must be a day such as 2026-01-31"))
}

pub async fn run(storage: &Storage, cmd: SupervisorCommand) -> anyhow::Result<()> {
    match cmd {
        SupervisorCommand::Add { site, name, affiliation, term_start, term_end } => {
            let site = registered_site(storage, &site).await?;
            let name = person_name(&name)?;
            let Some(affiliation) = Affiliation::parse(&affiliation) else {
                bail!("--affiliation must be one of npc, cppcc, chamber, entrepreneur, other");
            };
            let (start, end) = (day("--term-start", &term_start)?, day("--term-end", &term_end)?);
            if end < start {
                bail!("--term-end is before --term-start");
            }
            let id = storage
                .insert_supervisor(site.as_str(), name, affiliation.as_str(), (&start, &end), now_millis())
                .await
                .context("cannot add the supervisor")?;
            issue_code(storage, Role::Supervisor, id).await?;
            eprintln!("give the access code to {name} in person: it is stored only hashed and cannot be shown again");
        }
        SupervisorCommand::List { site } => {
            for s in storage.list_supervisors(&site).await? {
                let state = if s.active { "active" } else { "revoked" };
                println!("{}\t{}\t{}\t{}..{}\t{state}", s.id, s.name, s.affiliation, s.term_start, s.term_end);
            }
        }
        SupervisorCommand::Revoke { id } => {
            if !storage.set_supervisor_active(id, false).await? {
                bail!("no supervisor with id {id}");
            }
            println!("revoked supervisor {id}");
        }
        SupervisorCommand::Reissue { id } => {
            let Some(current) = storage.supervisor(id).await? else { bail!("no supervisor with id {id}") };
            if !current.active {
                bail!("supervisor {id} is revoked; appoint them again instead");
            }
            issue_code(storage, Role::Supervisor, id).await?;
        }
        SupervisorCommand::Renew { id, term_end } => {
            let end = day("--term-end", &term_end)?;
            let Some(current) = storage.supervisor(id).await? else { bail!("no supervisor with id {id}") };
            if end < current.term_start {
                bail!("--term-end is before the term's start, {}", current.term_start);
            }
            storage.set_supervisor_term_end(id, &end).await?;
            println!("supervisor {id}'s term now ends on {end}");
        }
    }
    Ok(())
}
