//! What `staff` and `supervisor` share: the site a person joins, their name, and the
//! access code they sign in with, printed once and stored only hashed.

use anyhow::bail;
use mingjing_domain::site::SiteId;

use crate::http::session;
use crate::storage::{Role, Storage};

/// A site that is registered, from `--site`.
pub async fn registered_site(storage: &Storage, raw: &str) -> anyhow::Result<SiteId> {
    let site = SiteId::parse(raw).map_err(|e| anyhow::anyhow!("--site: {}", e.message))?;
    if storage.site(&site).await?.is_none() {
        bail!("site {site} is not registered: run `mingjing site add` first");
    }
    Ok(site)
}

/// A person's name from `--name`, trimmed: 1 to 40 characters.
pub fn person_name(raw: &str) -> anyhow::Result<&str> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 40 {
        bail!("--name must be 1 to 40 characters");
    }
    Ok(name)
}

/// Gives `id` a new access code, ends the sessions an old one opened, and prints it.
pub async fn issue_code(storage: &Storage, role: Role, id: i64) -> anyhow::Result<()> {
    let code = session::new_access_code(id);
    let hash = session::hash_code(&code);
    match role {
        Role::Staff => storage.set_staff_code(id, &hash).await?,
        Role::Supervisor => storage.set_supervisor_code(id, &hash).await?,
    }
    let ended = storage.end_sessions_of(role, id).await?;
    println!("{}_id={id}", role.as_str());
    println!("access_code={code}");
    if ended > 0 {
        eprintln!("any old code no longer works; {ended} open session(s) ended");
    }
    Ok(())
}
