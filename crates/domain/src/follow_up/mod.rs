//! What happens after a poor review (回访核实 → 整改 → 反馈), as a small state machine.
//!
//! The department calls the reviewer back (when they left a contact), verifies the
//! complaint, decides an outcome, rectifies when it planned to, and replies. Every step is
//! an append-only event; the stage is what the events add up to. The one state machine is
//! [`Stage::next_step`]: the collector checks a step against it and the desk shows the
//! form it names.

mod choices;
mod step;

use serde::{Deserialize, Serialize};

pub use choices::{Decision, Outcome, Verification};
pub use step::{FollowUpAction, FollowUpStep, IllegalStep, MAX_NOTE_CHARS};

/// Where a poor review's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Waiting for the call-back (or, for an anonymous review, the verification).
    New,
    CalledBack,
    Verified,
    /// A rectification plan with a due date is under way (限期整改).
    Rectifying,
    /// The outcome is settled; the reply to the reviewer is still to come.
    AwaitingReply,
    /// The reviewer has the department's reply.
    Closed,
}

impl Stage {
    pub const ALL: [Self; 6] =
        [Self::New, Self::CalledBack, Self::Verified, Self::Rectifying, Self::AwaitingReply, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::CalledBack => "called_back",
            Self::Verified => "verified",
            Self::Rectifying => "rectifying",
            Self::AwaitingReply => "awaiting_reply",
            Self::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The one step the follow-up allows next, or `None` once it is closed. A named
    /// reviewer (one who left a contact) is called back before the complaint is verified.
    pub fn next_step(self, named: bool) -> Option<StepKind> {
        Some(match self {
            Self::New if named => StepKind::CallBack,
            Self::New | Self::CalledBack => StepKind::Verify,
            Self::Verified => StepKind::Decide,
            Self::Rectifying => StepKind::Rectified,
            Self::AwaitingReply => StepKind::Reply,
            Self::Closed => return None,
        })
    }
}

/// The kinds of follow-up step, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    CallBack,
    Verify,
    Decide,
    Rectified,
    Reply,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CallBack => "call_back",
            Self::Verify => "verify",
            Self::Decide => "decide",
            Self::Rectified => "rectified",
            Self::Reply => "reply",
        }
    }
}
