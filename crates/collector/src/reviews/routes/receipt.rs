use axum::Json;
use axum::extract::{Path, State};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::desk::ReceiptStatus;
use mingjing_domain::follow_up::{Outcome, Stage};
use mingjing_domain::site::SiteId;

use crate::app::state::AppState;
use crate::china_time::now_millis;
use crate::china_time::rfc3339;
use crate::http::error::ApiError;
use crate::reviews::token::Claims;
use crate::storage::ReceiptRow;

/// How long a re-rating token stays valid once offered.
const RERATE_DAYS: i64 = 30;

/// Look up a review by its receipt: where the follow-up stands and the department's reply.
///
/// No personal data. Once a rectification is done and replied to, the answer carries a
/// token for rating the rectification once (evaluation number 2).
#[utoipa::path(
    get,
    path = "/api/v1/reviews/{receipt}",
    tag = "reviews",
    params(("receipt" = String, Path, description = "the receipt code the reviewer was given")),
    responses(
        (status = 200, description = "the review's follow-up", body = ReceiptStatus),
        (status = 404, description = "no review has this receipt", body = ErrorEnvelope),
    )
)]
pub async fn get(State(state): State<AppState>, Path(receipt): Path<String>) -> Result<Json<ReceiptStatus>, ApiError> {
    let not_found = || ApiError::NotFound { what: "receipt", field: Some("receipt") };
    let receipt = receipt.trim().to_ascii_uppercase();
    if receipt.len() != 12 || !receipt.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let row = state.storage.receipt(&receipt).await?.ok_or_else(not_found)?;
    let rerate_token = rerate_token(&state, &row).await?;
    Ok(Json(ReceiptStatus {
        receipt: row.receipt,
        service: row.service_code,
        rating: u8::try_from(row.rating).unwrap_or(1),
        stage: row.stage,
        due_date: row.due_date,
        reply: row.reply,
        closed_at: row.closed_at.map(rfc3339),
        rerate_token,
    }))
}

/// A token for evaluation 2, when the department fixed something and replied, and the
/// reviewer has not rated the fix yet. An open review's receipt stands in for the
/// transaction number it never had.
async fn rerate_token(state: &AppState, row: &ReceiptRow) -> Result<Option<String>, ApiError> {
    let fixed = row.outcome.is_some_and(Outcome::fixes);
    if row.stage != Some(Stage::Closed) || !fixed || row.evaluation_no == Some(2) {
        return Ok(None);
    }
    let transaction_no = row.transaction_no.clone().unwrap_or_else(|| format!("R-{}", row.receipt));
    if state.storage.evaluation_exists(&row.site_id, &transaction_no, 2).await? {
        return Ok(None);
    }
    let Ok(site_id) = SiteId::parse(&row.site_id) else { return Ok(None) };
    let Some(site) = state.sites.site(&state.storage, &site_id).await? else { return Ok(None) };
    let claims = Claims {
        site: row.site_id.clone(),
        service: row.service_code.clone(),
        transaction_no,
        evaluation_no: 2,
        channel: row.channel.code(),
        expires_at: now_millis() / 1000 + RERATE_DAYS * 86_400,
    };
    Ok(Some(crate::sites::keys::sign(&state.contact_key, &site, &claims)?))
}
