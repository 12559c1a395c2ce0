use serde::{Deserialize, Serialize};

use super::Certainty;

/// A number of working days, such as how long a case really took or how late it is.
///
/// Serializes as `{"days":12,"certainty":"estimate"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WorkingDays {
    pub days: u32,
    pub certainty: Certainty,
}
