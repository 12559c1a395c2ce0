//! The department desk's JSON: what staff sign in with, list, open and record, and what a
//! reviewer sees when looking up a receipt. Shared by the desk widget and the collector.

use serde::{Deserialize, Serialize};

use crate::exclusion::{ExclusionCategory, ExclusionView};
use crate::follow_up::{FollowUpStep, Outcome, Stage, Verification};
use crate::review::Channel;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub site: String,
    /// The access code `mingjing staff add` printed.
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
    pub name: String,
}

/// A poor review on the desk. Contact details are masked; see [`RevealRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskItem {
    pub receipt: String,
    pub service: String,
    pub rating: u8,
    pub reasons: Vec<String>,
    pub comment: Option<String>,
    pub channel: Channel,
    pub verified: bool,
    /// RFC 3339.
    pub received_at: String,
    pub stage: Stage,
    /// The follow-up deadline, `YYYY-MM-DD`, in working days on the official calendar.
    pub due_date: String,
    /// Past the due date and not closed.
    pub overdue: bool,
    /// Whether the reviewer left a call-back contact.
    pub named: bool,
    /// 138****1234, when there is a contact.
    pub phone_masked: Option<String>,
}

/// One page of the desk's list, the soonest due first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskPage {
    pub items: Vec<DeskItem>,
    /// How many poor reviews the list holds in all, on every page.
    pub total: u64,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// One entry in a follow-up's append-only history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskEvent {
    /// What the entry records, tagged by `kind`.
    #[serde(flatten)]
    pub entry: DeskEntry,
    /// Who did it, such as `staff:7`.
    pub actor: String,
    /// The step's note, the reply, or the reason for a reveal.
    pub note: String,
    /// RFC 3339.
    pub at: String,
}

/// A follow-up step with the choice it made, or a reveal of the reviewer's contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeskEntry {
    CallBack {
        reached: bool,
    },
    Verify {
        verification: Verification,
    },
    Decide {
        outcome: Outcome,
        /// `YYYY-MM-DD`, for a rectification plan.
        plan_due: Option<String>,
    },
    Rectified,
    Reply,
    /// Staff saw the full contact, for the reason in the note.
    RevealContact,
    /// Staff asked for the review to leave the figures (申诉复核), for the reason in the note.
    ExclusionRequested {
        category: ExclusionCategory,
    },
    /// An approver confirmed it: the review no longer counts in the rating figures.
    ExclusionApproved {
        category: ExclusionCategory,
    },
    /// An approver refused it: the review still counts.
    ExclusionRefused {
        category: ExclusionCategory,
    },
}

impl DeskEntry {
    /// The history entry a step writes.
    pub fn of(step: &FollowUpStep) -> Self {
        match step {
            FollowUpStep::CallBack { reached, .. } => Self::CallBack { reached: *reached },
            FollowUpStep::Verify { verification, .. } => Self::Verify { verification: *verification },
            FollowUpStep::Decide { decision, .. } => {
                Self::Decide { outcome: decision.outcome(), plan_due: decision.plan_due().map(crate::iso_date::format) }
            }
            FollowUpStep::Rectified { .. } => Self::Rectified,
            FollowUpStep::Reply { .. } => Self::Reply,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskDetail {
    pub item: DeskItem,
    pub events: Vec<DeskEvent>,
    pub reply: Option<String>,
    /// A request to exclude the review from the figures, waiting or approved.
    pub exclusion: Option<ExclusionView>,
}

/// Staff must give a reason to see a reviewer's full phone number; the reveal is logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevealRequest {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevealedContact {
    pub name: String,
    pub phone: String,
}

/// What a reviewer sees for their receipt: no personal data, the department's reply, and
/// after a rectification a token to rate it (evaluation number 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptStatus {
    pub receipt: String,
    pub service: String,
    pub rating: u8,
    /// Only poor reviews are followed up.
    pub stage: Option<Stage>,
    pub due_date: Option<String>,
    pub reply: Option<String>,
    pub closed_at: Option<String>,
    /// Present once a rectification is done and the reviewer has not yet rated it.
    pub rerate_token: Option<String>,
}

/// What a security event in the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    LockedOut,
    RevealContact,
    ExportPersonalData,
}

impl AuditAction {
    pub const ALL: [AuditAction; 5] = [
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::LockedOut,
        AuditAction::RevealContact,
        AuditAction::ExportPersonalData,
    ];

    /// How the action is stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::LockedOut => "locked_out",
            AuditAction::RevealContact => "reveal_contact",
            AuditAction::ExportPersonalData => "export_personal_data",
        }
    }

    pub fn parse(stored: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == stored)
    }
}

/// The signed-in staff member, as the desk needs to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskProfile {
    pub name: String,
    /// Reads the site's audit log.
    pub site_admin: bool,
    /// May replace the collector's one service catalogue.
    pub catalog_admin: bool,
    /// May confirm or refuse another's request to exclude a review (申诉复核).
    pub approver: bool,
}

/// One security event in a site's audit log, as a site administrator reads it on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    /// For paging: pass the last one's `id` as `before`.
    pub id: i64,
    /// RFC 3339, China time.
    pub at: String,
    /// Who, by role and id (`staff:7`, `supervisor:3`), never by name.
    pub actor: String,
    pub action: AuditAction,
    /// A keyed hash of the client's address: the same client gives the same hash.
    pub client: String,
    /// The reason given, where the action needs one.
    pub reason: String,
}
