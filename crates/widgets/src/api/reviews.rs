//! Reviews, as a citizen sends them and looks them up.

use mingjing_domain::desk::ReceiptStatus;
use mingjing_domain::review::{ReviewReceipt, ReviewRequest};

use super::endpoints::{RECEIPT, REVIEWS};
use super::{ApiFailure, fetch, send};

/// Sends a review; the receipt says it is stored (now or by an earlier try with its key).
pub fn submit(api: &str, review: &ReviewRequest) -> impl Future<Output = Result<ReviewReceipt, ApiFailure>> {
    send(REVIEWS.call(api, &[]), review, None)
}

/// Where the follow-up of the review with this receipt stands.
pub fn status(api: &str, receipt: &str) -> impl Future<Output = Result<ReceiptStatus, ApiFailure>> {
    fetch(RECEIPT.call(api, &[receipt]), None)
}
