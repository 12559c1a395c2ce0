//! `mingjing staff …`: department staff who answer poor reviews on the desk.

use super::access::{issue_code, person_name, registered_site};
use crate::storage::{Role, Storage};
use anyhow::{Context, bail};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member to a site; prints their access code (shown only this once).
    Add {
        #[arg(long)]
        site: String,
        #[arg(long)]
        name: String,
        /// Also let them replace the collector's service catalogue, which every site shares,
        /// through `POST /api/v1/desk/catalog` (an instance-wide right, not the site's).
        #[arg(long)]
        catalog_admin: bool,
        /// Also let them read the site's audit log on the desk.
        #[arg(long)]
        site_admin: bool,
        /// Also let them confirm or refuse others' requests to exclude a review from the
        /// figures (申诉复核); a site needs two people for an exclusion.
        #[arg(long)]
        approver: bool,
    },
    /// List a site's staff.
    List {
        #[arg(long)]
        site: String,
    },
    /// Revoke a staff member's access at once, ending their sessions.
    Revoke {
        #[arg(long)]
        id: i64,
    },
    /// Give a staff member a new access code; the old one and its sessions stop at once.
    Reissue {
        #[arg(long)]
        id: i64,
    },
}

pub async fn run(storage: &Storage, cmd: StaffCommand) -> anyhow::Result<()> {
    match cmd {
        StaffCommand::Add { site, name, catalog_admin, site_admin, approver } => {
            let site = registered_site(storage, &site).await?;
            let name = person_name(&name)?;
            let id = storage.insert_staff(site.as_str(), name).await.context("cannot add the staff member")?;
            if catalog_admin {
                storage.set_staff_catalog_admin(id, true).await?;
            }
            if site_admin {
                storage.set_staff_site_admin(id, true).await?;
            }
            if approver {
                storage.set_staff_approver(id, true).await?;
            }
            issue_code(storage, Role::Staff, id).await?;
            eprintln!("give the access code to {name} in person: it is stored only hashed and cannot be shown again");
        }
        StaffCommand::List { site } => {
            for (id, name, active) in storage.list_staff(&site).await? {
                println!("{id}\t{name}\t{}", if active { "active" } else { "revoked" });
            }
        }
        StaffCommand::Revoke { id } => {
            if !storage.set_staff_active(id, false).await? {
                bail!("no staff member with id {id}");
            }
            println!("revoked staff {id}");
        }
        StaffCommand::Reissue { id } => {
            let Some(staff) = storage.staff(id).await? else { bail!("no staff member with id {id}") };
            if !staff.active {
                bail!("staff member {id} is revoked; add them again instead");
            }
            issue_code(storage, Role::Staff, id).await?;
        }
    }
    Ok(())
}
