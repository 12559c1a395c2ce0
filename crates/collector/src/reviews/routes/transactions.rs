use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use mingjing_domain::api_error::ErrorEnvelope;
use mingjing_domain::calendar::LimitUnit;
use mingjing_domain::transaction::{Transaction, TransactionReceipt, TransactionRequest};
use time::format_description::well_known::Rfc3339;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::state::AppState;
use crate::china_time;
use crate::http::auth::{public_base, require_site_secret};
use crate::http::error::ApiError;
use crate::http::extract::Valid;
use crate::reviews::token::Claims;
use crate::storage::NewTransaction;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post))
}

/// Register a completed transaction (办件) and get a review token for it.
///
/// A server-to-server call from the department's back office, authenticated with the
/// site secret. Registering the same transaction again with the same facts issues a new
/// token (200); with different facts it is refused (409).
#[utoipa::path(
    post,
    path = "/api/v1/transactions",
    tag = "reviews",
    request_body = TransactionRequest,
    security(("site_secret" = [])),
    responses(
        (status = 201, description = "registered", body = TransactionReceipt),
        (status = 200, description = "already registered with the same facts; a fresh token", body = TransactionReceipt),
        (status = 400, description = "malformed JSON or a wrong type", body = ErrorEnvelope),
        (status = 401, description = "missing or wrong site secret", body = ErrorEnvelope),
        (status = 404, description = "unknown site", body = ErrorEnvelope),
        (status = 409, description = "registered before with different facts", body = ErrorEnvelope),
        (status = 415, description = "not JSON", body = ErrorEnvelope),
        (status = 422, description = "a rule is broken; `field` names the field", body = ErrorEnvelope),
        (status = 503, description = "the database is unavailable; retry later", body = ErrorEnvelope),
    )
)]
async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Valid(t): Valid<Transaction>,
) -> Result<(StatusCode, Json<TransactionReceipt>), ApiError> {
    let site = state.site(&t.site).await?;
    require_site_secret(&headers, &site)?;
    let created = state
        .storage
        .register_transaction(&NewTransaction {
            site_id: t.site.to_string(),
            transaction_no: t.transaction_no.clone(),
            service_code: t.service.clone(),
            accepted_at: china_time::millis(t.accepted_at),
            completed_at: china_time::millis(t.completed_at),
            promised_amount: t.promised_limit.map(|l| i64::from(l.amount)),
            promised_unit: t.promised_limit.map(|l| unit_name(l.unit).to_owned()),
            overdue_reason: t.overdue_reason.clone(),
            channel: i64::from(t.channel.code()),
        })
        .await?;
    let expires = time::OffsetDateTime::now_utc() + time::Duration::days(i64::from(t.valid_days));
    let claims = Claims {
        site: t.site.to_string(),
        service: t.service.clone(),
        transaction_no: t.transaction_no.clone(),
        evaluation_no: 1,
        channel: t.channel.code(),
        expires_at: expires.unix_timestamp(),
    };
    let token = crate::sites::keys::sign(&state.contact_key, &site, &claims)?;
    // The token travels in the fragment, which browsers never send: it stays out of server
    // and proxy logs and out of the Referer header.
    let review_url = format!(
        "{}/review.html?site={}&service={}#token={}",
        public_base(state.public_url.as_deref(), &headers),
        t.site,
        t.service,
        token
    );
    let receipt = TransactionReceipt {
        token,
        review_url,
        expires_at: expires.format(&Rfc3339).map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(receipt)))
}

pub fn unit_name(unit: LimitUnit) -> &'static str {
    match unit {
        LimitUnit::WorkingDays => "working_days",
        LimitUnit::NaturalDays => "natural_days",
        LimitUnit::Hours => "hours",
    }
}
