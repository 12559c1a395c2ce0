//! `mingjing stats …`: the counts behind the published figures.

use clap::Subcommand;

use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Recompute every count from the reviews, in one transaction (other writers wait), and
    /// say whether the maintained counts had drifted from it.
    Rebuild,
    /// Compare the maintained counts with a recomputation from the reviews, writing nothing;
    /// exits with an error if they differ.
    Check,
}

pub async fn run(storage: &Storage, cmd: StatsCommand) -> anyhow::Result<()> {
    match cmd {
        StatsCommand::Rebuild => {
            let drifted = storage.counts().await? != storage.recount().await?;
            let counted = storage.rebuild_counts().await?;
            println!(
                "counted {counted} reviews; the maintained counts {}",
                if drifted { "had drifted" } else { "were exact" }
            );
        }
        StatsCommand::Check => {
            if storage.counts().await? != storage.recount().await? {
                anyhow::bail!("the maintained counts differ from the reviews: run `mingjing stats rebuild`");
            }
            println!("the maintained counts match the reviews");
        }
    }
    Ok(())
}
