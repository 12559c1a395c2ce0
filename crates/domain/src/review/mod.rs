//! The 好差评 review (Art. 66): what a citizen sends, and the rules it must satisfy.
//!
//! The widget runs [`Review::parse`] before it sends, and the collector runs it again on
//! what arrives, so a rule can never differ between the two.

mod channel;
mod config;
mod contact;
mod rating;
mod request;

pub use channel::Channel;
pub use config::{Choice, PublicSiteConfig, ReviewConfig};
pub use contact::{Contact, ContactRequest, MobileNumber};
pub use rating::Rating;
pub use request::{DimensionRequest, Review, ReviewReceipt, ReviewRequest, parse_service_code};
// The key's rule is shared with observations; it stays reachable from here for reviews.
pub use crate::idempotency_key::IdempotencyKey;

/// The longest comment a reviewer may write, in characters.
pub const MAX_COMMENT_CHARS: u32 = 500;
