//! An observation as a letter for the outbox. It waits in `localStorage` (a supervisor's
//! panel runs on their own device) and goes with the supervisor session of its site. While
//! there is no session, or the collector says it has ended, it keeps waiting for the next
//! sign-in rather than being given up.

use mingjing_domain::supervision::NewObservation;
use serde::{Deserialize, Serialize};

use super::draft;
use crate::api::session::{Credentials, Role};
use crate::api::{self, ApiFailure};
use crate::outbox::{self, Entry, Keeping, Letter};
use crate::shared::session_store;

#[derive(Debug, Serialize, Deserialize)]
pub struct QueuedObservation {
    /// The site whose supervisor session sends it.
    pub site: String,
    pub observation: NewObservation,
}

impl Letter for QueuedObservation {
    const STORAGE_KEY: &'static str = "mingjing.outbox.observations.v1";

    fn key(&self) -> &str {
        &self.observation.idempotency_key
    }

    async fn send(&self, api: &str) -> Result<(), ApiFailure> {
        // Not signed in: nothing can be sent, so the letter waits as if the collector were away.
        let token = session_store::load(Role::Supervisor, &self.site).ok_or(ApiFailure::Unreachable)?;
        api::supervision::submit(&Credentials { api: api.to_owned(), token }, &self.observation).await.map(drop)
    }

    fn should_wait(failure: &ApiFailure) -> bool {
        failure.is_retryable() || matches!(failure, ApiFailure::Refused(401, _))
    }
}

/// Keeps an observation that could not be sent, until the collector has it.
pub fn queue(api: &str, site: &str, observation: NewObservation) {
    let request = QueuedObservation { site: site.to_owned(), observation };
    outbox::push(Entry { api: api.to_owned(), request }, Keeping::Stored);
}

/// Moves the one submission an earlier version of the panel kept under its own key into
/// the outbox, so an upgrade loses nothing.
pub fn adopt_earlier(api: &str, site: &str) {
    let key = format!("mingjing.supervisor.outbox.{site}");
    if let Some(observation) = draft::load::<NewObservation>(&key) {
        queue(api, site, observation);
        draft::store::<NewObservation>(&key, None);
    }
}
