//! The department desk: staff sign-in, poor reviews with their deadlines, follow-up
//! steps, contact reveals, exports and the audit trail.

pub(crate) mod export;
pub(crate) mod routes;
