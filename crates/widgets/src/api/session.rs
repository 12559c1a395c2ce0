//! Staff and supervisor sessions: signing in with an access code, and signing out.

use mingjing_domain::desk::{SignInRequest, SignInResponse};

use super::endpoints::{STAFF_SIGN_IN, STAFF_SIGN_OUT, SUPERVISOR_SIGN_IN, SUPERVISOR_SIGN_OUT};
use super::{ApiFailure, send, send_empty};

/// Who signs in: department staff at the desk, or a supervisor in their panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Staff,
    Supervisor,
}

/// The collector's address and a session's token: what every call of the desk and the
/// supervisor panel goes with.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    pub api: String,
    pub token: String,
}

/// Opens a session; a 429 means the code was tried too often.
pub fn sign_in(
    api: &str,
    role: Role,
    request: &SignInRequest,
) -> impl Future<Output = Result<SignInResponse, ApiFailure>> {
    let endpoint = match role {
        Role::Staff => STAFF_SIGN_IN,
        Role::Supervisor => SUPERVISOR_SIGN_IN,
    };
    send(endpoint.call(api, &[]), request, None)
}

/// Ends the session on the collector, so the token stops working everywhere, not only in
/// this tab.
pub fn sign_out(credentials: &Credentials, role: Role) -> impl Future<Output = Result<(), ApiFailure>> {
    let endpoint = match role {
        Role::Staff => STAFF_SIGN_OUT,
        Role::Supervisor => SUPERVISOR_SIGN_OUT,
    };
    send_empty(endpoint.call(&credentials.api, &[]), &credentials.token)
}
