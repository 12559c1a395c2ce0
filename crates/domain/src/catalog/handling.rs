use serde::{Deserialize, Serialize};

use super::reader::Choice;

/// Where an application can be made (办理形式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandlingForm {
    /// Only at a service counter (窗口办理).
    Counter,
    /// Only on the online platform (网上办理).
    Online,
    /// At the counter or online, as the applicant chooses (Art. 29 forbids limiting the
    /// channel, so this is the usual case).
    Both,
}

impl HandlingForm {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Counter => "counter",
            Self::Online => "online",
            Self::Both => "both",
        }
    }

    /// Whether the item can be applied for online at all.
    pub fn is_online(self) -> bool {
        !matches!(self, Self::Counter)
    }
}

impl Choice for HandlingForm {
    const ALLOWED: &'static str = "counter, online, both";
}

/// How many times an applicant must come to the service hall (到现场次数).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visits {
    Zero,
    One,
    Two,
    /// More than two visits; published guides say "多次".
    Many,
}

impl Visits {
    /// The count for display, or `None` for "many".
    pub fn count(self) -> Option<u32> {
        match self {
            Self::Zero => Some(0),
            Self::One => Some(1),
            Self::Two => Some(2),
            Self::Many => None,
        }
    }
}

impl Choice for Visits {
    const ALLOWED: &'static str = "zero, one, two, many";
}
