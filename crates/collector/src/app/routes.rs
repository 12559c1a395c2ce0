//! Every API route: each feature folder has its own `router()`, merged here, with the
//! public figures apart.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mingjing collector",
        description = "The shared collection service behind the Mingjing widgets: 好差评 reviews, the service catalogue and supervisors' observations.",
        license(name = "Apache-2.0")
    ),
    components(schemas(
        mingjing_domain::api_error::ErrorEnvelope,
        mingjing_domain::api_error::ErrorBody
    )),
    modifiers(&SiteSecret)
)]
struct ApiDoc;

/// The API routes and the OpenAPI document that describes exactly them: each route is
/// registered through `routes!`, which adds it to the router and the document together.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::http::health::router())
        .merge(crate::reviews::routes::router())
        .merge(crate::sites::routes::router())
        .merge(crate::desk::routes::router())
        .merge(crate::catalog::routes::router())
        .merge(crate::supervision::routes::router())
}

/// The published figures: public, open to every origin and served to be cached (see
/// `http/public_cache.rs`), so `app/startup.rs` puts them outside the API's CORS and
/// `no-store` layers.
pub fn public_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().merge(crate::stats::router()).merge(crate::supervision::routes::public_router())
}

/// Documents the bearer scheme that back-office calls authenticate with.
struct SiteSecret;

impl utoipa::Modify for SiteSecret {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "site_secret",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("the site secret that `mingjing site add` printed"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "staff_session",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("the token from POST /api/v1/staff/session"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "supervisor_session",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("the token from POST /api/v1/supervisor/session"))
                    .build(),
            ),
        );
    }
}

/// Documents on every operation the answer any request can get before its handler runs: a
/// 400 for a path segment, query string or header that does not parse. Applied to the
/// finished document, once every route is in it.
pub struct CommonResponses;

impl utoipa::Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let malformed = ResponseBuilder::new()
            .description("a path segment, query parameter or body that does not parse")
            .content(
                "application/json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorEnvelope"))).build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.post, &mut item.put, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                operation.responses.responses.entry("400".to_owned()).or_insert_with(|| malformed.clone().into());
            }
        }
    }
}
