//! A review as a letter for the outbox, and how each channel's device may keep it.
//!
//! On a citizen's own device a waiting review lives in `localStorage`, so it survives a
//! closed tab. A counter tablet (kiosk) keeps no personal data in the browser, so there it
//! is held in memory only. A hall terminal is shared too: it keeps the review in full for
//! this page and stores only a copy without the call-back contact, so the review still
//! arrives if the page is closed, but the next visitor cannot read the reviewer's name and
//! phone.

use mingjing_domain::review::{Channel, ReviewRequest};

use crate::api::{self, ApiFailure};
use crate::outbox::{Keeping, Letter};

impl Letter for ReviewRequest {
    // The review outbox's key from before the outbox was shared, so that reviews queued
    // by the earlier widget still go.
    const STORAGE_KEY: &'static str = "mingjing.outbox.v1";

    fn key(&self) -> &str {
        &self.idempotency_key
    }

    fn forget_personal_data(&mut self) {
        self.contact = None;
    }

    async fn send(&self, api: &str) -> Result<(), ApiFailure> {
        api::reviews::submit(api, self).await.map(drop)
    }
}

/// How a device on this channel may keep a review that could not be sent yet.
pub fn keeping(channel: Channel) -> Keeping {
    match channel {
        Channel::Kiosk => Keeping::InMemory,
        Channel::HallTerminal => Keeping::StoredWithoutPersonalData,
        _ => Keeping::Stored,
    }
}
