//! Appointed supervisors (Art. 67): their observations and photos, the departments'
//! verification and rectification, and the published figures.

pub(crate) mod figures;
pub(crate) mod lifecycle;
pub(crate) mod observations;
pub mod photo;
pub(crate) mod routes;
