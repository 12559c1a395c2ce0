//! The desk: the site's poor reviews and supervisors' observations as department staff
//! follow them up, and the audit log for the site's administrators.

use mingjing_domain::desk::{AuditEntryView, DeskDetail, DeskPage, DeskProfile, RevealRequest, RevealedContact};
use mingjing_domain::exclusion::{ExclusionDecision, ExclusionRequest};
use mingjing_domain::follow_up::FollowUpAction;
use mingjing_domain::supervision::{ObservationSummary, ObservationView, StaffAction};

use super::endpoints::{
    DESK_AUDIT, DESK_EXCLUSION, DESK_EXCLUSION_DECISION, DESK_ME, DESK_OBSERVATION, DESK_OBSERVATION_PHOTO,
    DESK_OBSERVATION_STEP, DESK_OBSERVATIONS, DESK_REVEAL, DESK_REVIEW, DESK_REVIEW_STEP, DESK_REVIEWS,
};
use super::session::Credentials;
use super::{ApiFailure, fetch, object_url, send};

/// Who is signed in, and whether they administer the site.
pub fn me(c: &Credentials) -> impl Future<Output = Result<DeskProfile, ApiFailure>> {
    fetch(DESK_ME.call(&c.api, &[]), Some(&c.token))
}

/// One page of the open poor reviews, the soonest due first: the first, or the one after
/// the `next` of the page before.
pub fn reviews(c: &Credentials, after: Option<&str>) -> impl Future<Output = Result<DeskPage, ApiFailure>> {
    fetch(DESK_REVIEWS.call_with_query(&c.api, &[], &[after]), Some(&c.token))
}

pub fn review(c: &Credentials, receipt: &str) -> impl Future<Output = Result<DeskDetail, ApiFailure>> {
    fetch(DESK_REVIEW.call(&c.api, &[receipt]), Some(&c.token))
}

/// A reviewer's contact, for the reason given; the collector logs the reveal.
pub fn reveal(
    c: &Credentials,
    receipt: &str,
    request: &RevealRequest,
) -> impl Future<Output = Result<RevealedContact, ApiFailure>> {
    send(DESK_REVEAL.call(&c.api, &[receipt]), request, Some(&c.token))
}

/// Records the next follow-up step on a poor review; the answer is the review with its
/// history.
pub fn record_step(
    c: &Credentials,
    receipt: &str,
    step: &FollowUpAction,
) -> impl Future<Output = Result<DeskDetail, ApiFailure>> {
    send(DESK_REVIEW_STEP.call(&c.api, &[receipt]), step, Some(&c.token))
}

/// Asks for a review to be excluded from the figures (申诉复核).
pub fn request_exclusion(
    c: &Credentials,
    receipt: &str,
    request: &ExclusionRequest,
) -> impl Future<Output = Result<DeskDetail, ApiFailure>> {
    send(DESK_EXCLUSION.call(&c.api, &[receipt]), request, Some(&c.token))
}

/// Confirms or refuses the waiting request to exclude a review.
pub fn decide_exclusion(
    c: &Credentials,
    receipt: &str,
    decision: &ExclusionDecision,
) -> impl Future<Output = Result<DeskDetail, ApiFailure>> {
    send(DESK_EXCLUSION_DECISION.call(&c.api, &[receipt]), decision, Some(&c.token))
}

pub fn observations(c: &Credentials) -> impl Future<Output = Result<Vec<ObservationSummary>, ApiFailure>> {
    fetch(DESK_OBSERVATIONS.call(&c.api, &[]), Some(&c.token))
}

pub fn observation(c: &Credentials, id: i64) -> impl Future<Output = Result<ObservationView, ApiFailure>> {
    fetch(DESK_OBSERVATION.call(&c.api, &[&id.to_string()]), Some(&c.token))
}

/// Records the department's next step on an observation.
pub fn observation_step(
    c: &Credentials,
    id: i64,
    step: &StaffAction,
) -> impl Future<Output = Result<ObservationView, ApiFailure>> {
    send(DESK_OBSERVATION_STEP.call(&c.api, &[&id.to_string()]), step, Some(&c.token))
}

/// A `blob:` URL for one photo of an observation; the caller revokes it.
pub fn observation_photo(c: &Credentials, id: i64, photo: i64) -> impl Future<Output = Result<String, ApiFailure>> {
    object_url(DESK_OBSERVATION_PHOTO.call(&c.api, &[&id.to_string(), &photo.to_string()]), &c.token)
}

/// One page of the audit log, newest first: `limit` entries older than the entry `before`.
pub fn audit(
    c: &Credentials,
    limit: u32,
    before: Option<i64>,
) -> impl Future<Output = Result<Vec<AuditEntryView>, ApiFailure>> {
    let (limit, before) = (limit.to_string(), before.map(|id| id.to_string()));
    fetch(DESK_AUDIT.call_with_query(&c.api, &[], &[Some(&limit), before.as_deref()]), Some(&c.token))
}
