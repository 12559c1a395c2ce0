//! `mingjing site …`: registering the department sites that embed the widgets.

use anyhow::{Context, bail};
use clap::Subcommand;
use mingjing_domain::site::SiteId;
use rand::Rng;

use crate::china_time::now_millis;
use crate::crypto::seal::ContactKey;
use crate::crypto::secret;
use crate::sites::{keys as site_keys, origin};
use crate::storage::{NewSite, Storage, StorageError};

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Register a site; prints its public id and its secret (shown only this once).
    Add {
        #[arg(long)]
        name: String,
        /// An origin the widgets will be embedded on, such as https://www.km.gov.cn (repeatable).
        #[arg(long = "origin", required = true)]
        origins: Vec<String>,
        /// Choose the public id instead of a random one.
        #[arg(long)]
        id: Option<String>,
        /// Succeed without changes when the id exists, adding any new origins.
        #[arg(long)]
        if_missing: bool,
    },
    /// List registered sites.
    List,
    /// Set a site's review settings from a JSON file (reasons, dimensions, deadlines, limits).
    /// Fields it leaves out take their defaults; `site show-config` prints the current ones.
    Configure {
        #[arg(long)]
        id: String,
        #[arg(long)]
        review_config: std::path::PathBuf,
    },
    /// Print a site's review settings as JSON, a starting point for `configure`.
    ShowConfig {
        #[arg(long)]
        id: String,
    },
    /// Replace a site's secret; prints the new one (shown only this once). The old secret
    /// stops authenticating back-office calls at once; review tokens it signed keep working
    /// for `--grace-days` (so links already sent by SMS still work), then stop.
    RotateSecret {
        #[arg(long)]
        id: String,
        /// Days the old secret's review tokens keep verifying; 0 when the old secret leaked.
        #[arg(long, default_value_t = 7)]
        grace_days: u32,
    },
    /// Stop accepting reviews from pages on one origin of a site.
    RemoveOrigin {
        #[arg(long)]
        id: String,
        #[arg(long)]
        origin: String,
    },
}

/// Runs one `site` subcommand; `key` seals the review-token keys it stores.
pub async fn run(storage: &Storage, key: &ContactKey, cmd: SiteCommand) -> anyhow::Result<()> {
    match cmd {
        SiteCommand::Add { name, origins, id, if_missing } => {
            let origins =
                origins.iter().map(|o| origin::parse(o)).collect::<Result<Vec<_>, _>>().map_err(anyhow::Error::msg)?;
            let id = match id {
                Some(raw) => SiteId::parse(&raw).map_err(|e| anyhow::anyhow!("--id: {}", e.message))?,
                None => random_site_id()?,
            };
            let name = name.trim().to_owned();
            if name.is_empty() {
                bail!("--name must not be empty");
            }
            let secret = secret::generate();
            let site = NewSite {
                id: id.clone(),
                name,
                origins: origins.clone(),
                secret_hash: secret::hash(&secret),
                token_key: site_keys::seal(key, &secret::token_key(&secret)),
            };
            match storage.insert_site(&site).await {
                Ok(()) => {
                    println!("site_id={id}");
                    println!("secret={secret}");
                    eprintln!("keep the secret now: it is stored only hashed and cannot be shown again");
                }
                Err(StorageError::Conflict(_)) if if_missing => {
                    storage.add_site_origins(&id, &origins).await?;
                    println!("site_id={id}");
                    eprintln!("site {id} already exists; origins updated, secret unchanged");
                }
                Err(StorageError::Conflict(_)) => bail!("site {id} already exists"),
                Err(e) => return Err(e).context("cannot register the site"),
            }
        }
        SiteCommand::Configure { id, review_config } => {
            let id = SiteId::parse(&id).map_err(|e| anyhow::anyhow!("--id: {}", e.message))?;
            let text = std::fs::read_to_string(&review_config)
                .with_context(|| format!("cannot read {}", review_config.display()))?;
            let config: mingjing_domain::review::ReviewConfig = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a review configuration", review_config.display()))?;
            config.validate().map_err(|e| anyhow::anyhow!("{}: {}", e.field, e.message))?;
            if !storage.set_site_config(&id, &serde_json::json!({ "review": config })).await? {
                bail!("site {id} is not registered");
            }
            println!("site {id} configured");
        }
        SiteCommand::ShowConfig { id } => {
            let id = SiteId::parse(&id).map_err(|e| anyhow::anyhow!("--id: {}", e.message))?;
            let site = storage.site(&id).await?.ok_or_else(|| anyhow::anyhow!("site {id} is not registered"))?;
            println!("{}", serde_json::to_string_pretty(site.review_config()?)?);
        }
        SiteCommand::RotateSecret { id, grace_days } => {
            let id = SiteId::parse(&id).map_err(|e| anyhow::anyhow!("--id: {}", e.message))?;
            let secret = rotate_secret(storage, key, &id, grace_days).await?;
            println!("site_id={id}");
            println!("secret={secret}");
            eprintln!(
                "keep the new secret now: it is stored only hashed. The old secret no longer authenticates; \
                 review tokens it signed verify for {grace_days} more day(s)"
            );
        }
        SiteCommand::RemoveOrigin { id, origin } => {
            let id = SiteId::parse(&id).map_err(|e| anyhow::anyhow!("--id: {}", e.message))?;
            let origin = origin::parse(&origin).map_err(anyhow::Error::msg)?;
            if !storage.remove_site_origin(&id, &origin).await? {
                bail!("site {id} does not list {origin}");
            }
            println!("site {id} no longer accepts {origin}");
        }
        SiteCommand::List => {
            for (id, name) in storage.list_sites().await? {
                println!("{id}\t{name}");
            }
        }
    }
    Ok(())
}

/// Gives a site a new secret and returns it; see `site rotate-secret`.
pub async fn rotate_secret(
    storage: &Storage,
    key: &ContactKey,
    id: &SiteId,
    grace_days: u32,
) -> anyhow::Result<String> {
    let secret = secret::generate();
    let until = now_millis() + i64::from(grace_days) * 86_400_000;
    let sealed = site_keys::seal(key, &secret::token_key(&secret));
    if !storage.rotate_site_secret(id, &secret::hash(&secret), &sealed, until).await? {
        bail!("site {id} is not registered");
    }
    Ok(secret)
}

fn random_site_id() -> anyhow::Result<SiteId> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let raw: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    SiteId::parse(&raw).map_err(|e| anyhow::anyhow!(e.message))
}
