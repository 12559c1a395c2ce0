//! The supervisor panel: a supervisor's figures, observations, photos and year-end report.

use mingjing_domain::supervision::{Dashboard, FollowUpRequest, NewObservation, ObservationSummary, ObservationView};
use serde::Deserialize;

use super::endpoints::{
    SUPERVISOR_DASHBOARD, SUPERVISOR_FOLLOW_UP, SUPERVISOR_OBSERVATION, SUPERVISOR_OBSERVATIONS, SUPERVISOR_PHOTO,
    SUPERVISOR_PHOTO_UPLOAD, SUPERVISOR_REPORT, SUPERVISOR_SUBMIT,
};
use super::session::Credentials;
use super::{ApiFailure, fetch, object_url, send, send_blob};

pub fn dashboard(c: &Credentials) -> impl Future<Output = Result<Dashboard, ApiFailure>> {
    fetch(SUPERVISOR_DASHBOARD.call(&c.api, &[]), Some(&c.token))
}

pub fn observations(c: &Credentials) -> impl Future<Output = Result<Vec<ObservationSummary>, ApiFailure>> {
    fetch(SUPERVISOR_OBSERVATIONS.call(&c.api, &[]), Some(&c.token))
}

/// Submits an observation; its idempotency key makes a resend store it once.
pub fn submit(
    c: &Credentials,
    observation: &NewObservation,
) -> impl Future<Output = Result<ObservationView, ApiFailure>> {
    send(SUPERVISOR_SUBMIT.call(&c.api, &[]), observation, Some(&c.token))
}

pub fn observation(c: &Credentials, id: i64) -> impl Future<Output = Result<ObservationView, ApiFailure>> {
    fetch(SUPERVISOR_OBSERVATION.call(&c.api, &[&id.to_string()]), Some(&c.token))
}

/// Reopens an answered observation the supervisor is not satisfied with.
pub fn follow_up(
    c: &Credentials,
    id: i64,
    request: &FollowUpRequest,
) -> impl Future<Output = Result<ObservationView, ApiFailure>> {
    send(SUPERVISOR_FOLLOW_UP.call(&c.api, &[&id.to_string()]), request, Some(&c.token))
}

/// Uploads a photo, which the collector checks and strips of its metadata; its id.
pub async fn upload_photo(c: &Credentials, photo: &web_sys::Blob) -> Result<i64, ApiFailure> {
    #[derive(Deserialize)]
    struct Uploaded {
        id: i64,
    }
    let uploaded: Uploaded = send_blob(SUPERVISOR_PHOTO_UPLOAD.call(&c.api, &[]), photo, &c.token).await?;
    Ok(uploaded.id)
}

/// A `blob:` URL for one of the supervisor's photos; the caller revokes it.
pub fn photo(c: &Credentials, id: i64) -> impl Future<Output = Result<String, ApiFailure>> {
    object_url(SUPERVISOR_PHOTO.call(&c.api, &[&id.to_string()]), &c.token)
}

/// A `blob:` URL for the year's report as CSV; the caller revokes it.
pub fn report_csv(c: &Credentials, year: &str) -> impl Future<Output = Result<String, ApiFailure>> {
    object_url(SUPERVISOR_REPORT.call_with_query(&c.api, &[], &[Some(year)]), &c.token)
}
