//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpora
//! (`tests/fuzz_corpus.rs`): each takes arbitrary bytes and must neither panic nor hang,
//! whatever it is given.

use mingjing_domain::catalog::CatalogFile;
use mingjing_domain::desk::{RevealRequest, SignInRequest};
use mingjing_domain::follow_up::FollowUpAction;
use mingjing_domain::review::{Review, ReviewRequest};
use mingjing_domain::supervision::{FollowUpRequest, NewObservation, StaffAction};
use mingjing_domain::transaction::{Transaction, TransactionRequest};

use crate::http::extract::parse;

/// The review token parser and verifier (`mj1.<payload>.<signature>`).
pub fn review_token(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = crate::reviews::token::parse_unverified(text);
    let _ = crate::reviews::token::verify(
        text,
        "bWluZ2ppbmctZnV6ei1rZXktMzItYnl0ZXMtbG9uZyE=",
        "site",
        "service",
        1_800_000_000,
    );
}

/// The catalogue importer: JSON, and the CSV variant.
pub fn catalogue(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = CatalogFile::parse_json(text);
    let _ = crate::catalog::csv::parse_csv(text, "fuzz", true);
}

/// Every JSON request body the API reads, through the same parser and checks as the routes.
/// The first byte picks the body type, so one corpus covers them all.
pub fn request_body(data: &[u8]) {
    let Some((&kind, body)) = data.split_first() else { return };
    match kind % 8 {
        0 => {
            if let Ok(req) = parse::<ReviewRequest>(body) {
                let _ = Review::parse(&req);
            }
        }
        1 => {
            if let Ok(req) = parse::<TransactionRequest>(body) {
                let _ = Transaction::parse(&req);
            }
        }
        2 => {
            let _ = parse::<SignInRequest>(body);
        }
        3 => {
            if let Ok(action) = parse::<FollowUpAction>(body) {
                let _ = action.validate();
            }
        }
        4 => {
            let _ = parse::<RevealRequest>(body);
        }
        5 => {
            if let Ok(observation) = parse::<NewObservation>(body) {
                let _ = observation.validate();
            }
        }
        6 => {
            if let Ok(action) = parse::<StaffAction>(body) {
                let _ = action.validate();
            }
        }
        _ => {
            let _ = parse::<FollowUpRequest>(body);
        }
    }
}
