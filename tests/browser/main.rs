//! Browser tests: the real widget bundle in a real headless Chromium, against the real
//! collector on port 0.

mod demo_page;
mod embedding;
mod review_form;
