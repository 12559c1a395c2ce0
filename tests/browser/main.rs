//! Browser tests: the real widget bundle in a real headless Chromium, against the real
//! collector on port 0.

// Test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

mod accessibility;
mod demo_page;
mod desk_audit;
mod embedding;
mod exclusion;
mod follow_up;
mod lookup;
mod outbox;
mod review_form;
mod review_link;
mod sign_out;
mod stats;
mod supervisor;
mod xss;
