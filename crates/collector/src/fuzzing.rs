//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpora
//! (`tests/fuzz_corpus.rs`): each takes arbitrary bytes and must neither panic nor hang,
//! whatever it is given.

use std::sync::OnceLock;

use mingjing_domain::catalog::CatalogFile;
use mingjing_domain::desk::{DeskEntry, RevealRequest, SignInRequest};
use mingjing_domain::follow_up::{FollowUpAction, FollowUpStep, Stage};
use mingjing_domain::parse::Parse;
use mingjing_domain::review::{Review, ReviewRequest};
use mingjing_domain::site::SiteId;
use mingjing_domain::supervision::{
    FollowUpRequest, NewObservation, Observation, ObservationStage, StaffAction, StaffStep, SupervisionSettings,
    check_note,
};
use mingjing_domain::transaction::{Transaction, TransactionRequest};

use crate::catalog::index::CatalogIndex;
use crate::china_time::china_date;
use crate::http::extract::parse;
use crate::supervision::lifecycle::staff_move;

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

/// Every JSON request body the API reads, through the functions its handler calls on it,
/// in the handler's order, as far as they need no database. The first byte picks the body,
/// so one corpus covers them all; each arm names the handler it follows.
pub fn request_body(data: &[u8]) {
    let Some((&kind, body)) = data.split_first() else { return };
    match kind % 8 {
        // routes::reviews::post::post
        0 => {
            if let Ok(req) = parse::<ReviewRequest>(body) {
                let _ = Review::parse(&req);
            }
        }
        // routes::transactions::post
        1 => {
            if let Ok(req) = parse::<TransactionRequest>(body) {
                let _ = Transaction::parse(&req);
            }
        }
        // routes::staff::sign_in and routes::supervisor::session::sign_in
        2 => {
            if let Ok(req) = parse::<SignInRequest>(body) {
                let _ = SiteId::parse(&req.site);
                let _ = crate::http::session::code_id(&req.code);
            }
        }
        // routes::desk::step::step
        3 => {
            if let Ok(raw) = parse::<FollowUpAction>(body)
                && let Ok(step) = FollowUpStep::parse(raw)
            {
                for (stage, named) in Stage::ALL.into_iter().flat_map(|s| [(s, false), (s, true)]) {
                    let _ = step.apply(stage, named);
                }
                let _ = DeskEntry::of(&step);
            }
        }
        // routes::desk::reveal::reveal, whose checks of the reason are in the handler itself
        4 => {
            let _ = parse::<RevealRequest>(body);
        }
        // routes::supervisor::observations::create
        5 => {
            if let Ok(raw) = parse::<NewObservation>(body)
                && let Ok(new) = Observation::parse(raw)
            {
                let _ = crate::supervision::observations::check_against(&new, demo_catalogue(), china_date(NOW));
            }
        }
        // routes::desk::observations::step, through lifecycle::staff_move
        6 => {
            if let Ok(raw) = parse::<StaffAction>(body)
                && let Ok(step) = StaffStep::parse(raw)
            {
                let settings = SupervisionSettings::default();
                for stage in ObservationStage::ALL {
                    let _ = staff_move(&step, stage, china_date(NOW), demo_catalogue(), &settings);
                }
            }
        }
        // routes::supervisor::observations::follow_up, through observations::follow_up
        _ => {
            if let Ok(req) = parse::<FollowUpRequest>(body) {
                let _ = check_note(&req.note);
            }
        }
    }
}

/// The moment the targets take as now, fixed so that a corpus replays alike on any day.
const NOW: i64 = 1_800_000_000_000;

/// The catalogue the handlers look departments and services up in, built once.
fn demo_catalogue() -> &'static CatalogIndex {
    static INDEX: OnceLock<CatalogIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let file = CatalogFile::parse_json(include_str!("../../domain/data/demo-catalog.json"));
        CatalogIndex::build(&file.expect("the demo catalogue parses").into_items())
    })
}
